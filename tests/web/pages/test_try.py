"""/try/: one photo measured without an account, in memory, never stored or logged."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hipdip.web.assessments.models import Photo

from ..conftest import FRONT_PHOTO

pytestmark = pytest.mark.django_db


def _post(client: Client, data: bytes, height: str = "183.17") -> Any:
    return client.post(
        "/try/",
        {
            "photo": SimpleUploadedFile("me.jpg", data, content_type="image/jpeg"),
            "height_cm": height,
            "view": "front",
        },
    )


def _files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def test_a_photo_is_measured_and_nothing_is_kept(
    settings: Any, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    # A media folder of its own, so other tests' uploads do not muddle the check.
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    page = Client().get("/try/")
    assert page.status_code == 200 and b"Nothing is kept" in page.content
    before = _files_under(tmp_path)
    with caplog.at_level(logging.DEBUG):
        response = _post(Client(), FRONT_PHOTO[0].read_bytes())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your left side:" in html and "Your right side:" in html and " mm." in html
    assert 'src="data:image/jpeg;base64,' in html
    assert response["Cache-Control"] == "no-store"
    assert not Photo.objects.exists()
    assert _files_under(tmp_path) == before
    assert not any("me.jpg" in r.getMessage() for r in caplog.records)


def test_a_refusal_comes_with_retake_advice() -> None:
    response = _post(Client(), b"this is not a picture")
    assert response.status_code == 200
    html = response.content.decode()
    assert "We could not measure this photo." in html
    assert "JPEG, PNG, WebP or HEIC" in html or "Export the photo again" in html


def test_bad_height_is_a_clear_error() -> None:
    response = _post(Client(), b"x", height="20")
    assert response.status_code == 400
    assert "greater than or equal to 100" in response.content.decode()


def test_trials_are_rate_limited_per_address(settings: Any) -> None:
    settings.HIPDIP_TRY_MAX_PER_HOUR = 2
    client = Client()
    for _ in range(2):
        assert _post(client, b"not a picture").status_code == 200
    blocked = _post(client, b"not a picture")
    assert blocked.status_code == 429
    assert "try again later" in blocked.content.decode()
