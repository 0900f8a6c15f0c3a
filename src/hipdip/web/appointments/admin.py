"""Appointments in the admin, read-only and scoped to the admin's clinic (visits are
booked, moved and cancelled in the app; hours and rules on its staff pages)."""

from __future__ import annotations

from django.contrib import admin

from hipdip.web.accounts.admin_scoping import ClinicScopedAdmin
from hipdip.web.appointments.models import Appointment, AppointmentType


@admin.register(AppointmentType)
class AppointmentTypeAdmin(ClinicScopedAdmin):
    clinic_lookup = "clinic"
    audit_action = "appointment_type.view"
    list_display = ("name", "kind", "duration_minutes", "patient_bookable", "active")
    list_filter = ("kind", "active")


@admin.register(Appointment)
class AppointmentAdmin(ClinicScopedAdmin):
    clinic_lookup = "clinic"
    audit_action = "appointment.view"
    list_display = ("patient", "type", "staff", "start", "status")
    list_filter = ("status",)
    fields = (*list_display, "end", "created_by", "created_at", "cancelled_at")
    readonly_fields = fields
