"""Photo sessions in the admin: metadata and status only. Pictures are not shown here;
the link opens the app's authorised page."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from hipdip.web.accounts.admin_scoping import ClinicScopedAdmin
from hipdip.web.photos.models import Photo, PhotoSession


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
