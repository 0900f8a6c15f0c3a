"""The procedure record's safety checks and surgeon overrides, and approved plans that
can't drift silently after new measurements (issue 13), through the services."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from hipdip.web.accounts.models import Role
from hipdip.web.audit.models import AuditEvent
from hipdip.web.core.errors import Conflict, DomainError
from hipdip.web.plans import services
from hipdip.web.plans.models import (
    PlanEvent,
    PlanEventKind,
    PlanStatus,
    ProcedureOverride,
    ProcedureRecord,
    TreatmentPlan,
)
from hipdip.web.plans.selectors import plan_drift, plan_view, procedure_checks
from hipdip.web.recovery.models import RecoveryCourse

from ..consultations.helpers import (
    actor,
    approved_plan,
    measured_session,
    procedure_input,
    recorded_procedure,
    saved_plan,
    submitted_intake,
    tick_whole_checklist,
)
from ..factories import ClinicFactory, PatientFactory, StaffFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def w() -> Any:
    clinic = ClinicFactory()

    class W:
        patient = PatientFactory(clinic=clinic)
        surgeon = StaffFactory(clinic=clinic, role=Role.SURGEON, full_name="Dr Sid Surgeon")
        coordinator = StaffFactory(clinic=clinic, role=Role.COORDINATOR, full_name="Cora Coord")

    measured_session(W.patient, left=7.4, right=5.1)
    return W


def _save(w: Any, by: Any, **data: Any) -> ProcedureRecord:
    return services.procedure_save(
        actor=actor(by), patient=w.patient, data=procedure_input(w.surgeon, **data), version=0
    )


def _keys(w: Any, day: dt.date = TODAY) -> list[str]:
    plan = TreatmentPlan.objects.get(patient=w.patient)
    return [c.key for c in procedure_checks(w.patient, plan, performed_on=day)]


def test_a_procedure_is_refused_against_an_unapproved_plan_and_starts_no_recovery(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    saved_plan(w.patient, w.coordinator, surgery_date=TODAY)
    with pytest.raises(services.NotApproved) as caught:
        _save(w, w.surgeon)
    assert caught.value.status_code == 409 and caught.value.code == "plan_not_approved"
    assert not ProcedureRecord.objects.exists() and not RecoveryCourse.objects.exists()


def test_a_procedure_before_the_planned_date_with_the_checklist_open_is_refused(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    approved_plan(w.patient, w.surgeon, surgery_date=TODAY + dt.timedelta(days=35))
    with pytest.raises(services.OverrideRequired) as caught:
        _save(w, w.surgeon)
    items = {i["item"]: i for i in caught.value.details["overrides_needed"]}
    assert set(items) == {"early", "checklist"}
    assert "35 days before the planned surgery date" in items["early"]["detail"]
    assert items["checklist"]["detail"].startswith("0 of ")
    assert caught.value.status_code == 409
    # nothing half-written: no record, no recovery course, no check-in prompts
    assert not ProcedureRecord.objects.exists() and not RecoveryCourse.objects.exists()


def test_a_procedure_on_the_day_with_the_checklist_done_needs_no_override(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    approved_plan(w.patient, w.surgeon, surgery_date=TODAY)
    assert _keys(w) == ["checklist"]
    tick_whole_checklist(w.patient, w.patient.user)
    assert _keys(w) == []
    record = _save(w, w.coordinator)
    assert not record.overrides.exists() and RecoveryCourse.objects.filter(patient=w.patient)


def test_a_plan_without_a_surgery_date_had_no_checklist_and_needs_an_override(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    approved_plan(w.patient, w.surgeon)
    assert _keys(w) == ["no_surgery_date"]


def test_still_vaping_is_an_open_stop_finding_on_the_day(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user, nicotine="current")
    approved_plan(w.patient, w.surgeon, surgery_date=TODAY)
    tick_whole_checklist(w.patient, w.patient.user)
    assert _keys(w) == ["finding-nicotine_use"]


def test_only_a_surgeon_may_override(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    approved_plan(w.patient, w.surgeon, surgery_date=TODAY + dt.timedelta(days=3))
    with pytest.raises(services.OverrideRequired, match="A surgeon has to record"):
        _save(w, w.coordinator)
    with pytest.raises(services.NotAllowed):
        _save(w, w.coordinator, overridden=("early", "checklist"), override_reason="Because.")
    assert not ProcedureRecord.objects.exists()


def test_every_check_must_be_ticked_and_have_a_reason(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    approved_plan(w.patient, w.surgeon, surgery_date=TODAY + dt.timedelta(days=3))
    with pytest.raises(services.OverrideRequired) as caught:
        _save(w, w.surgeon, overridden=("early",), override_reason="Theatre slot moved.")
    assert [i["item"] for i in caught.value.details["overrides_needed"]] == ["checklist"]
    with pytest.raises(services.OverrideRequired):
        _save(w, w.surgeon, overridden=("early", "checklist"))  # no reason at all
    record = _save(
        w,
        w.surgeon,
        overridden=("early", "checklist"),
        override_reasons={"early": "Theatre slot moved forward by the hospital."},
        override_reason="Checklist gone through with the patient on the morning.",
    )
    rows = {o.item: o for o in ProcedureOverride.objects.filter(record=record)}
    assert rows["early"].reason == "Theatre slot moved forward by the hospital."
    assert rows["checklist"].reason == "Checklist gone through with the patient on the morning."
    assert rows["early"].by == w.surgeon and rows["early"].by_name == "Dr Sid Surgeon"
    assert rows["early"].what.startswith("Before the planned date: Recorded for")
    events = AuditEvent.objects.filter(action="procedure.override", patient=w.patient)
    assert sorted(e.detail["item"] for e in events) == ["checklist", "early"]
    assert RecoveryCourse.objects.filter(patient=w.patient).exists()


def test_a_correction_does_not_ask_again_for_checks_already_overridden(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    approved_plan(w.patient, w.surgeon, surgery_date=TODAY + dt.timedelta(days=3))
    record = recorded_procedure(w.patient, w.surgeon)
    data = dataclasses.replace(procedure_input(w.surgeon), notes="Drain removed.")
    again = services.procedure_save(
        actor=actor(w.coordinator), patient=w.patient, data=data, version=record.version
    )
    assert again.version == 2 and again.overrides.count() == 2


def _new_photos(w: Any, left: float, right: float) -> Any:
    session = measured_session(w.patient, left=left, right=right)
    session.taken_on = TODAY
    session.save()
    return session


def _drift(w: Any) -> Any:
    plan = TreatmentPlan.objects.get(patient=w.patient)
    _, computed = plan_view(w.patient)
    return plan_drift(plan, computed, has_procedure=False)


def test_new_measurements_after_approval_show_the_change_per_side(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    plan = approved_plan(w.patient, w.surgeon, surgery_date=TODAY + dt.timedelta(days=10))
    assert _drift(w) is None
    approved = {s["side"]: s for s in plan.approved_snapshot["sides"]}  # type: ignore[index]
    _new_photos(w, left=10.6, right=5.1)
    drift = _drift(w)
    assert drift is not None
    left = next(s for s in drift.sides if s.side == "left")
    assert left.approved_depth_mm == approved["left"]["depth_mm"]
    assert left.depth_change_mm == pytest.approx(
        left.new_depth_mm - left.approved_depth_mm, abs=0.1
    )
    assert left.depth_change_mm > 0 and left.volume_change_ml > 0
    assert left.approved_ml == approved["left"]["target_ml"]
    # the approved figures themselves never move
    plan.refresh_from_db()
    assert plan.approved_snapshot["sides"][0]["depth_mm"] == approved["left"]["depth_mm"]  # type: ignore[index]
    assert "plan_drift" in _keys(w, TODAY + dt.timedelta(days=10))


def test_new_photos_that_measure_the_same_are_not_called_different(w: Any) -> None:
    # The procedure page said "New measurements of 2026-11-17 differ from those the plan
    # was approved on (left 12.2 → 12.2 mm, right 10.0 → 10.0 mm)".
    submitted_intake(w.patient, w.patient.user)
    approved_plan(w.patient, w.surgeon, surgery_date=TODAY + dt.timedelta(days=10))
    _new_photos(w, left=7.4, right=5.1)
    drift = _drift(w)
    assert drift is not None and not drift.depths_changed
    plan = TreatmentPlan.objects.get(patient=w.patient)
    checks = procedure_checks(w.patient, plan, performed_on=TODAY + dt.timedelta(days=10))
    text = next(c for c in checks if c.key == "plan_drift").detail
    day = f"{TODAY.day} {TODAY:%b %Y}"
    assert f"New photos of {day}, taken after the plan was approved, measure the same" in text
    assert "differ" not in text and TODAY.isoformat() not in text
    _new_photos(w, left=10.6, right=5.1)
    assert _drift(w).depths_changed  # type: ignore[union-attr]
    checks = procedure_checks(w.patient, plan, performed_on=TODAY + dt.timedelta(days=10))
    text = next(c for c in checks if c.key == "plan_drift").detail
    assert text.startswith(f"New measurements of {day} differ from those")


def test_a_surgeon_reconfirms_with_a_reason_and_the_plan_stops_asking(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    plan = approved_plan(w.patient, w.surgeon)
    snapshot = plan.approved_snapshot
    _new_photos(w, left=9.0, right=6.0)
    with pytest.raises(services.NotAllowed):
        services.plan_reconfirm(
            actor=actor(w.coordinator), patient=w.patient, version=plan.version, reason="x"
        )
    with pytest.raises(DomainError, match="reason"):
        services.plan_reconfirm(
            actor=actor(w.surgeon), patient=w.patient, version=plan.version, reason=" "
        )
    services.plan_reconfirm(
        actor=actor(w.surgeon),
        patient=w.patient,
        version=plan.version,
        reason="Arms raised in the new photos; examined in clinic, unchanged.",
    )
    plan.refresh_from_db()
    assert _drift(w) is None and plan.is_approved and plan.approved_snapshot == snapshot
    event = PlanEvent.objects.get(plan=plan, kind=PlanEventKind.RECONFIRMED)
    assert event.reason.startswith("Arms raised") and event.changes[0]["label"] == "Left dip depth"
    assert AuditEvent.objects.filter(action="plan.reconfirm", patient=w.patient).exists()
    with pytest.raises(Conflict, match="not changed"):
        services.plan_reconfirm(
            actor=actor(w.surgeon), patient=w.patient, version=plan.version, reason="again"
        )


def test_a_surgeon_revises_the_plan_back_to_draft(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    plan = approved_plan(w.patient, w.surgeon)
    _new_photos(w, left=9.0, right=6.0)
    services.plan_revise(actor=actor(w.surgeon), patient=w.patient, version=plan.version)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and plan.version == 2
    assert PlanEvent.objects.filter(plan=plan, kind=PlanEventKind.REVISED).exists()
    with pytest.raises(services.NotApproved):
        recorded_procedure(w.patient, w.surgeon)


def test_approval_is_refused_when_new_photos_arrived_while_reviewing(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    plan = saved_plan(w.patient, w.coordinator)
    _, computed = plan_view(w.patient)
    seen = str(computed.screening.measurements.session.pk)  # type: ignore[union-attr]
    _new_photos(w, left=9.0, right=6.0)
    with pytest.raises(Conflict) as caught:
        services.plan_approve(
            actor=actor(w.surgeon),
            patient=w.patient,
            version=plan.version,
            measurement_session_id=seen,
        )
    assert caught.value.code == "measurements_changed"
    plan.refresh_from_db()
    assert not plan.is_approved
