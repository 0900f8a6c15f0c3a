"""`hipdip reminders run` (the in-process mode's runner) and `hipdip beat`."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core import mail
from django.utils import timezone

from hipdip.cli import build_parser, main
from hipdip.web.accounts.models import Role
from hipdip.web.reminders.models import EscalationSettings

from ..factories import ClinicFactory, PatientFactory, StaffFactory
from ..recovery.factories import RecoveryCourseFactory, make_checkin


def test_the_reminder_commands_are_registered() -> None:
    parser = build_parser()
    args = parser.parse_args(["reminders", "run", "--every", "60", "--job", "escalations"])
    assert (args.every, args.job, callable(args.handler)) == (60, "escalations", True)
    assert callable(parser.parse_args(["beat"]).handler)


@pytest.mark.django_db
def test_reminders_run_once_runs_every_job_and_escalates(capsys) -> None:  # type: ignore[no-untyped-def]
    clinic = ClinicFactory()
    surgeon = StaffFactory(clinic=clinic, role=Role.SURGEON)
    EscalationSettings.objects.create(clinic=clinic, escalation_minutes=10, on_call=surgeon)
    course = RecoveryCourseFactory(patient=PatientFactory(clinic=clinic))
    make_checkin(course, at=timezone.now() - dt.timedelta(minutes=15), temperature_c=38.6)
    mail.outbox.clear()
    assert main(["reminders", "run"]) == 0
    line = capsys.readouterr().out.strip().splitlines()[-1]
    result = json.loads(line.removeprefix("hipdip reminders: "))
    assert set(result) == {
        "escalations",
        "alerts",
        "deliveries",
        "appointments",
        "checkin_prompts",
        "preop",
    }
    assert result["escalations"] == 1
    assert [m.to for m in mail.outbox] == [[surgeon.email]]
    assert main(["reminders", "run", "--job", "escalations"]) == 0  # again: nothing twice
    assert len(mail.outbox) == 1


def test_bad_reminder_options_are_refused(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["reminders", "run", "--every", "1"]) == 2
    assert "at least 10 seconds" in capsys.readouterr().err


def test_beat_needs_a_broker(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    monkeypatch.setenv("HIPDIP_ENV_FILE", "/nonexistent/.env")
    assert main(["beat"]) == 2
