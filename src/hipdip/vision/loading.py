"""Safe photo loading: size and memory limits before decoding, EXIF orientation,
reduced-size decoding."""

from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, UnidentifiedImageError

from hipdip.vision.errors import AnalysisError, Reason

try:  # HEIC/HEIF support is optional at run time; the lock file installs it.
    import pillow_heif

    pillow_heif.register_heif_opener()
    _HEIF = True
except ImportError:  # pragma: no cover - exercised only without pillow-heif
    _HEIF = False

ImageSource = str | os.PathLike[str] | bytes | npt.NDArray[np.uint8]

SUPPORTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "HEIF", "MPO"})


@dataclass(frozen=True)
class LoadLimits:
    """Limits checked on the header, before any pixel is decoded."""

    max_pixels: int = 60_000_000
    max_side: int = 12_000
    max_bytes: int = 40 * 1024 * 1024
    min_side: int = 64
    #: Decode JPEGs at 1/2, 1/4 ... while the long side stays at least this many pixels.
    work_long_side: int = 1400
    #: The most memory decoding one photo may take, in bytes, estimated from the header
    #: (pixels decoded x bytes per pixel of every copy; see `decoded_bytes_estimate`). A
    #: small file can hold a huge image: pixels alone do not bound memory.
    max_decoded_bytes: int = 384 * 1024 * 1024


@dataclass(frozen=True)
class Photo:
    """A decoded photo ready for analysis.

    Attributes
    ----------
    rgb : (H, W, 3) uint8 array, upright (EXIF orientation applied).
    scale : size of `rgb` relative to the original upright image (0.5 = decoded at half size).
    original_size_hw : (height, width) of the original upright image in pixels.
    """

    rgb: npt.NDArray[np.uint8]
    scale: float
    original_size_hw: tuple[int, int]


def load_photo(source: ImageSource, *, limits: LoadLimits = LoadLimits()) -> Photo:
    """Decode a photo from a path, bytes or an RGB array, refusing unsafe or broken input.

    Parameters
    ----------
    source : a path, the encoded bytes (JPEG, PNG, WebP, HEIC), or a (rows, cols, 3) uint8
        RGB array (checked, not copied when already contiguous).
    limits : byte, pixel and side limits checked on the header before decoding.

    Returns
    -------
    Photo
        The upright pixels, possibly decoded at reduced size (`Photo.scale`).

    Raises
    ------
    AnalysisError
        With a stable reason code for missing, empty, oversized, undersized, corrupt or
        unsupported input.
    """
    if isinstance(source, np.ndarray):
        return _from_array(source, limits)
    data = _read_bytes(source, limits)
    with warnings.catch_warnings():
        # Pillow warns about damaged metadata (e.g. EXIF tags pointing past the end) and
        # carries on; those are not our errors and not worth a log line per upload. A
        # decompression bomb stays an error (`_open_header`).
        warnings.simplefilter("ignore", UserWarning)
        return _decode(data, limits)


def _decode(data: bytes, limits: LoadLimits) -> Photo:
    header = _open_header(data)
    width, height = header.size
    _check_dimensions(width, height, limits)
    orientation = _exif_orientation(header)
    _check_decoded_bytes(header, orientation, limits)
    if header.format in _JPEG_FORMATS:
        rgb, scale = _decode_jpeg(data, (width, height), limits)
    else:
        rgb, scale = _decode_with_pillow(header), 1.0
    rgb = _apply_orientation(rgb, orientation)
    size = (height, width) if orientation not in (5, 6, 7, 8) else (width, height)
    return Photo(rgb=np.ascontiguousarray(rgb), scale=scale, original_size_hw=size)


def _from_array(arr: npt.NDArray[np.uint8], limits: LoadLimits) -> Photo:
    if arr.ndim != 3 or arr.shape[2] != 3 or arr.dtype != np.uint8:
        raise ValueError(f"expected an (H, W, 3) uint8 RGB array, got {arr.shape} {arr.dtype}")
    h, w = arr.shape[:2]
    _check_dimensions(w, h, limits)
    return Photo(rgb=np.ascontiguousarray(arr), scale=1.0, original_size_hw=(h, w))


