"""The session page prescribes each exercise in its own unit: walking in minutes (and
logged in minutes), strength as sets x reps, jumping intervals as rounds x seconds."""

from __future__ import annotations

from typing import Any

import pytest

from hipdip.web.training.models import WorkoutLog
from hipdip.web.training.selectors import programme_schedule

from ..conftest import World
from ..recovery.factories import make_programme

pytestmark = pytest.mark.django_db


def test_walking_is_prescribed_and_logged_in_minutes(world: World, web_client: Any) -> None:
    programme = make_programme(world.own.patient)  # beginner, no kit, low impact
    session = programme_schedule(programme).sessions[0]
    url = f"/programmes/{programme.pk}/sessions/{session.on.isoformat()}/"
    client = web_client(world.patient)
    html = client.get(url).content.decode()
    assert "Brisk walk" in html and "10 min" in html
    assert "rounds × 25 s" not in html and "Cardio intervals" not in html
    doses = [d for b in session.blocks for d in b.items]
    walk = next(i for i, d in enumerate(doses) if d.exercise == "brisk_walk")
    assert f'name="e-{walk}-work_min" value="10"' in html
    form: dict[str, str] = {}
    for i, d in enumerate(doses):
        form[f"e-{i}-sets"] = str(d.sets)
        form[f"e-{i}-reps"] = str(d.reps or "")
        form[f"e-{i}-work_s"] = str(d.work_s or "")
    form[f"e-{walk}-work_min"] = "25"
    assert client.post(url, {**form, "base_revision": ""}).status_code == 302
    entry = WorkoutLog.objects.get().entries.get(exercise="brisk_walk")
    assert (entry.sets, entry.work_s) == (1, 25 * 60)
    assert f'name="e-{walk}-work_min" value="25"' in client.get(url).content.decode()


def test_the_api_names_each_prescriptions_unit(world: World, api_client: Any) -> None:
    make_programme(world.own.patient)
    url = f"/api/patients/{world.own.patient.pk}/programme"
    body = api_client(world.patient).get(url).json()
    doses = [d for s in body["sessions"] for d in s["strength"] + s["cardio"]]
    walks = [d for d in doses if d["exercise"] == "brisk_walk"]
    assert walks and all(
        d["dosing"] == "steady" and d["prescription"].endswith(" min") for d in walks
    )
    assert all(d["dosing"] == "reps" for d in doses if d["exercise"] == "squat")
