from __future__ import annotations

from django.contrib import admin

from hipdip.web.accounts.admin_scoping import ClinicScopedAdmin
from hipdip.web.patients.models import Patient


@admin.register(Patient)
class PatientAdmin(ClinicScopedAdmin):
    audit_action = "patient.view"
    list_display = ("__str__", "email", "clinic", "created_at")
    search_fields = ("user__email", "user__full_name")
    readonly_fields = ("user", "clinic", "created_at", "created_by")
    fields = ("user", "clinic", "created_at", "created_by")
