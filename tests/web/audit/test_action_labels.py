"""Every audit action code the product records has plain words for the log page; a new
code without a label fails here. Unknown codes still read as words."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

import hipdip
from hipdip.web.audit.labels import ACTION_LABELS, action_label
from hipdip.web.clinic.models import SettingsVersion

from ..conftest import World

SRC = Path(hipdip.__file__).parent
#: A dotted code in quotes on a line that passes an audit action ("x.y", "x.y.z").
CODE = re.compile(r'"([a-z_]+(?:\.[a-z_]+)+)"')


def _codes_in_source() -> set[str]:
    codes = set()
    for path in SRC.rglob("*.py"):
        for line in path.read_text().splitlines():
            if "action" in line and "import" not in line:
                codes.update(CODE.findall(line))
    # Codes built from a value: one per value.
    codes.update(f"clinic_settings.{a}" for a in SettingsVersion.Action.values)
    codes.update(f"photo.{which}.view" for which in ("image", "overlay"))
    return codes


def test_every_action_code_used_in_the_product_has_a_label() -> None:
    codes = _codes_in_source()
    assert len(codes) > 100  # the scan finds the product's codes
    missing = sorted(c for c in codes if c not in ACTION_LABELS)
    assert not missing, f"add a label in hipdip/web/audit/labels.py for: {missing}"


def test_an_unknown_code_reads_as_words() -> None:
    assert action_label("appointment_type.frobnicate") == "Appointment type frobnicate"
    assert action_label("appointment.list") == "Visits listed"


@pytest.mark.django_db
def test_the_log_shows_the_label_with_the_code_beside_it(
    world: World, web_client: Callable[..., Client]
) -> None:
    web_client(world.surgeon).get(f"/patients/{world.own.patient.pk}/")
    page = web_client(world.clinic_admin).get("/clinic/audit/").content.decode()
    assert "Patient viewed" in page
    assert (
        '<code class="muted small" title="Action code, as the filter takes it">patient.view' in page
    )
