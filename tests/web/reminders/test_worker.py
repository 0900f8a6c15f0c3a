"""`hipdip worker` runs the reminder jobs on Celery beat with the schedule in the database
(a real worker on the Redis at 127.0.0.1:6379, on a queue of its own)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from hipdip.web.accounts.models import Role
from hipdip.web.notifications.models import Delivery
from hipdip.web.reminders.models import EscalationSettings

from ..assessments.sessions.test_tasks import REDIS_DB, REDIS_HOST, REDIS_PORT, _database_url
from ..assessments.sessions.test_tasks import _require_redis as require_redis
from ..factories import ClinicFactory, PatientFactory, StaffFactory
from ..recovery.factories import RecoveryCourseFactory, make_checkin


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_worker_escalates_an_overdue_alert_on_its_database_schedule(tmp_path: Path) -> None:
    require_redis()
    clinic = ClinicFactory()
    surgeon = StaffFactory(clinic=clinic, role=Role.SURGEON)
    EscalationSettings.objects.create(clinic=clinic, escalation_minutes=5, on_call=surgeon)
    course = RecoveryCourseFactory(patient=PatientFactory(clinic=clinic))
    make_checkin(course, at=timezone.now() - dt.timedelta(minutes=20), temperature_c=38.6)
    # The test database was emptied for this test: the schedule row comes from here.
    every, _ = IntervalSchedule.objects.get_or_create(every=2, period="seconds")
    PeriodicTask.objects.update_or_create(
        name="reminders: escalations",
        defaults={"task": "reminders.run_job", "interval": every, "args": '["escalations"]'},
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hipdip.web.settings.test",
        "CELERY_BROKER_URL": f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}",
        "CELERY_QUEUE": "hipdip-reminders-test",
        "DATABASE_URL": _database_url(),
    }
    log_path = tmp_path / "worker.log"
    with log_path.open("wb") as log:
        hipdip = Path(sys.executable).with_name("hipdip")
        proc = subprocess.Popen(
            [str(hipdip), "worker", "--concurrency", "1", "--loglevel", "INFO"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not Delivery.objects.exists():
                assert proc.poll() is None, log_path.read_text()[-3000:]
                time.sleep(0.5)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    text = log_path.read_text()
    [delivery] = Delivery.objects.all()
    assert (delivery.recipient, delivery.kind, delivery.status) == (surgeon, "escalation", "sent")
    assert "DatabaseScheduler" in text or "django_celery_beat" in text, text[-3000:]
