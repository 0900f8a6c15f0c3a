"""The demo clinic gets weekday hours and a few booked visits, once."""

from __future__ import annotations

import pytest

from hipdip.web.accounts.models import Role
from hipdip.web.appointments.models import Appointment, WeeklyHours
from hipdip.web.demo.appointments import demo_appointments

from ..factories import ClinicFactory, PatientFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_demo_adds_hours_and_visits_once() -> None:
    clinic = ClinicFactory()
    staff = {
        "admin@example.com": StaffFactory(clinic=clinic, role=Role.CLINIC_ADMIN),
        "surgeon@example.com": StaffFactory(clinic=clinic, role=Role.SURGEON),
        "coordinator@example.com": StaffFactory(clinic=clinic, role=Role.COORDINATOR),
    }
    patients = {f"patient{i}@example.com": PatientFactory(clinic=clinic) for i in (1, 2, 3)}
    demo_appointments(patients=patients, staff=staff)
    assert WeeklyHours.objects.filter(clinic=clinic).count() == 10
    assert Appointment.objects.filter(clinic=clinic).count() == 3
    demo_appointments(patients=patients, staff=staff)
    assert Appointment.objects.filter(clinic=clinic).count() == 3
