"""The clinic in the admin: a clinic admin edits the clinic's care settings and reads its
audit trail (never edits it)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import ForeignKey
from django.forms import ModelChoiceField
from django.http import HttpRequest

from hipdip.web.accounts.admin_scoping import ClinicScopedAdmin, is_admin_user
from hipdip.web.accounts.models import Clinic
from hipdip.web.audit.models import AuditEvent
from hipdip.web.clinic.models import ClinicCareSettings


@admin.register(ClinicCareSettings)
class ClinicCareSettingsAdmin(ClinicScopedAdmin):
    clinic_lookup = "clinic"
    editable_by_clinic_admin = True
    list_display = ("clinic", "default_timezone", "updated_at")
    fields = ("clinic", "overrides", "alert_emails", "default_timezone")
    #: Clinical values change on the clinic's settings page (validated, versioned, audited).
    readonly_fields = ("overrides",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_admin_user(request.user)

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        user: Any = request.user
        if db_field.name == "clinic" and not user.is_superuser:
            kwargs["queryset"] = Clinic.objects.filter(pk=user.clinic_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(AuditEvent)
class AuditEventAdmin(ClinicScopedAdmin):
    """Append-only: nobody, not even an operator, edits or deletes events here."""

    list_display = (
        "at",
        "actor_email",
        "actor_role",
        "action",
        "outcome",
        "patient",
        "channel",
        "ip",
    )
    list_filter = ("outcome", "channel", "actor_role", "action")
    search_fields = ("actor_email", "action", "object_id", "patient__user__email")
    date_hierarchy = "at"
    readonly_fields = tuple(f.name for f in AuditEvent._meta.fields)

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
