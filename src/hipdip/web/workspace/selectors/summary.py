"""The summary at the top of a patient's page for staff: what to know before anything
else (stage, alerts, next visit, surgery date, age, contact, latest depths, open tasks)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.urls import reverse

from hipdip.care.settings import ClinicSettings
from hipdip.care.sides import SideMeasurement, combine_sides
from hipdip.vision.conventions import Side, View
from hipdip.web.accounts.models import User
from hipdip.web.appointments.models import Appointment
from hipdip.web.appointments.selectors import next_appointment
from hipdip.web.assessments.selectors.sessions import measured_depths_of_patient
from hipdip.web.clinic.selectors import care_settings_for, default_timezone_for
from hipdip.web.consultations.answers import age_on
from hipdip.web.consultations.models import Intake
from hipdip.web.consultations.selectors import intake_of
from hipdip.web.messaging.selectors import threads_with_unread, unread_of
from hipdip.web.patients.models import Patient
from hipdip.web.plans.preop import checklist_for
from hipdip.web.recovery.models import CheckIn, Level
from hipdip.web.workspace.stages import Stage, stage_of, today_in, with_stage


@dataclass(frozen=True)
class SideDepth:
    side: str
    depth_mm: float
    taken_on: dt.date


@dataclass(frozen=True)
class Task:
    label: str
    href: str
    urgent: bool = False


@dataclass(frozen=True)
class PatientSummary:
    patient: Patient
    stage: Stage
    alerts: list[CheckIn]
    next_visit: Appointment | None
    surgery_date: dt.date | None
    age: int | None
    latest: list[SideDepth]
    tasks: list[Task] = field(default_factory=list)
    #: The clinic's time zone, in which `today` and the visit times are shown.
    zone: str = "UTC"


def open_alerts_of(patient: Patient) -> QuerySet[CheckIn]:
    """Urgent and emergency check-ins no one has acknowledged yet, most serious first."""
    return (
        CheckIn.objects.filter(course__patient=patient, acknowledged_at__isnull=True)
        .exclude(level=Level.ROUTINE)
        .order_by("-submitted_at")
    )


def latest_depths(patient: Patient) -> list[SideDepth]:
    """Each side's figure from the newest measured photo session (left, then right): the
    mean of that session's front and back photos (:mod:`hipdip.care.sides`), the figure the
    patient page's side cards, the documents and the API give for a session, never one
    photo's own reading. Read from the depth columns: parsing each stored analysis cost
    more than the rest of the summary together (the extent is not shown here)."""
    photos = list(reversed(list(measured_depths_of_patient(patient=patient))))
    if not photos:
        return []
    newest = photos[0].session
    views = [
        SideMeasurement(side=Side(side), view=View(p.view), depth_mm=depth, extent_mm=0.0)
        for p in photos
        if p.session_id == newest.pk
        for side, depth in (("left", p.left_depth_mm), ("right", p.right_depth_mm))
        if depth is not None
    ]
    return [SideDepth(f.side.value, f.depth_mm, newest.taken_on) for f in combine_sides(views)]


def age_of(intake: Intake | None, *, today: dt.date) -> int | None:
    """Age in whole years from the intake's date of birth (None when not given)."""
    raw = (intake.answers or {}).get("date_of_birth") if intake is not None else None
    try:
        return age_on(dt.date.fromisoformat(str(raw)), today) if raw else None
    except ValueError:
        return None


def patient_summary(
    patient: Patient, *, reader: User, now: dt.datetime | None = None
) -> PatientSummary:
    """Everything the summary shows, for one staff `reader` (their unread count). Each
    thing is read once: the clinic's time zone, the intake (the age and the pre-op
    checklist) and the patient's clinic."""
    zone = default_timezone_for(patient.clinic)
    settings = care_settings_for(patient.clinic)
    today = today_in(zone, now=now)
    row = with_stage(
        Patient.objects.filter(pk=patient.pk),
        today=today,
        recovery_days=settings.normal_activity_days,
    ).get()
    alerts = list(open_alerts_of(patient))
    intake = intake_of(patient)
    return PatientSummary(
        patient=patient,
        stage=stage_of(row, today=today),
        alerts=alerts,
        next_visit=next_appointment(patient, now=now),
        surgery_date=getattr(row, "procedure_on", None),
        age=age_of(intake, today=today),
        latest=latest_depths(patient),
        tasks=open_tasks(
            patient, reader=reader, alerts=alerts, today=today, intake=intake, settings=settings
        ),
        zone=zone,
    )


def open_tasks(
    patient: Patient,
    *,
    reader: User,
    alerts: list[CheckIn],
    today: dt.date,
    intake: Intake | None = None,
    settings: ClinicSettings | None = None,
) -> list[Task]:
    """What is waiting on the clinic for this patient, most pressing first (`intake`: the
    patient's intake when already read, so the checklist does not read it again)."""
    pid = patient.pk
    tasks = [
        Task(
            f"Acknowledge the {a.get_level_display().lower()} check-in of day {a.day}",
            reverse("recovery:checkin", args=[a.pk]),
            urgent=True,
        )
        for a in alerts
    ]
    thread = threads_with_unread(reader).filter(patient=patient).first()
    unread = unread_of(thread) if thread is not None else 0
    if unread:
        tasks.append(
            Task(
                f"{unread} unread message{'s' if unread != 1 else ''}",
                reverse("messaging:thread", args=[pid]),
            )
        )
    checklist = checklist_for(patient, today=today, intake=intake, settings=settings)
    outstanding = [r for r in checklist.rows if not r.done]
    if outstanding:
        overdue = len(checklist.overdue)
        count = len(outstanding)
        label = f"{count} pre-op checklist item{'s' if count != 1 else ''} outstanding"
        if overdue:
            label += f" ({overdue} overdue)"
        tasks.append(Task(label, reverse("plans:preop", args=[pid]), urgent=bool(overdue)))
    if not patient.phone:
        tasks.append(Task("Add a phone number", reverse("patients:contact", args=[pid])))
    return tasks
