"""Demo data for recovery and training (called by ``hipdip demo``; safe to run again).

* patient3@example.com: ten days after surgery, a few daily check-ins (one urgent, not
  yet acknowledged), training cleared by the surgeon from the light-exercise day, and a
  programme to keep the result that starts only then.
* patient1@example.com: a training-only programme started about three and a half weeks
  ago, with most sessions logged (one missed, one log edited).

Everything is created through the services, so it is triaged, scheduled and audited
exactly like real data. Nothing is added twice: a patient who already has a course or a
programme is left as they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.accounts.models import User
from hipdip.web.clinic.selectors import care_settings_for
from hipdip.web.patients.models import Patient
from hipdip.web.recovery import services as recovery
from hipdip.web.recovery.selectors import course_of, patient_today
from hipdip.web.training import services as training
from hipdip.web.training.models import Programme
from hipdip.web.training.selectors import programme_schedule

DEMO_TIMEZONE = "Europe/London"
DAYS_AFTER_SURGERY = 10


@dataclass(frozen=True)
class DemoCheckIn:
    day: int
    hour: int
    data: recovery.CheckInInput


CHECKINS = (
    DemoCheckIn(
        1,
        9,
        recovery.CheckInInput(
            pain=6,
            temperature_c=37.3,
            swelling=2,
            bruising=2,
            drain_output_ml=60,
            garment_worn=True,
            symptoms=["swelling", "bruising"],
        ),
    ),
    DemoCheckIn(
        3,
        8,
        recovery.CheckInInput(
            pain=5,
            temperature_c=37.1,
            swelling=2,
            bruising=3,
            drain_output_ml=25,
            garment_worn=True,
        ),
    ),
    DemoCheckIn(
        5,
        10,
        recovery.CheckInInput(
            pain=3, swelling=2, bruising=2, garment_worn=True, symptoms=["soreness"]
        ),
    ),
    DemoCheckIn(
        8,
        19,
        recovery.CheckInInput(
            pain=5,
            temperature_c=38.4,
            swelling=2,
            bruising=1,
            garment_worn=True,
            symptoms=["warmth"],
            note="Left hip feels hot around one of the small cuts since this afternoon.",
        ),
    ),
    DemoCheckIn(
        9, 9, recovery.CheckInInput(pain=3, temperature_c=37.4, swelling=1, garment_worn=True)
    ),
)


def demo_recovery_and_training(*, patients: dict[str, Patient], staff: dict[str, User]) -> None:
    surgeon = Actor(user=staff["surgeon@example.com"], channel="cli")
    coordinator = Actor(user=staff["coordinator@example.com"], channel="cli")
    _patient3(patients["patient3@example.com"], surgeon=surgeon, coordinator=coordinator)
    _patient1(patients["patient1@example.com"])


def _patient3(patient: Patient, *, surgeon: Actor, coordinator: Actor) -> None:
    """Fills in whatever is missing, so a course started elsewhere (the procedure
    record) still gets its demo check-ins, clearance and programme."""
    course = course_of(patient)
    today = patient_today(DEMO_TIMEZONE)
    if course is None:
        course = recovery.recovery_course_save(
            actor=coordinator,
            patient=patient,
            procedure_date=today - dt.timedelta(days=DAYS_AFTER_SURGERY),
            timezone_name=DEMO_TIMEZONE,
            procedure_ref="demo",
        )
    procedure = course.procedure_date
    me = Actor(user=patient.user, channel="cli")
    if not course.checkins.exists():
        zone = ZoneInfo(course.timezone)
        for c in CHECKINS:
            on = procedure + dt.timedelta(days=c.day)
            if on >= patient_today(course.timezone):
                break
            local = dt.datetime.combine(on, dt.time(c.hour, 5)).replace(tzinfo=zone)
            recovery.checkin_submit(actor=me, course=course, data=c.data, at=local, notify=False)
    if course.training_cleared_on is None and not course.training_hold:
        s = care_settings_for(patient.clinic)
        course = recovery.training_clearance_set(
            actor=surgeon,
            course=course,
            hold=False,
            cleared_on=procedure + dt.timedelta(days=s.light_exercise_days),
        )
    if not Programme.objects.filter(patient=patient).exists():
        training.programme_create(
            actor=me,
            patient=patient,
            goal="maintain_after_surgery",
            level="beginner",
            equipment=["band"],
            days_per_week=3,
            weeks=10,
            # It starts at the clearance, as the module says: until then the patient is
            # in recovery (a started programme would show them as training).
            start_date=max(today, course.training_cleared_on or procedure),
        )


#: Sessions (by index) that differ from the plan: one missed, one log edited afterwards.
_PATIENT1_LOGS = {3: "skip", 6: "extra_set"}


def _patient1(patient: Patient) -> None:
    if Programme.objects.filter(patient=patient).exists():
        return
    me = Actor(user=patient.user, channel="cli")
    today = timezone.localdate()
    programme = training.programme_create(
        actor=me,
        patient=patient,
        goal="reduce_look",
        level="beginner",
        equipment=["dumbbells", "band"],
        days_per_week=3,
        weeks=8,
        start_date=today - dt.timedelta(days=25),
        allow_high_impact=False,
        timezone_name=DEMO_TIMEZONE,
    )
    schedule = programme_schedule(programme)
    today = patient_today(DEMO_TIMEZONE)
    for i, session in enumerate(s for s in schedule.sessions if s.on < today):
        if _PATIENT1_LOGS.get(i) == "skip":
            continue
        entries = training.planned_entries(session)
        rpe = 6 + (i % 3)
        training.workout_log_save(
            actor=me, programme=programme, session_date=session.on, entries=entries, rpe=rpe
        )
        if _PATIENT1_LOGS.get(i) == "extra_set":  # an edited log: the first version is kept
            first = entries[0]
            edited = [
                training.EntryInput(
                    exercise=first.exercise,
                    sets=first.sets + 1,
                    reps=first.reps,
                    load_kg=first.load_kg,
                    rpe=8,
                ),
                *entries[1:],
            ]
            training.workout_log_save(
                actor=me,
                programme=programme,
                session_date=session.on,
                entries=edited,
                rpe=8,
                note="Forgot the extra set I did at the end.",
                base_revision=1,
            )
