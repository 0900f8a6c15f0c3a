"""Training in the admin: read-only, scoped to the admin's clinic."""

from __future__ import annotations

from django.contrib import admin

from hipdip.web.accounts.admin_scoping import ClinicScopedAdmin
from hipdip.web.training.models import Programme, WorkoutLog


@admin.register(Programme)
class ProgrammeAdmin(ClinicScopedAdmin):
    clinic_lookup = "patient__clinic"
    audit_action = "programme.view"
    list_display = ("patient", "goal", "level", "start_date", "weeks", "status")
    list_filter = ("goal", "status")
    fields = (*list_display, "equipment", "days_per_week", "created_at")
    readonly_fields = fields


@admin.register(WorkoutLog)
class WorkoutLogAdmin(ClinicScopedAdmin):
    clinic_lookup = "programme__patient__clinic"
    audit_action = "workout_log.view"
    list_display = ("programme", "session_date", "rpe", "revision", "updated_at")
    fields = list_display
    readonly_fields = fields
