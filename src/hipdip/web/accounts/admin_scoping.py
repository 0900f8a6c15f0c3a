"""Django admin for clinic admins: every model admin shows only the admin's own clinic.

Platform operators (superusers) see everything. Admin pages that show patient data are
audited like the app's own pages.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse

from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.audit.services import audit_record


def is_admin_user(user: Any) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and (user.is_superuser or getattr(user, "is_clinic_admin", False))
    )


class ClinicScopedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only by default; `clinic_lookup` is the ORM path from the model to its Clinic."""

    clinic_lookup: str = "clinic"
    editable_by_clinic_admin: bool = False
    audit_action: str | None = None

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        user: Any = request.user
        if user.is_superuser:
            return qs
        if not is_admin_user(user):
            return qs.none()
        return qs.filter(**{self.clinic_lookup: user.clinic_id})

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_admin_user(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return is_admin_user(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        user: Any = request.user
        return is_admin_user(user) and (user.is_superuser or self.editable_by_clinic_admin)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(getattr(request.user, "is_superuser", False))

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return bool(getattr(request.user, "is_superuser", False))

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        if self.audit_action and response.status_code == 200:
            obj = self.get_object(request, object_id)
            if obj is not None:
                self._audit(request, obj)
        return response

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        if self.audit_action and response.status_code == 200:
            audit_record(
                actor=actor_from_request(request, channel="admin"),
                action=f"{self.model._meta.model_name}.list",
            )
        return response

    def _audit(self, request: HttpRequest, obj: Model) -> None:
        owner = getattr(obj, "owner_patient", None)
        patient = owner() if callable(owner) else None
        assert self.audit_action is not None
        audit_record(
            actor=actor_from_request(request, channel="admin"),
            action=self.audit_action,
            patient=patient,
            target=obj,
        )
