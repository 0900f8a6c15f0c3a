"""Plans, approval, the pre-op checklist and procedure records, through the services."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
from django.utils import timezone

from hipdip.web.accounts.models import Role
from hipdip.web.audit.models import AuditEvent
from hipdip.web.clinic.models import ClinicCareSettings
from hipdip.web.consultations import services as consult
from hipdip.web.core.errors import Conflict, DomainError
from hipdip.web.plans import services
from hipdip.web.plans.compare import compare
from hipdip.web.plans.models import ChecklistTick, PlanEvent, PlanStatus
from hipdip.web.plans.preop import checklist_for
from hipdip.web.plans.selectors import PlanChoices

from ..consultations.helpers import (
    actor,
    approved_plan,
    measured_session,
    procedure_input,
    recorded_procedure,
    saved_plan,
    submitted_intake,
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

    W.clinic = clinic  # type: ignore[attr-defined]
    measured_session(W.patient, left=7.4, right=5.1)
    return W


def test_the_plan_figures_are_the_care_layers_worked_example(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    plan = approved_plan(w.patient, w.surgeon)
    left = plan.approved_snapshot["sides"][0]  # type: ignore[index]
    # half ellipsoid: (pi/6) * 80 * 80 * 7.4 mm^3, retention 0.5, processing yield 0.26
    deficit = math.pi / 6 * 80 * 80 * 7.4 / 1000
    assert left["deficit_ml"] == pytest.approx(deficit, abs=0.1)
    assert left["injected"]["expected_ml"] == pytest.approx(deficit / 0.5, abs=0.1)
    assert left["aspirate"]["expected_ml"] == pytest.approx(deficit / 0.5 / 0.26, abs=0.2)
    assert left["views"] == ["back", "front"] and left["plane"] == "subcutaneous"
    assert plan.approved_snapshot["assumptions"]["graft_retention_low"] == 0.4  # type: ignore[index]


def test_the_clinics_retention_setting_changes_the_volumes(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    ClinicCareSettings.objects.create(clinic=w.clinic, overrides={"graft_retention_expected": 0.6})
    plan = approved_plan(w.patient, w.surgeon)
    left = plan.approved_snapshot["sides"][0]  # type: ignore[index]
    assert left["injected"]["expected_ml"] == pytest.approx(left["deficit_ml"] / 0.6, abs=0.1)


def test_no_plan_while_a_stop_finding_is_unresolved(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user, medications=["warfarin 3 mg"])
    with pytest.raises(DomainError, match="anticoagulant"):
        saved_plan(w.patient, w.coordinator)
    consult.finding_override_create(
        actor=actor(w.surgeon),
        patient=w.patient,
        code="anticoagulant",
        reason="Bridging agreed with the haematologist",
    )
    assert saved_plan(w.patient, w.coordinator).version == 1


def test_no_plan_before_the_intake_is_sent(w: Any) -> None:
    with pytest.raises(DomainError, match="intake"):
        saved_plan(w.patient, w.coordinator)


def test_two_staff_editing_the_same_plan_do_not_lose_an_update(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    saved_plan(w.patient, w.coordinator)  # version 1, both open it
    first = services.plan_save(
        actor=actor(w.surgeon),
        patient=w.patient,
        version=1,
        choices=PlanChoices(donor_sites=("abdomen",), anaesthesia="general"),
    )
    assert first.version == 2
    with pytest.raises(services.StaleVersion) as caught:
        services.plan_save(
            actor=actor(w.coordinator),
            patient=w.patient,
            version=1,
            choices=PlanChoices(donor_sites=("flanks",), anaesthesia="sedation"),
        )
    assert caught.value.status_code == 409
    assert "Dr Sid Surgeon saved this plan" in caught.value.message
    assert caught.value.details == {"current_version": 2}
    first.refresh_from_db()
    assert (first.anaesthesia, first.donor_sites) == ("general", ["abdomen"])


def test_a_surgery_date_in_the_past_is_refused(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    with pytest.raises(services.ChoicesInvalid) as caught:
        saved_plan(w.patient, w.coordinator, surgery_date=TODAY - dt.timedelta(days=1))
    assert "cannot be in the past" in caught.value.details["surgery_date"][0]


def test_impossible_volumes_and_unknown_choices_are_refused_by_field(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    with pytest.raises(services.ChoicesInvalid) as caught:
        saved_plan(
            w.patient,
            w.coordinator,
            planned_left_ml=9000,
            donor_sites=("elbow",),
            plane_right="deep",
        )
    assert set(caught.value.details) == {"planned_left_ml", "donor_sites", "plane_right"}


def test_a_deep_injection_plane_blocks_approval_until_a_surgeon_decides(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    plan = saved_plan(w.patient, w.coordinator, plane_left="intramuscular")
    with pytest.raises(DomainError, match="deep_injection_plane"):
        services.plan_approve(actor=actor(w.surgeon), patient=w.patient, version=plan.version)
    consult.finding_override_create(
        actor=actor(w.surgeon),
        patient=w.patient,
        code="deep_injection_plane",
        reason="Documented exception",
        extra_codes=("deep_injection_plane",),
    )
    approved = services.plan_approve(
        actor=actor(w.surgeon), patient=w.patient, version=plan.version
    )
    warning = approved.approved_snapshot["warnings"][0]  # type: ignore[index]
    assert warning["code"] == "deep_injection_plane" and warning["source_id"] == "aserf-mofid-2017"
    assert warning["override"]["reason"] == "Documented exception"


def test_only_a_surgeon_approves_and_only_the_version_they_saw(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    plan = saved_plan(w.patient, w.coordinator)
    with pytest.raises(services.NotAllowed):
        services.plan_approve(actor=actor(w.coordinator), patient=w.patient, version=plan.version)
    with pytest.raises(services.StaleVersion):
        services.plan_approve(actor=actor(w.surgeon), patient=w.patient, version=plan.version - 1)
    approved = services.plan_approve(
        actor=actor(w.surgeon), patient=w.patient, version=plan.version
    )
    assert approved.status == PlanStatus.APPROVED and approved.approved_by_name == "Dr Sid Surgeon"
    assert AuditEvent.objects.filter(action="plan.approve", actor=w.surgeon).exists()
    with pytest.raises(Conflict):
        services.plan_approve(actor=actor(w.surgeon), patient=w.patient, version=plan.version)


def test_a_clinical_change_withdraws_approval_but_a_new_date_does_not(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    plan = approved_plan(w.patient, w.surgeon)
    later = TODAY + dt.timedelta(days=40)
    plan = saved_plan(w.patient, w.coordinator, surgery_date=later)
    assert plan.status == PlanStatus.APPROVED
    plan = saved_plan(w.patient, w.coordinator, surgery_date=later, anaesthesia="general")
    assert plan.status == PlanStatus.DRAFT
    kinds = list(PlanEvent.objects.filter(plan=plan).values_list("kind", flat=True))
    assert kinds[:2] == ["unapproved", "changed"]
    assert plan.approved_snapshot is not None  # the last approval stays on record


def test_the_checklist_dates_follow_the_surgery_date_and_the_clinics_holds(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    surgery = TODAY + dt.timedelta(days=30)
    saved_plan(w.patient, w.coordinator, surgery_date=surgery)
    rows = {r.item.text.split(" from ")[0]: r for r in checklist_for(w.patient).rows}
    fish = rows["Stop taking Fish oil capsules"]
    assert fish.item.due_on == surgery - dt.timedelta(days=14)  # aesthetic-practice-holds
    ClinicCareSettings.objects.create(clinic=w.clinic, overrides={"hold_days": {"fish_oil": 10}})
    fish = next(r for r in checklist_for(w.patient).rows if "Fish oil" in r.item.text)
    assert fish.item.due_on == surgery - dt.timedelta(days=10)
    assert fish.item.source_id == "clinic-settings"


def test_a_tick_counts_only_while_the_item_reads_the_same(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    saved_plan(w.patient, w.coordinator, surgery_date=TODAY + dt.timedelta(days=30))
    key = next(r.key for r in checklist_for(w.patient).rows if "Fish oil" in r.item.text)
    services.checklist_tick(actor=actor(w.patient.user), patient=w.patient, key=key, done=True)
    assert next(r for r in checklist_for(w.patient).rows if r.key == key).done
    saved_plan(w.patient, w.coordinator, surgery_date=TODAY + dt.timedelta(days=45))
    assert not next(r for r in checklist_for(w.patient).rows if r.key == key).done
    assert ChecklistTick.objects.filter(patient=w.patient).count() == 1
    with pytest.raises(DomainError, match="no longer exists"):
        services.checklist_tick(
            actor=actor(w.patient.user), patient=w.patient, key="nope", done=True
        )


def test_a_procedure_needs_an_approved_plan(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    saved_plan(w.patient, w.coordinator)
    with pytest.raises(DomainError, match="approved"):
        recorded_procedure(w.patient, w.surgeon)


def test_the_procedure_record_checks_its_values_and_works_out_the_force(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    approved_plan(w.patient, w.surgeon)
    with pytest.raises(services.ChoicesInvalid) as caught:
        recorded_procedure(
            w.patient,
            w.surgeon,
            performed_on=TODAY + dt.timedelta(days=1),
            harvest={},
            complications=("none", "bleeding"),
            centrifuge_rpm=None,
        )
    assert {"performed_on", "harvest", "complications", "centrifuge_rpm"} <= set(
        caught.value.details
    )
    record = recorded_procedure(w.patient, w.surgeon)
    assert record.centrifuge_g == 1006  # 3,000 rpm at 10 cm
    assert record.surgeon_name == "Dr Sid Surgeon" and record.version == 1
    with pytest.raises(services.StaleVersion):
        services.procedure_save(
            actor=actor(w.coordinator),
            patient=w.patient,
            data=procedure_input(w.surgeon),
            version=0,
        )
    with pytest.raises(DomainError, match="no longer change"):
        saved_plan(w.patient, w.coordinator, anaesthesia="general")


def test_the_record_is_compared_with_the_plan_row_by_row(w: Any) -> None:
    submitted_intake(w.patient, w.patient.user)
    plan = approved_plan(w.patient, w.surgeon, planned_left_ml=80)
    record = recorded_procedure(w.patient, w.surgeon, anaesthesia="sedation", rotor_radius_cm=30.0)
    rows, findings = compare(plan.approved_snapshot, record, w.clinic and _settings(w))
    by_label = {r.label: r for r in rows}
    assert by_label["Anaesthesia"].flag == "differs"
    assert (
        by_label["Injected, left"].planned == "80 mL" and by_label["Injected, left"].flag == "same"
    )
    assert by_label["Usable fat (injected ÷ harvested)"].done == "23%"
    assert findings and findings[0].code == "centrifuge_force_high"  # about 3,018 g at 30 cm
    assert by_label["Processing"].flag == "warn"


def _settings(w: Any) -> Any:
    from hipdip.web.clinic.selectors import care_settings_for_patient

    return care_settings_for_patient(w.patient)
