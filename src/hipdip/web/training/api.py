"""API: the exercise catalogue, a patient's programme with its schedule, and workouts."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Router
from ninja.responses import Status

from hipdip.care import training as care_training
from hipdip.care.exercises import CATALOGUE, Category, Exercise
from hipdip.web.access import Perm, get_for_actor
from hipdip.web.accounts.api_helpers import api_actor
from hipdip.web.core.errors import DomainError
from hipdip.web.patients.models import Patient
from hipdip.web.training import services
from hipdip.web.training.models import Programme, WorkoutLog
from hipdip.web.training.schemas import (
    DoseOut,
    EntryOut,
    ExerciseOut,
    ProgrammeIn,
    ProgrammeOut,
    SessionOut,
    WorkoutIn,
    WorkoutOut,
)
from hipdip.web.training.selectors import active_programme, logs_of, programme_schedule

router = Router(tags=["training"])


class NoProgramme(DomainError):
    status_code = 404
    code = "no_programme"


def _exercise(e: Exercise) -> ExerciseOut:
    return ExerciseOut(
        slug=e.slug,
        name=e.name,
        category=e.category.value,
        level=e.level.value,
        impact=e.impact.value,
        equipment=sorted(q.value for q in e.equipment),
        muscles=list(e.muscles),
        steps=list(e.steps),
        load_kg=list(e.load_kg) if e.load_kg else None,
        hip_pressure=e.hip_pressure,
    )


@router.get("/exercises", response=list[ExerciseOut])
def exercises(request: HttpRequest) -> list[ExerciseOut]:
    """The exercise catalogue (reference data)."""
    api_actor(request)
    return [_exercise(e) for e in CATALOGUE.values()]


@router.get("/exercises/{slug}", response=ExerciseOut)
def exercise(request: HttpRequest, slug: str) -> ExerciseOut:
    api_actor(request)
    if slug not in CATALOGUE:
        raise Http404
    return _exercise(CATALOGUE[slug])


@router.get("/patients/{patient_id}/programme", response=ProgrammeOut)
def programme(request: HttpRequest, patient_id: str) -> ProgrammeOut:
    """The active programme with its dated sessions. No session is ever dated before the
    surgeon's clearance."""
    patient = get_for_actor(api_actor(request), Patient, patient_id, action="programme.view")
    prog = active_programme(patient)
    if prog is None:
        raise NoProgramme("This patient has no active programme.")
    return programme_out(prog)


@router.post("/patients/{patient_id}/programmes", response={201: ProgrammeOut})
def programme_create(
    request: HttpRequest, patient_id: str, data: ProgrammeIn
) -> Status[ProgrammeOut]:
    """Start a programme (the previous one ends; its logs are kept)."""
    actor = api_actor(request)
    patient = get_for_actor(actor, Patient, patient_id, perm=Perm.CHANGE)
    prog = services.programme_create(
        actor=actor,
        patient=patient,
        goal=data.goal,
        level=data.level,
        equipment=data.equipment,
        days_per_week=data.days_per_week,
        weeks=data.weeks,
        start_date=data.start_date,
        allow_high_impact=data.allow_high_impact,
        timezone_name=data.timezone,
    )
    return Status(201, programme_out(prog))


@router.get("/patients/{patient_id}/workouts", response=list[WorkoutOut])
def workouts(request: HttpRequest, patient_id: str) -> list[WorkoutOut]:
    """Workout logs of the active programme, oldest first."""
    patient = get_for_actor(api_actor(request), Patient, patient_id, action="workout_log.list")
    prog = active_programme(patient)
    if prog is None:
        raise NoProgramme("This patient has no active programme.")
    return [workout_out(log) for log in logs_of(prog)]


@router.put("/programmes/{programme_id}/workouts/{on}", response=WorkoutOut)
def workout_save(
    request: HttpRequest, programme_id: str, on: dt.date, data: WorkoutIn
) -> WorkoutOut:
    """Log a scheduled session, or edit its log (send `base_revision`). Every saved
    version is kept."""
    actor = api_actor(request)
    prog = get_for_actor(actor, Programme, programme_id, perm=Perm.CHANGE)
    log = services.workout_log_save(
        actor=actor,
        programme=prog,
        session_date=on,
        entries=[services.EntryInput(**e.dict()) for e in data.entries],
        rpe=data.rpe,
        note=data.note,
        base_revision=data.base_revision,
    )
    return workout_out(logs_of(prog).get(pk=log.pk))


def _dose(d: care_training.Dose) -> DoseOut:
    return DoseOut(
        exercise=d.exercise,
        name=CATALOGUE[d.exercise].name,
        sets=d.sets,
        reps=d.reps,
        work_s=d.work_s,
        load_kg=d.load_kg,
        rest_s=d.rest_s,
        dosing=d.dosing.value,
        prescription=d.text,
    )


def programme_out(prog: Programme) -> ProgrammeOut:
    schedule = programme_schedule(prog)
    logged = set(WorkoutLog.objects.filter(programme=prog).values_list("session_date", flat=True))
    return ProgrammeOut(
        id=prog.pk,
        patient_id=prog.patient_id,
        goal=prog.goal,
        level=prog.level,
        equipment=list(prog.equipment),
        days_per_week=prog.days_per_week,
        weeks=prog.weeks,
        start_date=prog.start_date,
        allow_high_impact=prog.allow_high_impact,
        status=prog.status,
        training_allowed=schedule.allowed_from is not None,
        allowed_from=None
        if schedule.allowed_from in (None, dt.date.min)
        else schedule.allowed_from,
        notes=list(schedule.notes),
        nutrition=list(schedule.nutrition),
        sessions=[
            SessionOut(
                on=s.on,
                week=s.week,
                phase=s.phase.value,
                strength=[
                    _dose(d) for b in s.blocks if b.category is Category.STRENGTH for d in b.items
                ],
                cardio=[
                    _dose(d) for b in s.blocks if b.category is Category.CARDIO for d in b.items
                ],
                logged=s.on in logged,
            )
            for s in schedule.sessions
        ],
    )


def workout_out(log: WorkoutLog) -> WorkoutOut:
    return WorkoutOut(
        id=log.pk,
        programme_id=log.programme_id,
        session_date=log.session_date,
        rpe=log.rpe,
        note=log.note,
        revision=log.revision,
        updated_at=log.updated_at,
        entries=[
            EntryOut(
                exercise=e.exercise,
                sets=e.sets,
                reps=e.reps,
                work_s=e.work_s,
                load_kg=None if e.load_kg is None else float(e.load_kg),
                rpe=e.rpe,
            )
            for e in log.entries.all()
        ],
    )
