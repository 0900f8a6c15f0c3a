"""Markings and gallery consents in the admin: read-only records. Pictures are not shown
here; the markings link opens the app's authorised page."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from hipdip.web.accounts.admin_scoping import ClinicScopedAdmin
from hipdip.web.imaging.models import GalleryConsent, MarkingSet


@admin.register(MarkingSet)
class MarkingSetAdmin(ClinicScopedAdmin):
    clinic_lookup = "patient__clinic"
    audit_action = "markings.view"
    list_display = ("patient", "photo", "plan_id", "version", "updated_by", "updated_at")
    search_fields = ("patient__user__email", "patient__user__full_name")
    fields = ("patient", "photo", "plan_id", "version", "updated_by", "updated_at", "open_in_app")
    readonly_fields = fields

    @admin.display(description="Marks")
    def open_in_app(self, obj: MarkingSet) -> str:
        url = reverse("imaging:markings", kwargs={"photo_id": obj.photo_id})
        return format_html('<a href="{}">Open the markings page</a>', url)


@admin.register(GalleryConsent)
class GalleryConsentAdmin(ClinicScopedAdmin):
    clinic_lookup = "patient__clinic"
    audit_action = "gallery_consent.list"
    list_display = ("patient", "scope", "granted_at", "recorded_by", "revoked_at")
    list_filter = ("scope",)
    search_fields = ("patient__user__email", "patient__user__full_name")
    fields = ("patient", "scope", "granted_at", "note", "recorded_by", "revoked_at", "revoked_by")
    readonly_fields = fields
