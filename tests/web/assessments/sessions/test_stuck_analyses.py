"""Analyses that a dead worker or an unreachable broker left pending are queued again: by a
periodic sweeper, or at once by a retry, without waiting for the broker's redelivery
(issue 14, findings 2 and 4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import OperationalError
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.assessments import tasks
from hipdip.web.assessments.models import Photo, Status
from hipdip.web.assessments.services import analysis
from hipdip.web.assessments.services import sessions as services
from hipdip.web.core.errors import Conflict

from ...conftest import World
from ...factories import PhotoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Photo ids sent to the broker (instead of running them)."""
    sent: list[str] = []
    monkeypatch.setattr(tasks.photo_analyse_task, "delay", lambda photo_id: sent.append(photo_id))
    return sent


def _pending(world: World, *, queued_ago: float, started_ago: float | None = None) -> Photo:
    now = timezone.now()
    photo = PhotoFactory(session__patient=world.own.patient, status=Status.PENDING)
    Photo.objects.filter(pk=photo.pk).update(
        queued_at=now - dt.timedelta(seconds=queued_ago),
        started_at=None if started_ago is None else now - dt.timedelta(seconds=started_ago),
    )
    photo.refresh_from_db()
    return photo


def test_an_analysis_a_killed_worker_left_behind_is_queued_again_by_the_sweeper(
    world: World, queued: list[str], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.HIPDIP_STALE_PENDING_SECONDS = 120
    killed = _pending(world, queued_ago=400, started_ago=390)  # the worker died mid-analysis
    never_sent = _pending(world, queued_ago=300)  # the broker did not take it
    running = _pending(world, queued_ago=30, started_ago=20)
    waiting = _pending(world, queued_ago=60)
    with django_capture_on_commit_callbacks(execute=True):
        count = services.photos_requeue_stuck()
    assert count == 2
    assert sorted(queued) == sorted([str(killed.pk), str(never_sent.pk)])
    killed.refresh_from_db()
    assert killed.status == Status.PENDING and killed.started_at is None
    assert timezone.now() - killed.queued_at < dt.timedelta(seconds=5)
    # A second sweep right away finds nothing new: no storm of duplicates.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.photos_requeue_stuck() == 0
    for photo in (running, waiting):
        photo.refresh_from_db()
        assert photo.status == Status.PENDING


def test_a_retry_is_accepted_as_soon_as_the_analysis_is_overdue(
    world: World, queued: list[str], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.HIPDIP_STALE_PENDING_SECONDS = 120
    actor = Actor(world.patient, "web")
    overdue = _pending(world, queued_ago=150, started_ago=140)
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_retry(actor=actor, photo=overdue)
    assert queued == [str(overdue.pk)]
    # One that a worker is busy with is still refused, with a clear code.
    busy = _pending(world, queued_ago=40, started_ago=30)
    with pytest.raises(Conflict) as err:
        services.photo_retry(actor=actor, photo=busy)
    assert err.value.code == "still_pending"


def test_a_second_delivery_of_a_running_analysis_does_not_run_it_twice(
    world: World, fake_analysis: list[str]
) -> None:
    running = _pending(world, queued_ago=30, started_ago=10)
    analysis.photo_analyse(photo_id=running.pk)
    assert fake_analysis == []  # another worker has it
    dead = _pending(world, queued_ago=900, started_ago=890)
    analysis.photo_analyse(photo_id=dead.pk)
    assert fake_analysis == [str(dead.pk)]  # its worker is gone: this delivery takes over
    dead.refresh_from_db()
    assert dead.status == Status.DONE


def test_a_database_error_mid_analysis_lets_the_task_retry_take_it_at_once(
    world: World, fake_analysis: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = _pending(world, queued_ago=5)
    real = analysis._apply_result
    calls: list[int] = []

    def flaky(*args: Any) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("the database went away for a moment")
        real(*args)

    monkeypatch.setattr(analysis, "_apply_result", flaky)
    with pytest.raises(OperationalError):
        analysis.photo_analyse(photo_id=photo.pk)  # the task's autoretry catches this
    photo.refresh_from_db()
    assert photo.status == Status.PENDING and photo.started_at is None
    analysis.photo_analyse(photo_id=photo.pk)  # the retry
    photo.refresh_from_db()
    assert photo.status == Status.DONE


def test_the_sweeper_runs_on_celery_beat_and_unacked_tasks_come_back_within_minutes(
    settings: Any,
) -> None:
    from hipdip.web.celery import app

    schedule = settings.CELERY_BEAT_SCHEDULE
    entry = next(e for e in schedule.values() if e["task"] == "photos.requeue_stuck")
    assert entry["schedule"] <= 120
    assert "photos.requeue_stuck" in app.tasks
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert visibility <= 15 * 60  # not the broker's default hour
    # ... yet longer than any retry countdown, or a delayed retry would run twice.
    assert visibility > 300
