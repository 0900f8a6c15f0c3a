from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.accounts.admin_scoping import ClinicScopedAdmin, is_admin_user
from hipdip.web.accounts.models import ApiToken, Clinic, Invitation, User
from hipdip.web.accounts.services import api_tokens_revoke_all
from hipdip.web.accounts.services.team import sessions_end


@admin.register(Clinic)
class ClinicAdmin(ClinicScopedAdmin):
    clinic_lookup = "pk"
    editable_by_clinic_admin = True
    list_display = ("name", "slug", "created_at")
    readonly_fields = ("slug", "created_at")
    fields = ("name", "slug", "created_at")


@admin.register(User)
class UserAdmin(ClinicScopedAdmin):
    """Clinic admins may rename people of their clinic here, nothing more: deactivating
    and roles are on the team page (which guards the last admin). An operator who
    deactivates someone here ends their sessions and API tokens as the team page does."""

    editable_by_clinic_admin = True
    list_display = ("email", "full_name", "role", "clinic", "is_active", "last_login")
    list_filter = ("role", "is_active")
    search_fields = ("email", "full_name")
    ordering = ("full_name",)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        base = ["email", "full_name", "role", "clinic", "is_active", "last_login", "date_joined"]
        if getattr(request.user, "is_superuser", False):
            base += ["is_staff", "is_superuser"]
        return base

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if getattr(request.user, "is_superuser", False):
            return ["last_login", "date_joined"]
        return ["email", "role", "clinic", "is_active", "last_login", "date_joined"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            actor = actor_from_request(request, channel="admin")
            api_tokens_revoke_all(actor=actor, user=obj)
            sessions_end(obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Nobody edits their own account here (no self-lockout or self-promotion).
        if obj is not None and obj.pk == request.user.pk:
            return False
        return super().has_change_permission(request, obj)


@admin.register(Invitation)
class InvitationAdmin(ClinicScopedAdmin):
    list_display = ("user", "role", "clinic", "created_at", "expires_at", "accepted_at")
    list_filter = ("role",)
    readonly_fields = (
        "user",
        "role",
        "clinic",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    )
    exclude = ("token_hash",)
    actions = ("revoke",)

    @admin.action(description="Revoke the selected invitations")
    def revoke(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        queryset.filter(accepted_at=None, revoked_at=None).update(revoked_at=timezone.now())

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return super().get_actions(request) if is_admin_user(request.user) else {}


@admin.register(ApiToken)
class ApiTokenAdmin(ClinicScopedAdmin):
    clinic_lookup = "user__clinic"
    list_display = (
        "prefix",
        "user",
        "name",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    readonly_fields = (
        "prefix",
        "user",
        "name",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    exclude = ("key_hash",)
    actions = ("revoke",)

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        queryset.filter(revoked_at=None).update(revoked_at=timezone.now())
