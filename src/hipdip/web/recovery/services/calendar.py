"""The patient's calendar (iCalendar, RFC 5545, written with the ``icalendar`` library):
recovery milestones, follow-up visits and photo sessions with reminders, a daily
check-in reminder, and training sessions. Plus the private subscription address.

Events have stable UIDs, so a calendar app that subscribes updates them in place when
the procedure date or the programme changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from icalendar import Alarm, Calendar, Event, vRecur

from hipdip.care.recovery import Milestone, MilestoneKind
from hipdip.care.settings import ClinicSettings
from hipdip.web.accounts.actor import Actor
from hipdip.web.audit.services import audit_record
from hipdip.web.clinic.selectors import care_settings_for
from hipdip.web.patients.models import Patient
from hipdip.web.recovery.models import CalendarFeed, RecoveryCourse
from hipdip.web.recovery.selectors import course_of

PRODID = "-//hipdip//recovery and training//EN"
#: Local time of the daily check-in reminder (a product default, not a clinical number).
CHECKIN_REMINDER_AT = dt.time(9, 0)


@dataclass(frozen=True)
class ExtraEvent:
    """An event from another part of the product: all day on `on` (e.g. a training
    session), or from `starts_at` to `ends_at` when both are given (e.g. a booked visit,
    with a reminder two hours before)."""

    uid: str
    on: dt.date
    summary: str
    description: str
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None


#: Other apps add their events here (the training app registers its sessions in its
#: ``AppConfig.ready``), so this module needs to know nothing about them.
EventProvider = Callable[[Patient], Iterable[ExtraEvent]]
EVENT_PROVIDERS: list[EventProvider] = []


def register_event_provider(provider: EventProvider) -> None:
    if provider not in EVENT_PROVIDERS:
        EVENT_PROVIDERS.append(provider)


def calendar_ics(*, patient: Patient, now: dt.datetime | None = None) -> bytes:
    """The patient's calendar as iCalendar bytes: recovery (if there is a course) and
    whatever the registered providers add."""
    course = course_of(patient)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "hipdip: recovery and training")
    cal.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    stamp = now or timezone.now()
    if course is not None:
        s = care_settings_for(patient.clinic)
        from hipdip.care.recovery import recovery_timeline

        for m in recovery_timeline(procedure_date=course.procedure_date, settings=s):
            cal.add_component(_milestone_event(course, m, stamp))
        cal.add_component(_checkin_reminder(course, s, stamp))
        cal.add("x-wr-timezone", course.timezone)
        cal.add_missing_timezones()
    for e in (e for provider in EVENT_PROVIDERS for e in provider(patient)):
        if e.starts_at is not None and e.ends_at is not None:
            cal.add_component(timed_event(e, stamp))
        else:
            cal.add_component(_all_day(e.uid, e.on, e.on, e.summary, e.description, stamp))
    return bytes(cal.to_ical())


#: How long before a timed event (a booked visit) the calendar app reminds the patient.
TIMED_EVENT_REMINDER = dt.timedelta(hours=2)


def timed_event(e: ExtraEvent, stamp: dt.datetime) -> Event:
    """A timed event (times in UTC, which every calendar app shows in its own zone) with a
    reminder before it."""
    assert e.starts_at is not None and e.ends_at is not None
    event = Event()
    event.add("uid", e.uid)
    event.add("dtstamp", stamp)
    event.add("summary", e.summary)
    event.add("description", e.description)
    event.add("dtstart", e.starts_at.astimezone(dt.UTC))
    event.add("dtend", e.ends_at.astimezone(dt.UTC))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", e.summary)
    alarm.add("trigger", -TIMED_EVENT_REMINDER)
    event.add_component(alarm)
    return event


def _milestone_event(course: RecoveryCourse, m: Milestone, stamp: dt.datetime) -> Event:
    lines = [*(f"Do: {a}" for a in m.allowed), *(f"Avoid: {a}" for a in m.not_allowed)]
    lines.append("Your surgeon's advice comes first. Questions? Call the clinic.")
    prefix = {
        MilestoneKind.VISIT: "",
        MilestoneKind.PHOTOS: "",
        MilestoneKind.PHASE: "Recovery: ",
        MilestoneKind.RESTRICTION: "Recovery: ",
        MilestoneKind.PERMISSION: "Recovery: ",
        MilestoneKind.RESULT: "Recovery: ",
    }[m.kind]
    last = m.ends_on or m.starts_on
    event = _all_day(
        f"{m.key}-{course.pk}@hipdip",
        m.starts_on,
        last,
        prefix + m.title,
        "\n".join(lines),
        stamp,
    )
    event.add("categories", [m.kind.value])
    if m.kind in (MilestoneKind.VISIT, MilestoneKind.PHOTOS):
        # Remind the evening before (an all-day event starts at midnight).
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", m.title)
        alarm.add("trigger", dt.timedelta(hours=-6))
        event.add_component(alarm)
    return event


def _checkin_reminder(course: RecoveryCourse, s: ClinicSettings, stamp: dt.datetime) -> Event:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(course.timezone)
    start = dt.datetime.combine(course.procedure_date + dt.timedelta(days=1), CHECKIN_REMINDER_AT)
    event = Event()
    event.add("uid", f"checkin-reminder-{course.pk}@hipdip")
    event.add("dtstamp", stamp)
    event.add("summary", "Recovery check-in")
    event.add(
        "description",
        "Tell your clinic how you are: pain, temperature, swelling and any new symptoms. "
        "If you are very unwell, call emergency services instead.",
    )
    event.add("dtstart", start.replace(tzinfo=zone))
    event.add("duration", dt.timedelta(minutes=10))
    until = course.procedure_date + dt.timedelta(days=s.normal_activity_days - 1)
    event.add("rrule", vRecur(freq="DAILY", count=(until - start.date()).days + 1))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "Time for your recovery check-in")
    alarm.add("trigger", dt.timedelta(minutes=0))
    event.add_component(alarm)
    return event


def _all_day(
    uid: str, first: dt.date, last: dt.date, summary: str, description: str, stamp: dt.datetime
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("description", description)
    event.add("dtstart", first)
    event.add("dtend", last + dt.timedelta(days=1))  # DTEND of a date is exclusive
    event.add("transp", "TRANSPARENT")
    return event


# --- the private subscription address -------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def calendar_feed_create(*, actor: Actor, patient: Patient) -> str:
    """A new private address for the patient's calendar; any earlier one stops working.
    Returns the raw token (shown once; only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        feed, created = CalendarFeed.objects.select_for_update().get_or_create(
            patient=patient, defaults={"token_hash": _hash(token), "created_by": actor.user}
        )
        if not created:
            feed.token_hash = _hash(token)
            feed.created_by = actor.user
            feed.created_at = timezone.now()
            feed.last_used_at = None
            feed.save()
        audit_record(
            actor=actor,
            action="calendar_feed.create" if created else "calendar_feed.replace",
            patient=patient,
            target=feed,
        )
    return token


def calendar_feed_revoke(*, actor: Actor, patient: Patient) -> bool:
    """Turn the private address off. False if there was none."""
    with transaction.atomic():
        feed = CalendarFeed.objects.select_for_update().filter(patient=patient).first()
        if feed is None:
            return False
        audit_record(actor=actor, action="calendar_feed.revoke", patient=patient, target=feed)
        feed.delete()
    return True


def calendar_feed_patient(token: str) -> Patient | None:
    """The patient whose private address carries ``token``, or None (unknown or revoked)."""
    if not token or len(token) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("patient__user", "patient__clinic")
        .filter(token_hash=_hash(token))
        .first()
    )
    if feed is None:
        return None
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
    return feed.patient
