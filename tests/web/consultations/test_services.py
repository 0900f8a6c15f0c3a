"""Consultation services on the database: drafts, submission, history, screening, overrides."""

from __future__ import annotations

from typing import Any

import pytest

from hipdip.care.bodyimage import Instrument
from hipdip.web.accounts.models import Role
from hipdip.web.audit.models import AuditEvent
from hipdip.web.clinic.models import ClinicCareSettings
from hipdip.web.consultations import services
from hipdip.web.consultations.models import ClinicQuestionnaire, IntakeChange, IntakeStatus
from hipdip.web.consultations.selectors import intake_of, screening_for
from hipdip.web.core.errors import Conflict, DomainError

from ..factories import ClinicFactory, PatientFactory, StaffFactory
from .helpers import actor, complete_answers, measured_session, submitted_intake

pytestmark = pytest.mark.django_db


@pytest.fixture
def people() -> Any:
    clinic = ClinicFactory()

    class P:
        patient = PatientFactory(clinic=clinic)
        surgeon = StaffFactory(clinic=clinic, role=Role.SURGEON, full_name="Dr Sid Surgeon")
        coordinator = StaffFactory(clinic=clinic, role=Role.COORDINATOR, full_name="Cora Coord")

    P.clinic = clinic  # type: ignore[attr-defined]
    return P


def test_a_draft_keeps_valid_answers_and_reports_the_rest(people: Any) -> None:
    saved = services.intake_save_draft(
        actor=actor(people.patient.user),
        patient=people.patient,
        raw={"height_cm": "20", "weight_kg": "64", "goals": "Smoother hips"},
        version=0,
    )
    assert saved.intake is not None and saved.intake.version == 1
    assert saved.intake.answers == {"weight_kg": 64.0, "goals": "Smoother hips"}
    assert "between 100 and 250 cm" in saved.rejected["height_cm"]
    event = AuditEvent.objects.get(action="intake.draft_save")
    assert event.detail == {"saved": ["goals", "weight_kg"], "rejected": ["height_cm"]}


def test_nothing_is_created_when_nothing_valid_was_sent(people: Any) -> None:
    saved = services.intake_save_draft(
        actor=actor(people.patient.user), patient=people.patient, raw={"weight_kg": 900}, version=0
    )
    assert saved.intake is None and intake_of(people.patient) is None


def test_a_stale_draft_save_is_refused_and_loses_nothing(people: Any) -> None:
    first = services.intake_save_draft(
        actor=actor(people.coordinator), patient=people.patient, raw={"goals": "A"}, version=0
    )
    assert first.intake is not None
    with pytest.raises(services.StaleVersion, match="changed by Cora Coord"):
        services.intake_save_draft(
            actor=actor(people.patient.user), patient=people.patient, raw={"goals": "B"}, version=0
        )
    assert intake_of(people.patient).answers["goals"] == "A"  # type: ignore[union-attr]


def test_an_incomplete_intake_is_not_sent_and_every_gap_is_named(people: Any) -> None:
    with pytest.raises(services.AnswersInvalid) as caught:
        services.intake_submit(
            actor=actor(people.patient.user),
            patient=people.patient,
            raw={"height_cm": "168", "weight_kg": "900"},
            version=0,
        )
    details = caught.value.details
    assert "weight_kg" in details and "consent_care" in details and "goals" in details
    assert caught.value.status_code == 422
    assert intake_of(people.patient) is None  # nothing half-written


def test_submission_records_who_and_when(people: Any) -> None:
    intake = submitted_intake(people.patient, people.patient.user)
    assert intake.status == IntakeStatus.SUBMITTED and intake.submitted_by == people.patient.user
    (entry,) = IntakeChange.objects.filter(intake=intake)
    assert entry.kind == "submitted" and entry.by == people.patient.user
    assert AuditEvent.objects.filter(action="intake.submit", patient=people.patient).exists()


def test_a_change_after_submission_keeps_who_changed_what_and_when(people: Any) -> None:
    intake = submitted_intake(people.patient, people.patient.user)
    changed, changes = services.intake_update(
        actor=actor(people.coordinator),
        patient=people.patient,
        raw={"weight_kg": "66", "nicotine": "current"},
        version=intake.version,
    )
    assert {c["field"] for c in changes} == {"weight_kg", "nicotine"}
    latest = IntakeChange.objects.filter(intake=intake).first()
    assert latest is not None and latest.kind == "changed" and latest.by_name == "Cora Coord"
    weight = next(c for c in latest.changes if c["field"] == "weight_kg")
    assert (weight["old"], weight["new"]) == ("63.5 kg", "66 kg")
    event = AuditEvent.objects.get(action="intake.change")
    assert event.detail["fields"] == ["weight_kg", "nicotine"]  # names only, never values
    _, none = services.intake_update(
        actor=actor(people.coordinator),
        patient=people.patient,
        raw={"weight_kg": "66"},
        version=changed.version,
    )
    assert none == [] and IntakeChange.objects.filter(intake=intake).count() == 2