def _read_bytes(source: str | os.PathLike[str] | bytes, limits: LoadLimits) -> bytes:
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        try:
            size = path.stat().st_size
            if size > limits.max_bytes:
                raise AnalysisError(Reason.IMAGE_TOO_LARGE, f"{size} bytes")
            data = path.read_bytes()
        except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
            raise AnalysisError(Reason.FILE_NOT_FOUND) from exc
    if not data:
        raise AnalysisError(Reason.EMPTY_FILE)
    if len(data) > limits.max_bytes:
        raise AnalysisError(Reason.IMAGE_TOO_LARGE, f"{len(data)} bytes")
    return data


def _open_header(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise AnalysisError(Reason.IMAGE_TOO_LARGE) from exc
    except UnidentifiedImageError as exc:
        if _looks_like_supported_image(data):
            raise AnalysisError(Reason.CORRUPT_IMAGE) from exc
        raise AnalysisError(Reason.UNSUPPORTED_FORMAT) from exc
    except (OSError, EOFError, ValueError) as exc:
        raise AnalysisError(Reason.CORRUPT_IMAGE) from exc
    if img.format not in SUPPORTED_FORMATS:
        raise AnalysisError(Reason.UNSUPPORTED_FORMAT, f"format {img.format}")
    return img


def _looks_like_supported_image(data: bytes) -> bool:
    """A JPEG, PNG, WebP or HEIC signature: the file is one of ours, only broken."""
    return (
        data.startswith(b"\xff\xd8\xff")
        or data.startswith(b"\x89PNG")
        or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")
        or data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypmsf1")
    )


def _check_dimensions(width: int, height: int, limits: LoadLimits) -> None:
    if width * height > limits.max_pixels or max(width, height) > limits.max_side:
        raise AnalysisError(Reason.IMAGE_TOO_LARGE, f"{width}x{height} pixels")
    if min(width, height) < limits.min_side:
        raise AnalysisError(Reason.IMAGE_TOO_SMALL, f"{width}x{height} pixels")


_JPEG_FORMATS = frozenset({"JPEG", "MPO"})


def _pillow_bytes_per_pixel(mode: str) -> int:
    """Bytes Pillow holds per decoded pixel: one for 8-bit single-band modes, two for
    16-bit greyscale, four for every other mode (RGB is stored in four)."""
    if mode in {"1", "L", "P"}:
        return 1
    if mode.startswith("I;16"):
        return 2
    return 4


def decoded_bytes_estimate(header: Image.Image, *, orientation: int, limits: LoadLimits) -> int:
    """Peak memory, in bytes, that `load_photo` needs to decode the image behind `header`.

    Counts every copy at its own bytes per pixel: for a JPEG the reduced BGR decode and its
    RGB conversion; otherwise Pillow's decoded image, the conversion to 8-bit RGB (a
    16-bit greyscale image goes through its samples, an 8-bit grey and the RGB result) and
    the upright copy when EXIF asks for a turn.
    """
    width, height = header.size
    if header.format in _JPEG_FORMATS:
        factor = _jpeg_reduction(header.size, limits)
        pixels = -(-width // factor) * -(-height // factor)
        per_pixel = 3 + 3  # OpenCV's BGR decode, then its RGB copy
    else:
        pixels = width * height
        held = _pillow_bytes_per_pixel(header.mode)
        if header.mode.startswith("I"):
            per_pixel = held + 4 + 1 + 3  # samples (up to 32-bit), 8-bit grey, RGB
        elif header.mode == "RGB":
            per_pixel = held + 3
        else:
            per_pixel = held + 4 + 3  # Pillow's RGB conversion, then the array
    if orientation != 1:
        per_pixel += 4 + 4 + 3  # Pillow copy, its turned copy, the array
    return pixels * per_pixel


def _check_decoded_bytes(header: Image.Image, orientation: int, limits: LoadLimits) -> None:
    need = decoded_bytes_estimate(header, orientation=orientation, limits=limits)
    if need > limits.max_decoded_bytes:
        width, height = header.size
        raise AnalysisError(
            Reason.IMAGE_TOO_LARGE,
            f"{width}x{height} pixels in mode {header.mode} need about {need >> 20} MB to decode",
        )


def _jpeg_reduction(size: tuple[int, int], limits: LoadLimits) -> int:
    """1, 2, 4 or 8: the largest reduction that keeps the long side at `work_long_side`."""
    factor = 1
    while factor < 8 and max(size) / (factor * 2) >= limits.work_long_side:
        factor *= 2
    return factor


def _exif_orientation(img: Image.Image) -> int:
    try:
        value = img.getexif().get(0x0112, 1)
    except Exception:  # a broken EXIF block must not stop the analysis
        return 1
    return int(value) if isinstance(value, int) and 1 <= value <= 8 else 1


def _decode_jpeg(
    data: bytes, size: tuple[int, int], limits: LoadLimits
) -> tuple[npt.NDArray[np.uint8], float]:
    factor = _jpeg_reduction(size, limits)
    flags = {
        1: cv2.IMREAD_COLOR,
        2: cv2.IMREAD_REDUCED_COLOR_2,
        4: cv2.IMREAD_REDUCED_COLOR_4,
        8: cv2.IMREAD_REDUCED_COLOR_8,
    }[factor] | cv2.IMREAD_IGNORE_ORIENTATION
    bgr = cv2.imdecode(np.frombuffer(data, np.uint8), flags)
    if bgr is None:
        raise AnalysisError(Reason.CORRUPT_IMAGE)
    _check_truncated(data)
    rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    return rgb.astype(np.uint8, copy=False), rgb.shape[1] / size[0]


def _check_truncated(data: bytes) -> None:
    # libjpeg fills a truncated stream with grey and only warns; a JPEG must end with EOI.
    if not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
        raise AnalysisError(Reason.CORRUPT_IMAGE, "the file is truncated")


def _decode_with_pillow(img: Image.Image) -> npt.NDArray[np.uint8]:
    try:
        img.load()
        if img.mode.startswith("I"):  # 16/32-bit greyscale: Pillow's RGB conversion clips
            return _wide_grey_to_rgb(img)
        if img.mode == "RGB":
            return np.asarray(img, dtype=np.uint8)
        rgb = img.convert("RGB")
    # EOFError: pillow-heif's answer to a HEIC file cut short (found by the loader fuzz).
    except (OSError, EOFError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise AnalysisError(Reason.CORRUPT_IMAGE) from exc
    return np.asarray(rgb, dtype=np.uint8)


def _wide_grey_to_rgb(img: Image.Image) -> npt.NDArray[np.uint8]:
    """16- or 32-bit greyscale to 8-bit RGB, a band of rows at a time, so the only
    full-size copies are the samples, the 8-bit grey and the result (no float image)."""
    samples = np.asarray(img)
    top = 65535 if img.mode.startswith("I;16") else max(int(samples.max()), 1)
    grey = np.empty(samples.shape, dtype=np.uint8)
    band = max(1, (1 << 22) // max(samples.shape[1], 1))
    for start in range(0, samples.shape[0], band):
        rows = samples[start : start + band].astype(np.float64)
        grey[start : start + band] = np.clip(rows / top * 255.0 + 0.5, 0, 255).astype(np.uint8)
    return np.ascontiguousarray(np.repeat(grey[..., None], 3, axis=2))


_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _apply_orientation(rgb: npt.NDArray[np.uint8], orientation: int) -> npt.NDArray[np.uint8]:
    """Turn the pixels upright as the EXIF Orientation tag asks (same table as Pillow's)."""
    if orientation == 1:
        return rgb
    upright = Image.fromarray(rgb).transpose(_TRANSPOSE[orientation])
    return np.asarray(upright, dtype=np.uint8)
