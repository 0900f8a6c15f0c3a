"""Daily check-ins: store one with its triage (computed here, in the request, so the
patient sees an emergency answer at once whatever the workers are doing), alert the
clinic, and record the staff's acknowledgement."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from hipdip.care import triage as care_triage
from hipdip.care.recovery import local_date, recovery_day
from hipdip.care.settings import ClinicSettings
from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import STAFF_ROLES
from hipdip.web.audit.services import audit_record
from hipdip.web.clinic.selectors import care_settings_for
from hipdip.web.core.errors import Conflict, DomainError, full_clean_or_raise
from hipdip.web.recovery.models import (
    NOTE_MAX,
    CheckIn,
    Level,
    NotifyStatus,
    RecoveryCourse,
)
from hipdip.web.recovery.services.alerts import queue_alert

#: Identical check-ins sent again within this many seconds are the same check-in.
DEFAULT_DUPLICATE_SECONDS = 600


@dataclass(frozen=True)
class CheckInInput:
    """A check-in as the patient sent it (web form or API), before validation."""

    pain: Any
    temperature_c: Any = None
    swelling: Any = None
    bruising: Any = None
    drain_output_ml: Any = None
    garment_worn: bool | None = None
    symptoms: Sequence[str] = field(default_factory=tuple)
    note: str = ""


@dataclass(frozen=True)
class SubmitResult:
    checkin: CheckIn
    created: bool  # False: the same check-in had just been sent (a repeat, not stored twice)


class CheckInRejected(DomainError):
    status_code = 422
    code = "invalid_checkin"


def checkin_submit(
    *,
    actor: Actor,
    course: RecoveryCourse,
    data: CheckInInput,
    at: dt.datetime | None = None,
    notify: bool = True,
) -> SubmitResult:
    """Triage and store a check-in on the patient's local day.

    Raises ``CheckInRejected`` (422) for impossible values, ``Conflict`` (409) before the
    day of surgery. An identical check-in sent within the duplicate window returns the
    stored one (``created`` False) instead of storing it twice. ``notify`` False stores an
    alert without paging anyone (imported or demo data): it shows as not sent.
    """
    at = at or timezone.now()
    care_checkin = _validated(data)
    note = (data.note or "").strip()
    if len(note) > NOTE_MAX:
        raise CheckInRejected(
            f"Keep the note under {NOTE_MAX} characters.",
            details={"note": [f"Keep the note under {NOTE_MAX} characters."]},
        )
    today = local_date(at, course.timezone)
    day = recovery_day(course.procedure_date, today)
    if day < 0:
        raise Conflict(
            f"Check-ins start on the day of surgery, {course.procedure_date:%d %B %Y}.",
            code="recovery_not_started",
        )
    fingerprint = _fingerprint(course, today, care_checkin, note)
    s = care_settings_for(course.patient.clinic)
    with transaction.atomic():
        # One check-in at a time per course, so a double submit cannot store two.
        RecoveryCourse.objects.select_for_update().filter(pk=course.pk).first()
        window = dt.timedelta(
            seconds=getattr(settings, "HIPDIP_CHECKIN_DUPLICATE_SECONDS", DEFAULT_DUPLICATE_SECONDS)
        )
        earlier = (
            CheckIn.objects.filter(
                course=course, fingerprint=fingerprint, submitted_at__gte=at - window
            )
            .order_by("-submitted_at")
            .first()
        )
        if earlier is not None:
            audit_record(
                actor=actor,
                action="checkin.repeat",
                patient=course.patient,
                target=earlier,
            )
            return SubmitResult(checkin=earlier, created=False)
        result = care_triage.triage(
            care_checkin, previous_checkins=_previous(course, day), day=day, settings=s
        )
        checkin = CheckIn(
            course=course,
            submitted_at=at,
            local_date=today,
            day=day,
            submitted_by=actor.user,
            pain=care_checkin.pain,
            temperature_c=_decimal_or_none(care_checkin.temperature_c),
            swelling=care_checkin.swelling,
            bruising=care_checkin.bruising,
            drain_output_ml=None
            if care_checkin.drain_output_ml is None
            else round(care_checkin.drain_output_ml),
            garment_worn=care_checkin.garment_worn,
            symptoms=sorted(care_checkin.symptoms),
            note=note,
            level=Level(result.level.value),
            reasons=[
                {
                    "code": r.code,
                    "label": _reason_label(r, s),
                    "level": r.level.value,
                    "source_id": r.source_id,
                }
                for r in result.reasons
            ],
            patient_advice=result.patient_advice,
            staff_summary=result.staff_summary,
            fingerprint=fingerprint,
            notify_status=_initial_notify_status(result.alert_clinic, notify),
        )
        full_clean_or_raise(checkin)
        checkin.save(force_insert=True)
        audit_record(
            actor=actor,
            action="checkin.create",
            patient=course.patient,
            target=checkin,
            detail={"level": checkin.level},
        )
        if checkin.notify_status == NotifyStatus.PENDING:
            queue_alert(checkin)
    return SubmitResult(checkin=checkin, created=True)


def _reason_label(reason: care_triage.Reason, s: ClinicSettings) -> str:
    """The care layer's label; a symptom's label as the clinic's form words it."""
    from hipdip.web.recovery.forms import symptom_label

    return symptom_label(reason.code, s) if reason.code in care_triage.SYMPTOMS else reason.label


