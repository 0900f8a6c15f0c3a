"""Recovery in the admin: a clinic admin edits the clinic's care settings; courses and
check-ins are shown read-only (their pages in the app are the place to work on them)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import ForeignKey
from django.forms import ModelChoiceField
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from hipdip.web.accounts.models import Clinic
from hipdip.web.core.admin_scoping import ClinicScopedAdmin, is_admin_user
from hipdip.web.recovery.models import CheckIn, ClinicCareSettings, RecoveryCourse


@admin.register(ClinicCareSettings)
class ClinicCareSettingsAdmin(ClinicScopedAdmin):
    clinic_lookup = "clinic"
    editable_by_clinic_admin = True
    list_display = ("clinic", "default_timezone", "updated_at")
    fields = ("clinic", "overrides", "alert_emails", "default_timezone")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_admin_user(request.user)

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        user: Any = request.user
        if db_field.name == "clinic" and not user.is_superuser:
            kwargs["queryset"] = Clinic.objects.filter(pk=user.clinic_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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
