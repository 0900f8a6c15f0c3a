"""The demo's patient in recovery: ten days after surgery, with a programme that starts at
the surgeon's training clearance, so staff see "Recovery day 10", not "Training"."""

from __future__ import annotations

import pytest

from hipdip.web.accounts.models import Role
from hipdip.web.demo.recovery import demo_recovery_and_training
from hipdip.web.recovery.models import RecoveryCourse
from hipdip.web.training.models import Programme
from hipdip.web.workspace.selectors.summary import patient_summary

from ..factories import ClinicFactory, PatientFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_the_demo_patient_in_recovery_is_in_recovery_until_training_clearance() -> None:
    clinic = ClinicFactory()
    staff = {
        "surgeon@example.com": StaffFactory(clinic=clinic, role=Role.SURGEON),
        "coordinator@example.com": StaffFactory(clinic=clinic, role=Role.COORDINATOR),
    }
    patients = {f"patient{i}@example.com": PatientFactory(clinic=clinic) for i in (1, 3)}
    demo_recovery_and_training(patients=patients, staff=staff)
    patient = patients["patient3@example.com"]
    course = RecoveryCourse.objects.get(patient=patient)
    programme = Programme.objects.get(patient=patient)
    assert course.training_cleared_on is not None
    assert programme.start_date == course.training_cleared_on
    stage = patient_summary(patient, reader=staff["coordinator@example.com"]).stage
    assert stage.key == "recovery" and stage.label.startswith("Recovery day ")
