"""Changing a clinic's clinical settings: save from the form, reset one to its default,
undo the last change, restore an earlier version. Every change is validated by the care
layer, kept as a new :class:`SettingsVersion` and audited with each value before and
after. Clinic admins only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.http import Http404

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Clinic
from hipdip.web.accounts.roles import require_clinic_admin
from hipdip.web.audit.services import audit_record
from hipdip.web.clinic.care import settings_from_overrides
from hipdip.web.clinic.models import ClinicCareSettings, SettingsVersion
from hipdip.web.clinic.selectors import default_timezone_for
from hipdip.web.clinic.setting_values import (
    changes_between,
    definitions_by_key,
    overrides_from_values,
    plain_error,
)
from hipdip.web.core.errors import Conflict, DomainError

A = SettingsVersion.Action


def clinical_settings_save(
    *, actor: Actor, values: Mapping[str, Any], base_version: int | None
) -> SettingsVersion:
    """Save the form's ``values`` (setting key -> value) as the clinic's new version."""
    clinic = require_clinic_admin(actor)
    with transaction.atomic():
        row = _locked_row(clinic)
        new = overrides_from_values(values, previous=row.overrides or {})
        return _apply(actor, clinic, row, new, action=A.SAVE, base_version=base_version)


def clinical_setting_reset(*, actor: Actor, key: str, base_version: int | None) -> SettingsVersion:
    """Put one setting back to the product default."""
    clinic = require_clinic_admin(actor)
    d = definitions_by_key().get(key)
    if d is None:
        raise Http404("There is no such setting.")
    with transaction.atomic():
        row = _locked_row(clinic)
        new = overrides_from_values({key: d.default}, previous=row.overrides or {})
        return _apply(actor, clinic, row, new, action=A.RESET, base_version=base_version)


def clinical_settings_undo(*, actor: Actor, base_version: int | None) -> SettingsVersion:
    """Go back to the version before the latest one (itself kept as a new version)."""
    clinic = require_clinic_admin(actor)
    with transaction.atomic():
        row = _locked_row(clinic)
        versions = list(SettingsVersion.objects.filter(clinic=clinic).order_by("-number")[:2])
        if len(versions) < 2:
            raise Conflict("There is no earlier change to undo.", code="nothing_to_undo")
        return _apply(
            actor,
            clinic,
            row,
            dict(versions[1].overrides),
            action=A.UNDO,
            base_version=base_version,
            restored_from=versions[1].number,
        )


def clinical_settings_restore(
    *, actor: Actor, number: int, base_version: int | None
) -> SettingsVersion:
    """Make an earlier version the current one again (as a new version)."""
    clinic = require_clinic_admin(actor)
    with transaction.atomic():
        row = _locked_row(clinic)
        old = SettingsVersion.objects.filter(clinic=clinic, number=number).first()
        if old is None:
            raise Http404("There is no such version of the settings.")
        return _apply(
            actor,
            clinic,
            row,
            dict(old.overrides),
            action=A.RESTORE,
            base_version=base_version,
            restored_from=number,
        )


def _locked_row(clinic: Clinic) -> ClinicCareSettings:
    row = ClinicCareSettings.objects.select_for_update().filter(clinic=clinic).first()
    if row is None:
        # The zone the clinic already works in (never a new silent UTC).
        row = ClinicCareSettings.objects.create(
            clinic=clinic, default_timezone=default_timezone_for(clinic)
        )
    return row


def _apply(
    actor: Actor,
    clinic: Clinic,
    row: ClinicCareSettings,
    new: dict[str, Any],
    *,
    action: str,
    base_version: int | None,
    restored_from: int | None = None,
) -> SettingsVersion:
    latest = SettingsVersion.objects.filter(clinic=clinic).order_by("-number").first()
    if base_version is not None and base_version != (latest.number if latest else 0):
        raise Conflict(
            "Someone else changed the settings while you were editing. Your changes are "
            "not saved; the page now shows the current values.",
            code="stale_version",
        )
    try:
        settings_from_overrides(new)
    except ValueError as exc:
        key, message = plain_error(exc)
        raise DomainError(
            message, code="invalid_setting", details={key or "__all__": [message]}
        ) from exc
    before = dict(row.overrides or {})
    changes = changes_between(before, new)
    if not changes:
        raise DomainError(
            "Nothing changed: the values are the ones already in use.", code="unchanged"
        )
    if latest is None:
        latest = SettingsVersion.objects.create(
            clinic=clinic, number=1, overrides=before, action=A.BEFORE
        )
    row.overrides = new
    row.full_clean()
    row.save()
    version = SettingsVersion.objects.create(
        clinic=clinic,
        number=latest.number + 1,
        overrides=new,
        changes=changes,
        action=action,
        restored_from=restored_from,
        saved_by=actor.user,
    )
    audit_record(
        actor=actor,
        action=f"clinic_settings.{action}",
        target=version,
        clinic=clinic,
        detail={"version": version.number, "restored_from": restored_from, "changes": changes},
    )
    return version
