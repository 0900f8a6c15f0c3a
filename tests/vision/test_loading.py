"""Safe loading: broken, hostile and oddly oriented files."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from hipdip.vision.errors import AnalysisError, Reason
from hipdip.vision.loading import LoadLimits, load_photo

PHOTO = Path(__file__).parents[1] / "fixtures" / "photos" / "b0019_front.jpg"


def _code(source, **kw) -> Reason:
    with pytest.raises(AnalysisError) as info:
        load_photo(source, **kw)
    return info.value.reason


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims the given size, with almost no pixel data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = lambda kind, data: (  # noqa: E731
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    )
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0"))
        + chunk(b"IEND", b"")
    )


def test_empty_file_is_refused(tmp_path):
    p = tmp_path / "empty.jpg"
    p.write_bytes(b"")
    assert _code(p) is Reason.EMPTY_FILE


def test_missing_file_is_refused(tmp_path):
    assert _code(tmp_path / "nope.jpg") is Reason.FILE_NOT_FOUND


def test_text_file_is_not_an_image():
    assert _code(b"name,height\nA,170\n") is Reason.UNSUPPORTED_FORMAT


def test_corrupt_jpeg_is_refused():
    data = PHOTO.read_bytes()
    broken = data[:200] + bytes(2000) + data[2200:]
    assert _code(broken) in {Reason.CORRUPT_IMAGE}


def test_truncated_jpeg_is_refused():
    assert _code(PHOTO.read_bytes()[:30000]) is Reason.CORRUPT_IMAGE


def test_one_pixel_image_is_too_small():
    buf = io.BytesIO()
    Image.new("RGB", (1, 1)).save(buf, format="PNG")
    assert _code(buf.getvalue()) is Reason.IMAGE_TOO_SMALL


@pytest.mark.parametrize("size", [(100_000, 100_000), (20_000, 20_000), (13_000, 100)])
def test_png_claiming_huge_dimensions_is_refused_before_decoding(size):
    assert _code(_png_header(*size)) is Reason.IMAGE_TOO_LARGE


def test_file_over_the_byte_limit_is_refused():
    assert _code(PHOTO.read_bytes(), limits=LoadLimits(max_bytes=1000)) is Reason.IMAGE_TOO_LARGE


def test_gif_is_an_unsupported_format():
    buf = io.BytesIO()
    Image.new("RGB", (300, 300)).save(buf, format="GIF")
    assert _code(buf.getvalue()) is Reason.UNSUPPORTED_FORMAT


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_load_as_rgb(fmt):
    buf = io.BytesIO()
    Image.new("RGB", (320, 480), (10, 200, 30)).save(buf, format=fmt, lossless=True)
    photo = load_photo(buf.getvalue())
    assert photo.rgb.shape == (480, 320, 3)
    assert tuple(photo.rgb[0, 0]) == (10, 200, 30)


def test_exif_orientation_is_applied():
    upright = np.asarray(Image.open(PHOTO).convert("RGB"))
    # Store the pixels turned a quarter left, with the tag that says "turn right to view".
    turned = Image.fromarray(np.rot90(upright, 1).copy())
    exif = Image.Exif()
    exif[0x0112] = 6
    buf = io.BytesIO()
    turned.save(buf, format="JPEG", quality=95, exif=exif.tobytes())
    photo = load_photo(buf.getvalue())
    assert photo.rgb.shape == upright.shape
    assert np.abs(photo.rgb.astype(int) - upright.astype(int)).mean() < 4


def test_large_jpegs_are_decoded_at_a_reduced_size():
    big = Image.open(PHOTO).resize((2400, 3600))
    buf = io.BytesIO()
    big.save(buf, format="JPEG", quality=90)
    photo = load_photo(buf.getvalue(), limits=LoadLimits(work_long_side=1400))
    assert photo.rgb.shape[:2] == (1800, 1200)
    assert photo.scale == pytest.approx(0.5)
    assert photo.original_size_hw == (3600, 2400)


def test_arrays_must_be_rgb_uint8():
    with pytest.raises(ValueError, match="uint8 RGB"):
        load_photo(np.zeros((10, 10), np.uint8))


def test_heic_photos_from_phones_load():
    buf = io.BytesIO()
    with Image.open(PHOTO) as img:
        img.save(buf, format="HEIF", quality=90)
    photo = load_photo(buf.getvalue())
    assert photo.rgb.shape == (1800, 1200, 3)


@pytest.mark.parametrize("mode", ["RGBA", "L", "P", "CMYK", "I;16"])
def test_other_pixel_formats_become_8_bit_rgb(mode):
    with Image.open(PHOTO) as img:
        grey = np.asarray(img.convert("L"))
        wide = Image.fromarray(grey.astype(np.uint16) * 257)
        src = wide if mode == "I;16" else img.convert(mode)
        buf = io.BytesIO()
        src.save(buf, format="JPEG" if mode == "CMYK" else "PNG")
    photo = load_photo(buf.getvalue())
    assert photo.rgb.dtype == np.uint8
    assert abs(float(photo.rgb.mean()) - float(grey.mean())) < 3


def _png_bomb(width: int, height: int, *, bit_depth: int = 16, colour_type: int = 0) -> bytes:
    """A real, fully decodable PNG of black pixels: tiny on disk, huge once decoded
    (7,745 x 7,745 16-bit greyscale is about 117 KB and 120 MB of samples)."""
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour_type]
    row = b"\0" * (1 + width * channels * bit_depth // 8)  # filter byte + samples
    squash = zlib.compressobj(9)
    idat = b"".join(squash.compress(row) for _ in range(height)) + squash.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_a_tiny_16_bit_png_that_decodes_to_gigabytes_is_refused_before_decoding():
    """Issue 14, finding 1: under the pixel limit, but decoding it cost 1.45 GB."""
    bomb = _png_bomb(7745, 7745)
    assert len(bomb) < 200_000 and LoadLimits().max_pixels > 7745 * 7745
    tracemalloc.start()
    try:
        reason = _code(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert reason is Reason.IMAGE_TOO_LARGE
    assert peak < 20 * 1024 * 1024  # the header only: nothing was decoded


def test_the_decode_budget_counts_bytes_per_pixel_not_only_pixels():
    """Same size in pixels: 8-bit greyscale fits a budget that 16-bit does not."""
    limits = LoadLimits(max_decoded_bytes=2000 * 2000 * 9)
    grey8 = load_photo(_png_bomb(2000, 2000, bit_depth=8), limits=limits)
    assert grey8.rgb.shape == (2000, 2000, 3)
    assert _code(_png_bomb(2000, 2000, bit_depth=16), limits=limits) is Reason.IMAGE_TOO_LARGE
    assert _code(_png_bomb(2000, 2000, bit_depth=8, colour_type=6), limits=limits) is (
        Reason.IMAGE_TOO_LARGE
    )


def test_large_jpegs_count_their_reduced_decode_against_the_budget():
    """A JPEG is decoded at 1/2, 1/4 or 1/8 size, so a large one still fits."""
    buf = io.BytesIO()
    Image.new("RGB", (6000, 4000), (120, 110, 100)).save(buf, format="JPEG", quality=70)
    photo = load_photo(buf.getvalue(), limits=LoadLimits(max_decoded_bytes=30 * 1024 * 1024))
    assert photo.scale < 1
