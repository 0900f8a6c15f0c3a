"""Programmes and workout logs: scheduling with the surgeon's clearance, logging and
editing without losing anything, streaks, the pages and the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.audit.models import AuditEvent
from hipdip.web.core.errors import Conflict, DomainError
from hipdip.web.training import services
from hipdip.web.training.models import Programme, Status, WorkoutLog
from hipdip.web.training.selectors import programme_schedule, streak

from ..conftest import World
from ..factories import PhotoFactory, PhotoSessionFactory
from ..recovery.factories import RecoveryCourseFactory, make_log, make_programme

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 10)


def _actor(user: Any) -> Actor:
    return Actor(user=user, channel="web")


def test_a_new_programme_ends_the_previous_one_and_keeps_its_logs(world: World) -> None:
    first = make_programme(world.own.patient)
    make_log(first)
    second = make_programme(world.own.patient, level="intermediate")
    first.refresh_from_db()
    assert first.status == Status.ENDED and second.status == Status.ACTIVE
    assert WorkoutLog.objects.filter(programme=first).count() == 1
    assert AuditEvent.objects.filter(action="programme.end", object_id=str(first.pk)).exists()


def test_keeping_a_surgical_result_needs_the_surgery_on_record(world: World) -> None:
    with pytest.raises(DomainError, match="surgery on record"):
        make_programme(world.own.patient, goal="maintain_after_surgery")


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"days_per_week": 7}, "2 to 6 days"),
        ({"weeks": 0}, "1 to 24 weeks"),
        ({"equipment": ["kettlebell"]}, "Unknown equipment kettlebell"),
        ({"level": "elite"}, "Choose a level"),
        ({"start_date": dt.date(2020, 1, 1)}, "Start within"),
        ({"timezone_name": "Atlantis/City"}, "not a time zone"),
    ],
)
def test_bad_programme_options_are_refused(
    world: World, options: dict[str, Any], words: str
) -> None:
    with pytest.raises(DomainError, match=words):
        make_programme(world.own.patient, **options)
    assert not Programme.objects.exists()


def test_no_session_before_the_surgeons_clearance_and_none_while_on_hold(world: World) -> None:
    procedure = timezone.localdate() - dt.timedelta(days=20)
    course = RecoveryCourseFactory(patient=world.own.patient, procedure_date=procedure)
    programme = make_programme(
        world.own.patient, goal="maintain_after_surgery", start_date=timezone.localdate()
    )
    assert programme_schedule(programme).sessions == ()  # not cleared yet
    course.training_cleared_on = procedure + dt.timedelta(days=40)
    course.save()
    sessions = programme_schedule(programme).sessions
    assert sessions and min(s.on for s in sessions) >= procedure + dt.timedelta(days=40)
    course.training_hold = True
    course.save()
    schedule = programme_schedule(programme)
    assert schedule.sessions == () and "paused" in schedule.notes[0]


def test_a_workout_is_logged_then_edited_and_every_version_is_kept(world: World) -> None:
    programme = make_programme(world.own.patient)
    log = make_log(programme, rpe=6)
    entries = [
        services.EntryInput(exercise=e.exercise, sets=e.sets + 1, reps=e.reps, work_s=e.work_s)
        for e in log.entries.all()
    ]
    edited = services.workout_log_save(
        actor=_actor(world.patient),
        programme=programme,
        session_date=log.session_date,
        entries=entries,
        rpe=7,
        note="felt strong",
        base_revision=1,
    )
    assert edited.pk == log.pk and edited.revision == 2
    versions = {r.revision: r.content for r in edited.revisions.all()}
    assert versions[1]["rpe"] == 6 and versions[2]["rpe"] == 7
    assert versions[2]["entries"][0]["sets"] == versions[1]["entries"][0]["sets"] + 1
    assert AuditEvent.objects.filter(action="workout_log.update").count() == 1


def test_an_edit_based_on_an_old_version_changes_nothing(world: World) -> None:
    programme = make_programme(world.own.patient)
    log = make_log(programme)
    services.workout_log_save(
        actor=_actor(world.patient),
        programme=programme,
        session_date=log.session_date,
        entries=[services.EntryInput(exercise="squat", sets=3, reps=10)],
        base_revision=1,
    )
    with pytest.raises(Conflict) as caught:
        services.workout_log_save(
            actor=_actor(world.patient),
            programme=programme,
            session_date=log.session_date,
            entries=[services.EntryInput(exercise="squat", sets=1, reps=1)],
            base_revision=1,
        )
    assert caught.value.code == "edited_elsewhere"
    log.refresh_from_db()
    assert log.revision == 2 and log.entries.get().sets == 3
    with pytest.raises(Conflict, match="already logged"):
        make_log(programme, on=log.session_date)


@pytest.mark.parametrize(
    ("entry", "field", "words"),
    [
        ({"exercise": "squat", "sets": 99, "reps": 10}, "entries.0.sets", "0 to 20"),
        ({"exercise": "squat", "sets": 2, "reps": "ten"}, "entries.0.reps", "whole number"),
        (
            {"exercise": "squat", "sets": 2, "reps": 8, "load_kg": "heavy"},
            "entries.0.load_kg",
            "kg",
        ),
        ({"exercise": "squat", "sets": 2, "reps": 8, "rpe": 11}, "entries.0.rpe", "1 to 10"),
        ({"exercise": "burpee", "sets": 2}, "entries.0", "Unknown exercise"),
        ({"exercise": "squat", "sets": 0, "reps": 8}, "entries", "at least one set"),
    ],
)
def test_impossible_log_values_are_refused_with_the_field_named(
    world: World, entry: dict[str, Any], field: str, words: str
) -> None:
    programme = make_programme(world.own.patient)
    day = programme_schedule(programme).sessions[0].on
    with pytest.raises(DomainError) as caught:
        services.workout_log_save(
            actor=_actor(world.patient),
            programme=programme,
            session_date=day,
            entries=[services.EntryInput(**entry)],
        )
    assert words in caught.value.details[field][0]
    assert not WorkoutLog.objects.exists()


def test_sessions_cannot_be_logged_ahead_or_off_the_schedule(world: World) -> None:
    programme = make_programme(world.own.patient, start_date=timezone.localdate())
    entries = [services.EntryInput(exercise="squat", sets=2, reps=10)]
    future = programme_schedule(programme).sessions[-1].on
    with pytest.raises(DomainError, match="not ahead of time"):
        services.workout_log_save(
            actor=_actor(world.patient), programme=programme, session_date=future, entries=entries
        )
    rest_day = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(DomainError) as caught:
        services.workout_log_save(
            actor=_actor(world.patient), programme=programme, session_date=rest_day, entries=entries
        )
    assert caught.value.code == "not_scheduled"


def test_nothing_can_be_logged_before_clearance(world: World) -> None:
    procedure = timezone.localdate() - dt.timedelta(days=40)
    RecoveryCourseFactory(
        patient=world.own.patient,
        procedure_date=procedure,
        training_cleared_on=procedure + dt.timedelta(days=38),
    )
    programme = make_programme(
        world.own.patient,
        goal="maintain_after_surgery",
        start_date=timezone.localdate() - dt.timedelta(days=14),
    )
    early = procedure + dt.timedelta(days=28)  # a programme weekday, before the clearance
    with pytest.raises(DomainError) as caught:
        services.workout_log_save(
            actor=_actor(world.patient),
            programme=programme,
            session_date=early,
            entries=[services.EntryInput(exercise="squat", sets=2, reps=10)],
        )
    assert caught.value.code in ("not_cleared", "not_scheduled")


def test_streaks_count_scheduled_sessions_not_days() -> None:
    days = [TODAY - dt.timedelta(days=d) for d in (14, 12, 10, 7, 5, 3, 0)]
    logged = {days[0], days[1], days[3], days[4], days[5]}
    s = streak(days, logged, TODAY)
    assert (s.current, s.best, s.done, s.due) == (3, 3, 5, 6)  # today not yet logged
    s = streak(days, logged | {TODAY}, TODAY)
    assert (s.current, s.due) == (4, 7)
    assert streak([], set(), TODAY).rate_pct == 0


def test_the_training_page_shows_streak_schedule_and_progress(
    world: World, web_client: Any
) -> None:
    session = PhotoSessionFactory(
        patient=world.own.patient, purpose="progress", taken_on=timezone.localdate()
    )
    PhotoFactory(session=session, view="front")
    programme = make_programme(world.own.patient)
    make_log(programme)
    html = web_client(world.patient).get(f"/patients/{world.own.patient.pk}/training/")
    page = html.content.decode()
    assert html.status_code == 200
    assert 'data-stat="streak"' in page
    assert "vol-bar" in page and "Left side" in page
    assert "calorie" not in page.lower()


def test_after_surgery_the_nutrition_advice_has_no_calorie_numbers(
    world: World, web_client: Any
) -> None:
    RecoveryCourseFactory(patient=world.own.patient)
    page = web_client(world.patient).get(f"/patients/{world.own.patient.pk}/training/")
    html = page.content.decode()
    assert "not the time for a strict diet" in html
    assert "kcal" not in html and "No calorie targets" in html


def test_a_stale_edit_on_the_web_keeps_what_was_typed(world: World, web_client: Any) -> None:
    programme = make_programme(world.own.patient)
    log = make_log(programme)
    url = f"/programmes/{programme.pk}/sessions/{log.session_date.isoformat()}/"
    client = web_client(world.patient)
    entries = list(log.entries.all())
    form = {f"e-{i}-sets": str(e.sets) for i, e in enumerate(entries)}
    form.update({f"e-{i}-reps": str(e.reps or "") for i, e in enumerate(entries)})
    form.update({f"e-{i}-work_s": str(e.work_s or "") for i, e in enumerate(entries)})
    saved = client.post(url, {**form, "base_revision": "1", "note": "first edit"})
    assert saved.status_code == 302
    stale = client.post(url, {**form, "base_revision": "1", "note": "typed on the old tab"})
    html = stale.content.decode()
    assert stale.status_code == 200
    assert "changed somewhere else" in html and "typed on the old tab" in html
    assert WorkoutLog.objects.get().note == "first edit"


def test_the_api_creates_a_programme_and_logs_a_workout(world: World, api_client: Any) -> None:
    client = api_client(world.patient)
    patient_id = world.own.patient.pk
    start = timezone.localdate() - dt.timedelta(days=7)
    created = client.post(
        f"/api/patients/{patient_id}/programmes",
        {"goal": "reduce_look", "level": "beginner", "start_date": start.isoformat()},
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["training_allowed"] is True and body["allowed_from"] is None
    day = body["sessions"][0]["on"]
    put = client.put(
        f"/api/programmes/{body['id']}/workouts/{day}",
        {"entries": [{"exercise": "squat", "sets": 2, "reps": 10, "rpe": 6}], "rpe": 6},
        content_type="application/json",
    )
    assert put.status_code == 200 and put.json()["revision"] == 1
    again = client.put(
        f"/api/programmes/{body['id']}/workouts/{day}",
        {"entries": [{"exercise": "squat", "sets": 3, "reps": 10}]},
        content_type="application/json",
    )
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_logged"
    logs = client.get(f"/api/patients/{patient_id}/workouts").json()
    assert [w["session_date"] for w in logs] == [day]
    assert client.get(f"/api/patients/{patient_id}/programme").json()["sessions"][0]["logged"]


def test_the_catalogue_lists_every_exercise_with_a_figure(web_client: Any) -> None:
    from hipdip.care.exercises import CATALOGUE
    from hipdip.web.exercises.figures import figure_for

    page = web_client(None).get("/exercises/").content.decode()
    for e in CATALOGUE.values():
        assert f"/exercises/{e.slug}/" in page
        assert figure_for(e.slug) is not None
    filtered = web_client(None).get("/exercises/?impact=high&equipment=none").content.decode()
    assert "/exercises/jump_squat/" in filtered and "/exercises/squat/" not in filtered
    detail = web_client(None).get("/exercises/dumbbell_squat/").content.decode()
    assert "4.5–7 kg in each hand" in detail and "10–15 lb" in detail
    assert web_client(None).get("/exercises/no-such-move/").status_code == 404
