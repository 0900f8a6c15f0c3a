"""The consultation summary PDF: it renders, shows the photos, and fetches nothing else."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from hipdip.web.accounts.models import Role
from hipdip.web.assessments.selectors.markings import MarkingImage
from hipdip.web.audit.models import AuditEvent
from hipdip.web.documents.pdf import _photo_fetcher, render_document
from hipdip.web.documents.selectors import consultation_record

from ..consultations.helpers import approved_plan, measured_session, submitted_intake
from ..factories import ClinicFactory, PatientFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_the_summary_has_pages_photos_and_a_page_count(db: Any) -> None:
    clinic = ClinicFactory(name='Lumen & Co. "Clinic"')
    patient = PatientFactory(clinic=clinic, user__full_name="Pat O'Pdf")
    surgeon = StaffFactory(clinic=clinic, role=Role.SURGEON)
    measured_session(patient)
    submitted_intake(patient, patient.user)
    approved_plan(patient, surgeon, surgery_date=timezone.localdate() + dt.timedelta(days=20))
    document = render_document(consultation_record(patient))
    assert len(document.pages) >= 2
    images = [box for page in document.pages for box in _boxes(page._page_box) if _is_image(box)]
    assert len(images) == 2  # the front and back overlays
    pdf = document.write_pdf()
    assert pdf.startswith(b"%PDF")


def _boxes(box: Any) -> list[Any]:
    out = [box]
    for child in getattr(box, "children", []) or []:
        out.extend(_boxes(child))
    return out


def _is_image(box: Any) -> bool:
    return type(box).__name__ in ("InlineReplacedBox", "BlockReplacedBox")


def test_the_fetcher_refuses_anything_but_the_records_own_photos(db: Any) -> None:
    fetcher = _photo_fetcher([])
    for url in ("http://169.254.169.254/latest", "file:///etc/passwd", "hipdip-photo:x/image"):
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(url)


def test_staff_download_the_pdf_and_patients_cannot(db: Any) -> None:
    clinic = ClinicFactory()
    patient = PatientFactory(clinic=clinic)
    staff = StaffFactory(clinic=clinic, role=Role.COORDINATOR)
    client = Client()
    client.force_login(staff)
    response = client.get(f"/patients/{patient.pk}/consultation.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store, max-age=0"
    assert "attachment" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(action="document.pdf", patient=patient).exists()
    own = Client()
    own.force_login(patient.user)
    assert own.get(f"/patients/{patient.pk}/consultation.pdf").status_code == 403


def test_the_surgeons_markings_are_printed_when_there_are_some(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import uuid

    from PIL import Image

    from hipdip.web.documents import selectors

    buf = io.BytesIO()
    Image.new("RGB", (60, 90), (120, 90, 200)).save(buf, format="PNG")
    image = MarkingImage(
        photo_id=uuid.uuid4(),
        view="front",
        taken_on=timezone.localdate(),
        version=3,
        updated_at=timezone.now(),
        png=buf.getvalue(),
    )
    asked: list[Any] = []

    def fake(patient: Any, *, plan_id: Any = None, close_up: bool = False) -> list[Any]:
        asked.append((plan_id, close_up))
        return [image]

    monkeypatch.setattr(selectors, "marking_images_for_patient", fake)
    patient = PatientFactory()
    measured_session(patient)
    document = render_document(consultation_record(patient))
    images = [b for page in document.pages for b in _boxes(page._page_box) if _is_image(b)]
    assert len(images) == 3  # two overlays and the markings
    assert asked == [(None, True)]
