"""Try the measurement without an account: one photo and a height, analysed in memory.

Nothing is written anywhere: the upload stays in memory (see :class:`InMemoryUploadHandler`),
no model row, file or log line is made from it, and the overlay goes back to the browser
inside the page (a data: URL). A per-address limit in the cache keeps the analyser from
being used as a free service.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadhandler import MemoryFileUploadHandler

from hipdip.vision import Assessment, analyze
from hipdip.vision.encoding import encode_jpeg
from hipdip.vision.overlay import render_overlay
from hipdip.web.assessments.guidance import GRADE_TEXT, retake_tip
from hipdip.web.core.errors import Throttled

WINDOW_SECONDS = 60 * 60


class InMemoryUploadHandler(MemoryFileUploadHandler):
    """Keep every uploaded file in memory, whatever its size (the request size is already
    capped by ``RequestSizeLimitMiddleware``), so a trial photo never touches the disk."""

    def handle_raw_input(self, *args: Any, **kwargs: Any) -> None:
        super().handle_raw_input(*args, **kwargs)
        self.activated = True


def trial_rate_check(*, address: str | None) -> None:
    """Count one trial from ``address`` (hashed; kept in the cache for an hour)."""
    digest = hashlib.sha256((address or "unknown").encode()).hexdigest()[:32]
    key = f"hipdip:trial-rate:{digest}"
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        count = 1
    if count > settings.HIPDIP_TRY_MAX_PER_HOUR:
        raise Throttled("You have tried many photos in the last hour. Please try again later.")


@dataclass(frozen=True)
class TrialSide:
    label: str
    depth_mm: float
    grade_text: str


@dataclass(frozen=True)
class TrialResult:
    """What the page shows: the sides and the overlay, or the refusal and its advice."""

    ok: bool
    sides: list[TrialSide]
    overlay_data_url: str = ""
    message: str = ""
    advice: str = ""


def trial_analyse(*, data: bytes, height_cm: float, view: str) -> TrialResult:
    """Measure one photo in memory and draw the overlay; a refusal carries the advice."""
    assessment, rgb = analyze(data, height_cm=height_cm, view=view, return_image=True)
    if not assessment.ok or rgb is None or assessment.sides is None:
        code = assessment.error.value if assessment.error is not None else "internal_error"
        return TrialResult(
            ok=False,
            sides=[],
            message=assessment.error_message or "The photo could not be measured.",
            advice=retake_tip(code),
        )
    return TrialResult(
        ok=True,
        sides=_sides(assessment),
        overlay_data_url="data:image/jpeg;base64,"
        + base64.b64encode(encode_jpeg(render_overlay(rgb, assessment), quality=82)).decode(),
    )


def _sides(assessment: Assessment) -> list[TrialSide]:
    sides = assessment.sides or {}
    return [
        TrialSide(
            label=f"Your {name}",
            depth_mm=round(sides[name].depth_mm, 1),
            grade_text=GRADE_TEXT.get(sides[name].grade, ""),
        )
        for name in ("left", "right")
        if name in sides
    ]
