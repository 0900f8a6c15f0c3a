"""Body detection behind a small protocol; the default backend is mediapipe's bundled pose model.

This is the only module that imports mediapipe.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

# mediapipe's C++ side logs to stderr; keep a command's output to what the user asked for.
os.environ.setdefault("GLOG_minloglevel", "2")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


@contextlib.contextmanager
def _quiet_native_stderr() -> Iterator[None]:
    """Silence what mediapipe's native code writes to fd 2 while its graphs start up.

    Its start-up chatter (XNNPACK, absl and feedback-manager notices) is not for users;
    Python-level errors are unaffected because they are raised, not printed, in here.
    """
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        yield
        return
    sys.stderr.flush()
    saved = os.dup(fd)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), fd)
            yield
    finally:
        os.dup2(saved, fd)
        os.close(saved)


# Indices of the BlazePose 33-point topology used by the pipeline.
NOSE = 0
LEFT_SHOULDER, RIGHT_SHOULDER = 11, 12
LEFT_ELBOW, RIGHT_ELBOW = 13, 14
LEFT_WRIST, RIGHT_WRIST = 15, 16
HAND_POINTS = (15, 16, 17, 18, 19, 20, 21, 22)
LEFT_HIP, RIGHT_HIP = 23, 24
LEFT_KNEE, RIGHT_KNEE = 25, 26
LEFT_ANKLE, RIGHT_ANKLE = 27, 28
LEFT_HEEL, RIGHT_HEEL = 29, 30


@dataclass(frozen=True)
class BodyDetection:
    """What a backend found on one photo.

    Attributes
    ----------
    landmarks : (33, 4) float array of (x, y, z, visibility); x and y in pixels of the input
        image (x = column, y = row), z in pixels relative to the hip midpoint (smaller = nearer
        the camera), visibility in [0, 1]. Left/right follow the model's own labelling.
    mask : (H, W) float32 person probability in [0, 1] at the input image's size.
    world : (33, 4) float array of (x, y, z, visibility) in metres, origin at the hip
        midpoint, from the model's 3-D estimate (x to the image's right, y down, z away from
        the camera), or None when the backend has none. It gives the body's turn directly.
    """

    landmarks: npt.NDArray[np.float64]
    mask: npt.NDArray[np.float32]
    world: npt.NDArray[np.float64] | None = None


class BodyDetector(Protocol):
    """Anything that finds one body's landmarks and a person mask in an RGB image."""

    def detect(self, rgb: npt.NDArray[np.uint8]) -> BodyDetection | None:
        """Return the detection, or None when no person is found."""
        ...


class MediapipePoseDetector:
    """BlazePose (full) with segmentation, from the model files inside the mediapipe wheel.

    The graph is built once and reused; calls are serialised because the graph is stateful.
    """

    def __init__(self) -> None:
        import mediapipe as mp

        # model_complexity=1 is the "full" model, the one the wheel ships; 0 and 2 would
        # try to download theirs at run time.
        with _quiet_native_stderr():
            self._pose: Any = mp.solutions.pose.Pose(
                static_image_mode=True,
                model_complexity=1,
                enable_segmentation=True,
                min_detection_confidence=0.5,
            )
            # The first call finishes the graph's start-up (and its log lines).
            self._pose.process(np.zeros((64, 64, 3), np.uint8))
        self._settled = False
        self._lock = threading.Lock()

    def detect(self, rgb: npt.NDArray[np.uint8]) -> BodyDetection | None:
        """Run pose + segmentation on an (H, W, 3) uint8 RGB image."""
        h, w = rgb.shape[:2]
        with self._lock:
            if self._settled:
                out = self._pose.process(rgb)
            else:  # more start-up notices come with the first person found
                with _quiet_native_stderr():
                    out = self._pose.process(rgb)
                self._settled = out.pose_landmarks is not None
        if out.pose_landmarks is None or out.segmentation_mask is None:
            return None
        lm = np.array(
            [[p.x * w, p.y * h, p.z * w, p.visibility] for p in out.pose_landmarks.landmark],
            dtype=np.float64,
        )
        world = None
        if out.pose_world_landmarks is not None:
            world = np.array(
                [[p.x, p.y, p.z, p.visibility] for p in out.pose_world_landmarks.landmark],
                dtype=np.float64,
            )
        return BodyDetection(
            landmarks=lm, mask=np.asarray(out.segmentation_mask, np.float32), world=world
        )


class MediapipePeopleMask:
    """Everyone in the frame, from mediapipe's bundled selfie-segmentation model.

    The pose model segments only the one person it tracks; this small model (256 px input)
    marks every person, so a second blob reveals a second person. It is cheap on a ~400 px
    copy of the photo.
    """

    def __init__(self) -> None:
        import mediapipe as mp

        with _quiet_native_stderr():
            self._seg: Any = mp.solutions.selfie_segmentation.SelfieSegmentation(model_selection=0)
            self._seg.process(np.zeros((64, 64, 3), np.uint8))
        self._lock = threading.Lock()

    def mask(self, rgb: npt.NDArray[np.uint8]) -> npt.NDArray[np.float32]:
        """Person probability in [0, 1] at the input's size."""
        with self._lock:
            out = self._seg.process(rgb)
        return np.asarray(out.segmentation_mask, np.float32)


_default: MediapipePoseDetector | None = None
_people: MediapipePeopleMask | None = None
_init_lock = threading.Lock()


def default_detector() -> MediapipePoseDetector:
    """The process-wide pose detector, built on first use (about half a second)."""
    global _default
    with _init_lock:
        if _default is None:
            _default = MediapipePoseDetector()
        return _default


def default_people_mask() -> MediapipePeopleMask:
    """The process-wide everyone-in-frame segmenter, built on first use."""
    global _people
    with _init_lock:
        if _people is None:
            _people = MediapipePeopleMask()
        return _people
