"""Who may see which patient's data, decided in one place (every view and endpoint goes
through it, via :mod:`hipdip.web.access`).

A patient sees and adds to their own record only; coordinators, surgeons and clinic
admins see and add to the records of their own clinic's patients. Nobody else sees
anything. Objects that exist but may not be seen are reported exactly like objects that
do not exist (404), so ids cannot be probed; such attempts are audited as denied.

Every model holding patient data defines ``owner_patient()`` and ``OWNER_PATH`` (the ORM
lookup to its Patient), as wger's ``get_owner_object`` does.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from django.db import models
from django.db.models import QuerySet
from django.http import Http404

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.audit.models import Outcome
from hipdip.web.audit.services import audit_record
from hipdip.web.patients.models import Patient


class Perm(StrEnum):
    VIEW = "view"  # read a patient's data
    CHANGE = "change"  # add photo sessions, retry analyses


class NotFound(Http404):
    """The object does not exist, or the actor may not know that it does."""


class Owned(Protocol):
    OWNER_PATH: str
    pk: Any

    def owner_patient(self) -> Patient: ...


M = TypeVar("M", bound=models.Model)


def can_access_patient(user: User | None, patient: Patient, perm: Perm) -> bool:
    """The access rule itself."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_patient:
        return patient.user_id == user.pk and perm in (Perm.VIEW, Perm.CHANGE)
    if user.is_clinic_staff:
        return patient.clinic_id is not None and patient.clinic_id == user.clinic_id
    return False


def patients_visible_to(user: User | None) -> QuerySet[Patient]:
    """Every patient record `user` may see, as a queryset (for lists and searches)."""
    qs = Patient.objects.select_related("user", "clinic")
    if user is None or not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.is_patient:
        return qs.filter(user=user)
    if user.is_clinic_staff and user.clinic_id is not None:
        return qs.filter(clinic_id=user.clinic_id)
    return qs.none()


def get_for_actor(
    actor: Actor,
    model: type[M],
    pk: Any,
    *,
    perm: Perm = Perm.VIEW,
    action: str | None = None,
    queryset: QuerySet[M] | None = None,
) -> M:
    """Load one object of `model` that belongs to a patient, if `actor` may use it.

    Parameters
    ----------
    actor : who asks, and from where.
    model : a model with ``OWNER_PATH`` and ``owner_patient()``.
    pk : the id from the URL (any type; malformed ids are simply not found).
    perm : what the actor wants to do with it.
    action : the audit action to record when access is granted (None for no event, for
        callers that record a more specific event themselves).

    Raises
    ------
    NotFound
        When the object does not exist or `actor` may not use it (audited as denied).
    """
    key = _coerce_pk(model, pk)
    owner_path: str = model.OWNER_PATH  # type: ignore[attr-defined]
    related = [owner_path, f"{owner_path}__user"] if owner_path else ["user"]
    base = queryset if queryset is not None else model._default_manager.all()
    obj = base.select_related(*related).filter(pk=key).first()
    if obj is None:
        raise NotFound
    patient = obj.owner_patient()  # type: ignore[attr-defined]
    if not can_access_patient(actor.user, patient, perm):
        audit_record(
            actor=actor,
            action=action or f"{model._meta.model_name}.{perm}",
            patient=patient,
            target=obj,
            outcome=Outcome.DENIED,
        )
        raise NotFound
    if action:
        audit_record(actor=actor, action=action, patient=patient, target=obj)
    return obj


def _coerce_pk(model: type[models.Model], pk: Any) -> Any:
    field = model._meta.pk
    if isinstance(field, models.UUIDField):
        if isinstance(pk, uuid.UUID):
            return pk
        try:
            return uuid.UUID(str(pk))
        except (ValueError, TypeError, AttributeError) as exc:
            raise NotFound from exc
    try:
        return field.to_python(pk) if field is not None else pk
    except Exception as exc:  # any malformed id is "not found", never a server error
        raise NotFound from exc
