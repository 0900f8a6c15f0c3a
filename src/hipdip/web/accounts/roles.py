"""Role checks on the person acting: clinic staff, a clinic's admin, a surgeon. They say
nothing about patients (that is :mod:`hipdip.web.patients.access`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import Clinic


def require_staff(actor: Actor) -> Clinic:
    """The actor's clinic, if the actor is clinic staff; else PermissionDenied."""
    user = actor.user
    if user is None or not user.is_active or not user.is_clinic_staff or user.clinic is None:
        raise PermissionDenied("Only clinic staff can do this.")
    return user.clinic


def require_clinic_admin(actor: Actor) -> Clinic:
    """The actor's clinic, if the actor is its admin; else PermissionDenied."""
    clinic = require_staff(actor)
    if actor.user is None or not actor.user.is_clinic_admin:
        raise PermissionDenied("Only clinic admins can do this.")
    return clinic


def require_surgeon(actor: Actor) -> Clinic:
    """The actor's clinic, if the actor is one of its surgeons; else PermissionDenied."""
    clinic = require_staff(actor)
    if actor.user is None or actor.user.role != "surgeon":
        raise PermissionDenied("Only a surgeon can do this.")
    return clinic