def _initial_notify_status(alert: bool, notify: bool) -> NotifyStatus:
    if not alert:
        return NotifyStatus.NOT_NEEDED
    return NotifyStatus.PENDING if notify else NotifyStatus.SKIPPED


def checkin_acknowledge(*, actor: Actor, checkin: CheckIn, note: str = "") -> CheckIn:
    """A staff member of the patient's clinic records that they have dealt with it."""
    user = actor.user
    if user is None or user.role not in STAFF_ROLES:
        raise PermissionDenied("Only clinic staff can acknowledge check-ins.")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise DomainError(
            f"Keep the note under {NOTE_MAX} characters.",
            details={"note": [f"Keep the note under {NOTE_MAX} characters."]},
        )
    with transaction.atomic():
        locked = (
            CheckIn.objects.select_for_update(of=("self",))
            .select_related("acknowledged_by")
            .get(pk=checkin.pk)
        )
        if locked.acknowledged_at is not None:
            who = locked.acknowledged_by.full_name if locked.acknowledged_by else "someone"
            raise Conflict(
                f"{who} already acknowledged this check-in on "
                f"{timezone.localtime(locked.acknowledged_at):%d %b %Y at %H:%M}.",
                code="already_acknowledged",
            )
        locked.acknowledged_at = timezone.now()
        locked.acknowledged_by = user
        locked.acknowledgement_note = note
        full_clean_or_raise(locked)
        locked.save(update_fields=["acknowledged_at", "acknowledged_by", "acknowledgement_note"])
        audit_record(
            actor=actor,
            action="checkin.acknowledge",
            patient=checkin.course.patient,
            target=locked,
            detail={"level": locked.level, "note": bool(note)},
        )
    return locked


def _validated(data: CheckInInput) -> care_triage.CheckIn:
    symptoms = data.symptoms
    if isinstance(symptoms, str) or not isinstance(symptoms, Sequence | set | frozenset):
        raise CheckInRejected(
            "Symptoms must be a list of codes.", details={"symptoms": ["Send a list of codes."]}
        )
    try:
        return care_triage.CheckIn(
            pain=data.pain,
            temperature_c=_float_or_none(data.temperature_c),
            swelling=data.swelling,
            bruising=data.bruising,
            drain_output_ml=_float_or_none(data.drain_output_ml),
            garment_worn=data.garment_worn,
            symptoms=frozenset(symptoms),
        )
    except (ValueError, TypeError) as exc:
        field_name, message = _explain(str(exc), data)
        raise CheckInRejected(message, details={field_name: [message]}) from exc


def _explain(error: str, data: CheckInInput) -> tuple[str, str]:
    """Turn the care layer's check message into a field and a plain sentence."""
    name = error.split(" ", 1)[0]
    if name == "temperature_c":
        temp = _float_or_none(data.temperature_c)
        if isinstance(temp, float) and 86 <= temp <= 113:
            return name, "That looks like °F. Enter your temperature in °C."
        return name, "Enter your temperature in °C, between 30 and 45."
    messages = {
        "pain": "Pain is a whole number from 0 (none) to 10 (worst imaginable).",
        "swelling": "Swelling is 0 (none) to 3 (severe).",
        "bruising": "Bruising is 0 (none) to 3 (severe).",
        "drain_output_ml": "Drain output is a number of millilitres, 0 to 5000.",
    }
    if name in messages:
        return name, messages[name]
    if "symptom" in error:
        return "symptoms", "Some symptoms are not on the list: " + error.split("code(s)")[
            -1
        ].strip()
    return "__all__", error


def _float_or_none(value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value  # the care layer rejects it with a clear message
    if isinstance(value, int | float | Decimal):
        return float(value)
    try:
        return float(str(value).replace(",", "."))
    except ValueError:
        return value


def _decimal_or_none(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.1"))


def _fingerprint(course: RecoveryCourse, today: dt.date, c: care_triage.CheckIn, note: str) -> str:
    payload = {
        "course": str(course.pk),
        "date": today.isoformat(),
        "pain": c.pain,
        "temperature_c": None if c.temperature_c is None else round(c.temperature_c, 1),
        "swelling": c.swelling,
        "bruising": c.bruising,
        "drain_output_ml": None if c.drain_output_ml is None else round(c.drain_output_ml),
        "garment_worn": c.garment_worn,
        "symptoms": sorted(c.symptoms),
        "note": note,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _previous(course: RecoveryCourse, day: int) -> list[care_triage.PastCheckIn]:
    """The last check-in of each earlier day, for trends such as rising pain."""
    latest: dict[int, CheckIn] = {}
    for c in CheckIn.objects.filter(course=course, day__lt=day).order_by("submitted_at"):
        latest[c.day] = c
    return [
        care_triage.PastCheckIn(
            day=d,
            checkin=care_triage.CheckIn(
                pain=c.pain,
                temperature_c=None if c.temperature_c is None else float(c.temperature_c),
                swelling=c.swelling,
                bruising=c.bruising,
                drain_output_ml=None if c.drain_output_ml is None else float(c.drain_output_ml),
                garment_worn=c.garment_worn,
                symptoms=frozenset(s for s in c.symptoms if s in care_triage.SYMPTOMS),
            ),
        )
        for d, c in sorted(latest.items())
    ]
