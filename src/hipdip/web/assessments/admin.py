"""Photo sessions, markings and gallery consents in the admin: metadata, status and
read-only records. Pictures are not shown here; links open the app's authorised pages."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from hipdip.web.accounts.admin_scoping import ClinicScopedAdmin
from hipdip.web.assessments.models import GalleryConsent, MarkingSet, Photo, PhotoSession


class PhotoInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Photo
    fields = ("view", "status", "error_code", "left_depth_mm", "right_depth_mm", "analysed_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(PhotoSession)
class PhotoSessionAdmin(ClinicScopedAdmin):
    clinic_lookup = "patient__clinic"
    audit_action = "photo_session.view"
    list_display = ("patient", "purpose", "post_op_week", "taken_on", "created_at")
    list_filter = ("purpose",)
    search_fields = ("patient__user__email", "patient__user__full_name")
    fields = (
        "patient",
        "purpose",
        "post_op_week",
        "height_cm",
        "weight_kg",
        "taken_on",
        "created_by",
        "created_at",
        "open_in_app",
    )
    readonly_fields = fields
    inlines = (PhotoInline,)

    @admin.display(description="Pictures and results")
    def open_in_app(self, obj: PhotoSession) -> str:
        url = reverse("photos:session", kwargs={"session_id": obj.pk})
        return format_html('<a href="{}">Open the session page</a>', url)


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
