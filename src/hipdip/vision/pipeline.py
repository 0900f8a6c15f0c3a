"""From a photo and a stated height to an Assessment: the one analysis every surface calls.

`analyze` validates the inputs, decodes the photo safely, runs the body detector and
`hips.measure_hips`, and turns every expected failure into a result with a reason code.
"""

from __future__ import annotations

import os
import time
from typing import Any, Literal, overload

import numpy as np
import numpy.typing as npt

from hipdip.vision import detection as lmk
from hipdip.vision import quality
from hipdip.vision.assessment import Assessment, Warning_
from hipdip.vision.config import AnalysisConfig
from hipdip.vision.conventions import AUTO_VIEW, MAX_HEIGHT_CM, MIN_HEIGHT_CM, View
from hipdip.vision.detection import BodyDetection, BodyDetector, default_detector
from hipdip.vision.errors import AnalysisError, Reason
from hipdip.vision.hips import measure_hips
from hipdip.vision.loading import ImageSource, Photo, load_photo

__all__ = ["AnalysisConfig", "analyze"]

RGB = npt.NDArray[np.uint8]


@overload
def analyze(
    image: ImageSource | Photo,
    *,
    height_cm: Any,
    view: Any,
    detector: BodyDetector | None = ...,
    config: AnalysisConfig | None = ...,
    name: str | None = ...,
    return_image: Literal[False] = ...,
) -> Assessment: ...


@overload
def analyze(
    image: ImageSource | Photo,
    *,
    height_cm: Any,
    view: Any,
    detector: BodyDetector | None = ...,
    config: AnalysisConfig | None = ...,
    name: str | None = ...,
    return_image: Literal[True],
) -> tuple[Assessment, RGB | None]: ...


def analyze(
    image: ImageSource | Photo,
    *,
    height_cm: Any,
    view: Any,
    detector: BodyDetector | None = None,
    config: AnalysisConfig | None = None,
    name: str | None = None,
    return_image: bool = False,
) -> Assessment | tuple[Assessment, RGB | None]:
    """Measure the hip dips on both sides of one standardised photo.

    Every expected failure, including an unusable height or view, is a result with a
    reason code (``invalid_height``, ``invalid_view``, ``corrupt_image``, ``no_person``...);
    this function does not raise for them. Only a programming error raises (for example
    an array that is not (rows, cols, 3) uint8: ``ValueError``).

    Parameters
    ----------
    image : path, encoded bytes, an (rows, cols, 3) uint8 RGB array, or a `Photo` already
        decoded by `load_photo` (its ``scale`` then corrects ``mm_per_px``).
    height_cm : the person's standing height in centimetres, 100-250 inclusive; sets the
        scale. A number or a numeric string (a CSV manifest's cell).
    view : "front" or "back" decides which image side is the subject's left; "auto" takes
        the view from the model's own left/right labelling of shoulders and hips.
    detector : body detector backend; defaults to the bundled mediapipe model.
    config : tunable parts; defaults to `AnalysisConfig()`.
    name : label for the result (``Assessment.image``); defaults to the path.
    return_image : also return the decoded pixels the geometry refers to.

    Returns
    -------
    assessment : Assessment
        ``ok`` with both sides and the geometry, or not ``ok`` with a stable reason code.
    rgb : (rows, cols, 3) uint8 array or None
        Only with ``return_image=True``: the photo exactly as analysed (upright, possibly
        decoded at reduced size), None when it could not be decoded.

    Examples
    --------
    >>> result = analyze("photo.jpg", height_cm=168, view="front")  # doctest: +SKIP
    >>> result.sides["left"].depth_mm if result.ok else result.error  # doctest: +SKIP
    """
    cfg = config or AnalysisConfig()
    label = name or (os.fspath(image) if isinstance(image, (str, os.PathLike)) else "<image>")
    t0 = time.perf_counter()
    try:
        height, resolved = _validated(height_cm, view)
    except AnalysisError as exc:
        failed = _failure(label, view, height_cm, exc, {})
        return (failed, None) if return_image else failed
    try:
        photo = image if isinstance(image, Photo) else load_photo(image, limits=cfg.limits)
    except AnalysisError as exc:
        timing = {"decode": (time.perf_counter() - t0) * 1000}
        failed = _failure(label, view, height_cm, exc, timing)
        return (failed, None) if return_image else failed
    timing = {"decode": (time.perf_counter() - t0) * 1000}
    result = _analyze_decoded(photo, height, resolved, detector, cfg, label, timing)
    return (result, photo.rgb) if return_image else result


