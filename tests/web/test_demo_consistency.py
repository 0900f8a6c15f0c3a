"""The built demo agrees with itself: a height history has no row twice (each session's
height is dated with the session), and a plan's approval time is the one its history shows."""

from __future__ import annotations

from collections import Counter

import pytest
from django.utils import timezone

from hipdip.web.assessments.models import PhotoSession
from hipdip.web.demo import demo_seed
from hipdip.web.patients.models import HeightSource, PatientHeight
from hipdip.web.plans.models import PlanEvent, PlanEventKind, TreatmentPlan

pytestmark = pytest.mark.django_db


def test_the_demos_heights_and_approval_times_agree(fake_analysis: list[str]) -> None:
    demo_seed(password="demo-password-1")
    rows = Counter(
        (h.patient_id, h.height_cm, h.source, timezone.localdate(h.recorded_at))
        for h in PatientHeight.objects.all()
    )
    assert rows and max(rows.values()) == 1, rows
    for h in PatientHeight.objects.filter(source=HeightSource.PHOTO_SESSION):
        session = PhotoSession.objects.get(pk=h.session_id)
        assert timezone.localdate(h.recorded_at) == session.taken_on
    approved = TreatmentPlan.objects.filter(approved_at__isnull=False)
    assert approved.exists()
    for plan in approved:
        event = PlanEvent.objects.filter(plan=plan, kind=PlanEventKind.APPROVED).latest("at")
        assert event.at == plan.approved_at
