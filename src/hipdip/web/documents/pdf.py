"""The consultation summary as a PDF (WeasyPrint).

The HTML template is rendered with the record, then laid out by WeasyPrint. Pictures come
from the photo storage through a URL fetcher that serves only the record's own photos
(``hipdip-photo:<id>/overlay`` or ``/image``); every other URL is refused, so a document
can never make the server fetch anything from the network.
"""

from __future__ import annotations

import logging
import mimetypes
from typing import Any

from django.core.files.storage import default_storage
from django.template.loader import render_to_string

from hipdip.web.assessments.models import Photo, Status
from hipdip.web.documents.selectors import ConsultationRecord

logger = logging.getLogger(__name__)
SCHEME = "hipdip-photo:"


MARKS = "hipdip-marks:"


def _photo_fetcher(photos: list[Photo], pictures: dict[str, bytes] | None = None) -> Any:
    """A WeasyPrint URL fetcher for the record's photos and the drawn markings (PNG bytes
    by address); every other URL is refused."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    drawn = dict(pictures or {})
    files: dict[str, str] = {}
    for photo in photos:
        if photo.image.name:
            files[f"{SCHEME}{photo.pk}/image"] = photo.image.name
        if photo.status == Status.DONE and photo.overlay.name:
            files[f"{SCHEME}{photo.pk}/overlay"] = photo.overlay.name

    class PhotoFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url in drawn:
                return URLFetcherResponse(url, drawn[url], {"Content-Type": "image/png"})
            name = files.get(url)
            if name is None:
                raise ValueError(f"refused to fetch {url[:80]!r} for a document")
            with default_storage.open(name, "rb") as fh:
                data = fh.read()
            kind = mimetypes.guess_type(name)[0] or "image/jpeg"
            return URLFetcherResponse(url, data, {"Content-Type": kind})

    return PhotoFetcher()


def pdf_photos(record: ConsultationRecord) -> list[Photo]:
    """The photos the summary shows: those of the session the measurements come from."""
    return list(record.screening.measurements.photos)


def _markings(record: ConsultationRecord) -> list[dict[str, Any]]:
    return [{"src": f"{MARKS}{n}", "image": image} for n, image in enumerate(record.markings)]


def consultation_html(
    record: ConsultationRecord,
    *,
    photos: list[Photo] | None = None,
    markings: list[dict[str, Any]] | None = None,
) -> str:
    """The summary's HTML, before layout (what the PDF prints, as text)."""
    return render_to_string(
        "documents/consultation_pdf.html",
        {
            "r": record,
            "photos": pdf_photos(record) if photos is None else photos,
            "markings": _markings(record) if markings is None else markings,
            "scheme": SCHEME,
            "clinic": record.patient.clinic,
        },
    )


def render_document(record: ConsultationRecord) -> Any:
    """The laid-out summary (a ``weasyprint.Document``: ``.pages``, ``.write_pdf()``)."""
    from weasyprint import HTML  # heavy import, only when a document is made

    photos = pdf_photos(record)
    markings = _markings(record)
    html = consultation_html(record, photos=photos, markings=markings)
    fetcher = _photo_fetcher(photos, {m["src"]: m["image"].png for m in markings})
    return HTML(string=html, url_fetcher=fetcher, base_url="hipdip:/").render()


def consultation_pdf(record: ConsultationRecord) -> bytes:
    """The summary as PDF bytes."""
    return bytes(render_document(record).write_pdf())