def _analyze_decoded(
    photo: Photo,
    height_cm: float,
    view: View | None,
    detector: BodyDetector | None,
    cfg: AnalysisConfig,
    label: str,
    timing: dict[str, float],
) -> Assessment:
    """Detect, trace and measure a decoded photo; expected failures become a result."""
    t1 = time.perf_counter()
    try:
        found = _detect(photo.rgb, detector or default_detector())
        everyone = _everyone(photo.rgb) if cfg.check_others else None
        t2 = time.perf_counter()
        timing["detect"] = (t2 - t1) * 1000
        sides, mm_per_px, warnings, geometry, view = measure_hips(
            photo.rgb, found, everyone, height_cm, view, cfg
        )
        timing["measure"] = (time.perf_counter() - t2) * 1000
    except AnalysisError as exc:
        return _failure(label, view, height_cm, exc, timing)
    return Assessment(
        image=label,
        ok=True,
        view=view,
        height_cm=height_cm,
        mm_per_px=mm_per_px * photo.scale,
        sides=sides,
        warnings=tuple(Warning_(code=w, message=quality.message(w)) for w in warnings),
        timing_ms=timing,
        geometry=geometry,
    )


def _detect(rgb: RGB, detector: BodyDetector) -> BodyDetection:
    """Run the detector; if it finds no one, try once more on a colour-balanced copy.

    A strong colour cast (warm indoor light, a skin-toned backdrop) can hide the person from
    the model's first stage; a grey-world balance removes the cast. The outline is still
    traced on the original pixels.
    """
    found = detector.detect(rgb)
    if found is None:
        means = rgb.reshape(-1, 3).mean(axis=0) + 1e-6
        balanced = np.clip(rgb * (means.mean() / means), 0, 255).astype(np.uint8)
        found = detector.detect(balanced)
    if found is None:
        raise AnalysisError(Reason.NO_PERSON)
    return found


def _failure(
    label: str, view: Any, height_cm: Any, exc: AnalysisError, timing: dict[str, float]
) -> Assessment:
    """The refusal: the inputs as far as they are valid, the reason and its sentence."""
    return Assessment(
        image=label,
        ok=False,
        view=View(view) if view in View.__members__.values() else None,
        height_cm=_height_or_none(height_cm),
        error=exc.reason,
        error_message=exc.message,
        timing_ms=timing,
    )


def _validated(height_cm: Any, view: Any) -> tuple[float, View | None]:
    """The height as a float and the view (None for "auto"), or `AnalysisError`."""
    if view != AUTO_VIEW and view not in View.__members__.values():
        raise AnalysisError(Reason.INVALID_VIEW, f"got {view!r}")
    try:
        h = float(height_cm)
    except (TypeError, ValueError) as exc:
        raise AnalysisError(Reason.INVALID_HEIGHT, f"got {height_cm!r}") from exc
    if not (np.isfinite(h) and MIN_HEIGHT_CM <= h <= MAX_HEIGHT_CM):
        raise AnalysisError(Reason.INVALID_HEIGHT, f"got {height_cm!r}")
    return h, None if view == AUTO_VIEW else View(view)


def _height_or_none(height_cm: Any) -> float | None:
    try:
        h = float(height_cm)
    except (TypeError, ValueError):
        return None
    return h if np.isfinite(h) else None


def _everyone(rgb: RGB) -> npt.NDArray[np.bool_]:
    """Mask of every person in the frame, on a strided copy about 400-800 px on its long side."""
    step = max(1, max(rgb.shape[:2]) // 400)
    small = np.ascontiguousarray(rgb[::step, ::step])
    everyone: npt.NDArray[np.bool_] = lmk.default_people_mask().mask(small) > 0.5
    return everyone
