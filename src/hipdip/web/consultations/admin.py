"""Admin: a clinic's body-image questionnaire (its original wording, if licensed). Intakes,
findings and overrides are worked on in the app, where access is checked and audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import ForeignKey
from django.forms import ModelChoiceField
from django.http import HttpRequest

from hipdip.web.accounts.admin_scoping import ClinicScopedAdmin, is_admin_user
from hipdip.web.accounts.models import Clinic
from hipdip.web.consultations.models import ClinicQuestionnaire


@admin.register(ClinicQuestionnaire)
class ClinicQuestionnaireAdmin(ClinicScopedAdmin):
    clinic_lookup = "clinic"
    editable_by_clinic_admin = True
    list_display = ("clinic", "instrument", "updated_at")
    fields = ("clinic", "instrument", "original_wording")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_admin_user(request.user)

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        user: Any = request.user
        if db_field.name == "clinic" and not user.is_superuser:
            kwargs["queryset"] = Clinic.objects.filter(pk=user.clinic_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
