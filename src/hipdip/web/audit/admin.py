from __future__ import annotations

from django.contrib import admin

from hipdip.web.audit.admin_scoping import ClinicScopedAdmin
from hipdip.web.audit.models import AuditEvent


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
