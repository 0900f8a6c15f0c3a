"""The record of deliveries in the admin: read-only, each clinic admin sees their own
clinic's people (operators see all)."""

from __future__ import annotations

from django.contrib import admin

from hipdip.web.accounts.admin_scoping import ClinicScopedAdmin
from hipdip.web.notifications.models import Delivery


@admin.register(Delivery)
class DeliveryAdmin(ClinicScopedAdmin):
    clinic_lookup = "recipient__clinic"
    list_display = ("created_at", "recipient", "channel", "kind", "status", "attempts", "sent_at")
    list_filter = ("status", "channel", "kind", "urgent")
    search_fields = ("recipient__email", "dedupe_key")
    exclude = ("body",)
    readonly_fields = (
        "recipient",
        "channel",
        "kind",
        "urgent",
        "status",
        "attempts",
        "error",
        "dedupe_key",
        "address",
        "subject",
        "link",
        "created_at",
        "not_before",
        "sent_at",
        "updated_at",
    )
