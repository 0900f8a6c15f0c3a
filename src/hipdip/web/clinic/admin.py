"""The clinic in the admin: a clinic admin edits the clinic's care settings and reads its
audit trail (never edits it)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import transaction
from django.db.models import ForeignKey
from django.forms import ModelChoiceField
from django.http import HttpRequest

from hipdip.web.accounts.actor import actor_from_request
from hipdip.web.accounts.admin import ClinicAdmin
from hipdip.web.accounts.admin_scoping import ClinicScopedAdmin, is_admin_user
from hipdip.web.accounts.models import Clinic
from hipdip.web.audit.models import AuditEvent
from hipdip.web.clinic.forms import ZoneField
from hipdip.web.clinic.models import ClinicCareSettings
from hipdip.web.clinic.setup import ClinicDetails, clinic_details_save


class ClinicAddForm(forms.ModelForm):  # type: ignore[type-arg]
    """Adding a clinic asks for its time zone and the details patients see (no silent
    UTC); :func:`hipdip.web.clinic.setup.clinic_details_save` stores them."""

    timezone = ZoneField(label="Time zone", help_text="e.g. Europe/London")
    public_name = forms.CharField(label="Name patients see", max_length=200, required=False)
    phone = forms.CharField(max_length=40, required=False)
    emergency_phone = forms.CharField(
        label="Emergency phone (out of hours)", max_length=40, required=False
    )
    address = forms.CharField(max_length=500, required=False, widget=forms.Textarea)

    class Meta:
        model = Clinic
        fields = ("name", "slug")


admin.site.unregister(Clinic)


@admin.register(Clinic)
class ClinicWithSetupAdmin(ClinicAdmin):
    """The clinic in the admin; its "add" form is the clinic's set-up."""

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = ClinicAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return (
                "name",
                "slug",
                "timezone",
                "public_name",
                "phone",
                "emergency_phone",
                "address",
            )
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return () if obj is None else super().get_readonly_fields(request, obj)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if not change:
                d = form.cleaned_data
                clinic_details_save(
                    actor=actor_from_request(request, channel="web"),
                    clinic=obj,
                    details=ClinicDetails(
                        timezone=d["timezone"],
                        public_name=d["public_name"],
                        phone=d["phone"],
                        emergency_phone=d["emergency_phone"],
                        address=d["address"],
                    ),
                )


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
