"""RGB arrays to image files: the one JPEG and the one PNG encoder every surface uses.

Both write no metadata (no EXIF, GPS or thumbnails).
"""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt


def encode_jpeg(
    rgb: npt.NDArray[np.uint8],
    *,
    quality: int = 90,
    full_chroma: bool = False,
    optimize: bool = False,
) -> bytes:
    """Encode an RGB picture as a JPEG.

    Parameters
    ----------
    rgb : (rows, cols, 3) uint8 RGB array.
    quality : JPEG quality, 1-100.
    full_chroma : keep colour at full resolution (4:4:4) instead of halving it (4:2:0);
        thin coloured lines such as an overlay's outlines stay crisp.
    optimize : optimise the Huffman tables (a few per cent smaller, a little slower).

    Returns
    -------
    bytes
        The JPEG file.
    """
    params = [cv2.IMWRITE_JPEG_QUALITY, int(quality)]
    if full_chroma:
        params += [cv2.IMWRITE_JPEG_SAMPLING_FACTOR, cv2.IMWRITE_JPEG_SAMPLING_FACTOR_444]
    if optimize:
        params += [cv2.IMWRITE_JPEG_OPTIMIZE, 1]
    return _encode(".jpg", rgb, params)


def encode_png(rgb: npt.NDArray[np.uint8], *, compress_level: int = 1) -> bytes:
    """Encode an RGB picture as a PNG.

    Parameters
    ----------
    rgb : (rows, cols, 3) uint8 RGB array.
    compress_level : zlib level 0-9; the default, the fastest that still compresses, suits
        pictures made per request.
    """
    return _encode(".png", rgb, [cv2.IMWRITE_PNG_COMPRESSION, int(compress_level)])


def _encode(ext: str, rgb: npt.NDArray[np.uint8], params: list[int]) -> bytes:
    if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
        raise ValueError(
            f"expected an (rows, cols, 3) uint8 RGB array, got {rgb.shape} {rgb.dtype}"
        )
    ok, buf = cv2.imencode(ext, cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), params)
    if not ok:  # pragma: no cover - OpenCV encodes any uint8 RGB array
        raise ValueError(f"{ext} encoding failed")
    return bytes(buf)
