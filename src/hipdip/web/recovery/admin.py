"""Recovery in the admin: courses and check-ins are shown read-only (their pages in the
app are the place to work on them). The clinic's care settings are in the clinic admin."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from hipdip.web.accounts.admin_scoping import ClinicScopedAdmin
from hipdip.web.recovery.models import CheckIn, RecoveryCourse


@admin.register(RecoveryCourse)
class RecoveryCourseAdmin(ClinicScopedAdmin):
    clinic_lookup = "patient__clinic"
    audit_action = "recovery_course.view"
    list_display = ("patient", "procedure_date", "timezone", "training_hold", "training_cleared_on")
    search_fields = ("patient__user__email", "patient__user__full_name")
    fields = (
        "patient",
        "procedure_date",
        "timezone",
        "procedure_ref",
        "training_hold",
        "training_cleared_on",
        "clearance_by",
        "clearance_at",
        "created_at",
        "open_in_app",
    )
    readonly_fields = fields

    @admin.display(description="Recovery page")
    def open_in_app(self, obj: RecoveryCourse) -> str:
        url = reverse("recovery:recovery", kwargs={"patient_id": obj.patient_id})
        return format_html('<a href="{}">Open the recovery page</a>', url)


@admin.register(CheckIn)
class CheckInAdmin(ClinicScopedAdmin):
    clinic_lookup = "course__patient__clinic"
    audit_action = "checkin.view"
    list_display = ("course", "day", "level", "submitted_at", "acknowledged_at", "notify_status")
    list_filter = ("level", "notify_status")
    fields = (
        "course",
        "day",
        "local_date",
        "submitted_at",
        "level",
        "staff_summary",
        "acknowledged_at",
        "acknowledged_by",
        "notify_status",
        "notify_attempts",
        "notify_error",
    )
    readonly_fields = fields
