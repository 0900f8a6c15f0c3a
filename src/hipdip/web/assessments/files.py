"""Serving a photo's stored files (the photo and its annotated overlay) to an authorised
requester: one place for the web pages and the API, so both check, log and answer alike."""

from __future__ import annotations

import mimetypes
from typing import Literal

from django.core.files.storage import default_storage
from django.http import FileResponse

from hipdip.web.access import NotFound, get_for_actor
from hipdip.web.accounts.actor import Actor
from hipdip.web.assessments.models import Photo, Status


def private_file_response(name: str | None, content_type: str | None = None) -> FileResponse:
    """Stream a stored file to an already authorised requester; never cached by proxies."""
    if not name:
        raise NotFound
    try:
        fh = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError) as exc:
        raise NotFound from exc
    kind = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(fh, content_type=kind)
    response["Cache-Control"] = "private, no-store, max-age=0"
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def photo_file_response(
    actor: Actor, photo_id: str, which: Literal["image", "overlay"]
) -> FileResponse:
    """The stored photo or (once measured) its overlay, both JPEG, after the access check
    that records the view (``photo.image.view`` / ``photo.overlay.view``)."""
    photo = get_for_actor(actor, Photo, photo_id, action=f"photo.{which}.view")
    if which == "image":
        return private_file_response(photo.image.name, "image/jpeg")
    if photo.status != Status.DONE or not photo.overlay:
        raise NotFound
    return private_file_response(photo.overlay.name, "image/jpeg")