def test_a_sent_intake_cannot_be_made_incomplete(people: Any) -> None:
    intake = submitted_intake(people.patient, people.patient.user)
    with pytest.raises(services.AnswersInvalid):
        services.intake_update(
            actor=actor(people.patient.user),
            patient=people.patient,
            raw={"goals": ""},
            version=intake.version,
        )
    with pytest.raises(DomainError, match="sent already"):
        services.intake_save_draft(
            actor=actor(people.patient.user),
            patient=people.patient,
            raw={"goals": "x"},
            version=intake.version,
        )


def test_screening_waits_for_the_submitted_intake(people: Any) -> None:
    services.intake_save_draft(
        actor=actor(people.patient.user),
        patient=people.patient,
        raw={"nicotine": "current"},
        version=0,
    )
    assert not screening_for(people.patient).ready


def test_screening_turns_answers_and_measurements_into_sourced_findings(people: Any) -> None:
    measured_session(people.patient, left=2.0, right=1.0)
    submitted_intake(
        people.patient,
        people.patient.user,
        nicotine="current",
        medications=["Eliquis 5 mg"],
        expectation="high",
    )
    screening = screening_for(people.patient)
    codes = {f.code: f for f in screening.findings}
    assert codes["nicotine_use"].source_id == "sorensen-2012-arch-surg"
    assert codes["anticoagulant"].severity == "stop"
    assert "no_measurable_dip" in codes and "small_dip_high_expectation" in codes
    assert [f.code for f in screening.unresolved_stops] == ["anticoagulant"]


def test_a_positive_body_image_screen_is_a_caution_never_a_stop(people: Any) -> None:
    submitted_intake(people.patient, people.patient.user, **{f"bi_{n}": "2" for n in range(1, 8)})
    finding = next(
        f for f in screening_for(people.patient).findings if f.code == "body_image_positive"
    )
    assert finding.severity == "caution" and finding.source_id == "mancuso-2010"


def test_the_clinics_own_settings_drive_screening(people: Any) -> None:
    submitted_intake(people.patient, people.patient.user)  # BMI 22.5
    assert not any(f.code == "bmi_raised" for f in screening_for(people.patient).findings)
    ClinicCareSettings.objects.create(
        clinic=people.clinic, overrides={"bmi_caution_from": 22.0, "bmi_stop_above": 34.0}
    )
    assert any(f.code == "bmi_raised" for f in screening_for(people.patient).findings)


def test_a_surgeon_override_needs_a_reason_and_a_current_finding(people: Any) -> None:
    submitted_intake(
        people.patient,
        people.patient.user,
        bleeding_disorder="yes",
        bleeding_details="Von Willebrand, mild",
    )
    surgeon = actor(people.surgeon)
    with pytest.raises(DomainError, match="reason"):
        services.finding_override_create(
            actor=surgeon, patient=people.patient, code="bleeding_disorder", reason="  "
        )
    with pytest.raises(DomainError, match="no such finding"):
        services.finding_override_create(
            actor=surgeon, patient=people.patient, code="pregnant", reason="x"
        )
    row = services.finding_override_create(
        actor=surgeon, patient=people.patient, code="bleeding_disorder", reason="Haematology ok"
    )
    assert row.decided_by_name == "Dr Sid Surgeon"
    with pytest.raises(Conflict):
        services.finding_override_create(
            actor=surgeon, patient=people.patient, code="bleeding_disorder", reason="again"
        )
    screening = screening_for(people.patient)
    assert screening.unresolved_stops == ()
    finding = next(f for f in screening.findings if f.code == "bleeding_disorder")
    assert finding.override is not None and finding.override.reason == "Haematology ok"
    services.finding_override_withdraw(actor=surgeon, override=row)
    assert [f.code for f in screening_for(people.patient).unresolved_stops] == ["bleeding_disorder"]


def test_a_clinic_can_use_the_bddq_as_with_its_original_wording(people: Any) -> None:
    original = {
        "title": "Licensed BDDQ-AS",
        "wording": "original",
        "items": [{"text": f"Original item {n}"} for n in range(1, 8)],
    }
    row = ClinicQuestionnaire(
        clinic=people.clinic, instrument=Instrument.BDDQ_AS, original_wording=original
    )
    row.full_clean()
    row.save()
    answers = {k: v for k, v in complete_answers().items() if not k.startswith("bi_")}
    answers.update(
        {
            "bi_1": "yes",
            "bi_2": "yes",
            "bi_3": "4",
            "bi_4": "1",
            "bi_5": "1",
            "bi_6": "1",
            "bi_7": "no",
        }
    )
    intake = services.intake_submit(
        actor=actor(people.patient.user), patient=people.patient, raw=answers, version=0
    )
    assert intake.questionnaire["instrument"] == "bddq_as"
    assert intake.questionnaire["items"][0]["text"] == "Original item 1"
    result = screening_for(people.patient).body_image
    assert result is not None and result.positive


def test_a_clinic_questionnaire_with_the_wrong_shape_is_refused(people: Any) -> None:
    from django.core.exceptions import ValidationError

    row = ClinicQuestionnaire(
        clinic=people.clinic, instrument=Instrument.DCQ, original_wording={"items": [{"text": "x"}]}
    )
    with pytest.raises(ValidationError, match="exactly 7 items"):
        row.full_clean()
