"""Fuzzing the photo loader (`hipdip.vision.loading.load_photo`) with generated and mutated
JPEG, PNG, WebP and HEIC files: whatever the bytes, it answers with a photo or its own
`AnalysisError`, never another exception, within a time limit per case, and within a memory
bound.

The CI run is short (HIPDIP_FUZZ_CASES, 300 by default); `HIPDIP_FUZZ_CASES=10000` is the
nightly size (result in docs/security.md). A hang in a C decoder cannot be interrupted
from Python: a watchdog (faulthandler) then ends the process with the stack of the case.
"""

from __future__ import annotations

import contextlib
import faulthandler
import io
import os
import resource
import struct
import time
import warnings
import zlib
from collections.abc import Iterator

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from hipdip.vision.errors import AnalysisError
from hipdip.vision.loading import LoadLimits, load_photo

CASES = int(os.environ.get("HIPDIP_FUZZ_CASES", "300"))
#: A case taking longer than this fails (hypothesis deadline); the watchdog waits longer.
CASE_SECONDS = 5.0
WATCHDOG_SECONDS = 60.0
#: Limits as in production but a smaller decoded-memory budget, so the bound is tight.
LIMITS = LoadLimits(max_decoded_bytes=64 * 1024 * 1024)
#: Peak resident memory may grow by at most this much over the whole run.
RSS_GROWTH_MB = 400


def _encode(fmt: str, mode: str, size: tuple[int, int], **kw: object) -> bytes:
    rng = np.random.default_rng(size[0] * 7 + size[1])
    if mode == "I;16":
        arr16 = rng.integers(0, 65535, (size[1], size[0]), dtype=np.uint16)
        img = Image.fromarray(arr16)
    else:
        arr = rng.integers(0, 255, (size[1], size[0], 3), dtype=np.uint8)
        img = Image.fromarray(arr, "RGB").convert(mode)
    buf = io.BytesIO()
    img.save(buf, format=fmt, **kw)
    return buf.getvalue()


def _seeds() -> list[bytes]:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated: exercises the orientation path
    seeds = [
        _encode("JPEG", "RGB", (96, 128)),
        _encode("JPEG", "RGB", (128, 96), exif=exif.tobytes(), progressive=True),
        _encode("JPEG", "L", (80, 80)),
        _encode("PNG", "RGB", (72, 96)),
        _encode("PNG", "P", (64, 70)),
        _encode("PNG", "RGBA", (70, 64)),
        _encode("PNG", "I;16", (66, 90)),
        _encode("WEBP", "RGB", (96, 80)),
        _encode("WEBP", "RGBA", (80, 96), lossless=True),
    ]
    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
        seeds.append(_encode("HEIF", "RGB", (80, 96)))
    except ImportError:  # pragma: no cover - HEIC support is in the lock
        pass
    return seeds


SEEDS = _seeds()


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_header(width: int, height: int, depth: int, colour: int) -> bytes:
    """A PNG whose header is valid (right CRC) with any size: past the CRC check, to the
    decoder's limits; followed by a little real image data."""
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def _jpeg_size(data: bytes, width: int, height: int) -> bytes:
    """Rewrite the frame header (SOF0/SOF2) of a JPEG to claim another size."""
    out = bytearray(data)
    for marker in (b"\xff\xc0", b"\xff\xc2"):
        at = out.find(marker)
        if at > 0:
            out[at + 5 : at + 9] = struct.pack(">HH", height & 0xFFFF, width & 0xFFFF)
    return bytes(out)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A seed image with a few mutations: bit flips, overwritten runs, insertions,
    deletions, truncation, spliced seeds, forged sizes; or plain random bytes."""
    kind = draw(st.sampled_from(["mutate", "mutate", "mutate", "png", "jpeg-size", "random"]))
    if kind == "random":
        head = draw(st.sampled_from([b"", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF"]))
        return head + draw(st.binary(max_size=4096))
    if kind == "png":
        side = st.integers(0, 70_000) | st.sampled_from([0, 1, 63, 64, 2**31 - 1, 2**32 - 1])
        return _png_header(
            draw(side),
            draw(side),
            draw(st.sampled_from([1, 2, 4, 8, 16, 3, 0, 255])),
            draw(st.sampled_from([0, 2, 3, 4, 6, 1, 7])),
        )
    data = bytearray(draw(st.sampled_from(SEEDS)))
    if kind == "jpeg-size":
        data = bytearray(SEEDS[draw(st.integers(0, 2))])
        return _jpeg_size(bytes(data), draw(st.integers(0, 65535)), draw(st.integers(0, 65535)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["flip", "overwrite", "insert", "delete", "truncate", "splice"]))
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "overwrite":
            chunk = draw(st.binary(min_size=1, max_size=16))
            data[at : at + len(chunk)] = chunk
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif op == "truncate":
            del data[at:]
        else:
            other = draw(st.sampled_from(SEEDS))
            data[at:] = other[draw(st.integers(0, len(other) - 1)) :]
    return bytes(data)


def _rss_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.fixture(scope="module")
def watchdog() -> Iterator[dict[str, float]]:
    """Ends the process with a stack dump if a single case hangs; tracks peak memory."""
    state = {"baseline_mb": _rss_peak_mb(), "cases": 0, "accepted": 0, "slowest": 0.0}
    yield state
    faulthandler.cancel_dump_traceback_later()
    growth = _rss_peak_mb() - state["baseline_mb"]
    print(
        f"\nloader fuzz: {state['cases']:.0f} cases, {state['accepted']:.0f} decoded, "
        f"slowest {state['slowest']:.3f} s, peak RSS growth {growth:.0f} MB"
    )


@given(data=mutated())
@settings(
    max_examples=CASES,
    deadline=CASE_SECONDS * 1000,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_loader_only_fails_with_its_own_error(data: bytes, watchdog: dict[str, float]) -> None:
    faulthandler.dump_traceback_later(WATCHDOG_SECONDS, exit=True)
    started = time.perf_counter()
    try:
        photo = load_photo(data, limits=LIMITS)
    except AnalysisError:
        pass
    else:
        assert photo.rgb.dtype == np.uint8 and photo.rgb.ndim == 3 and photo.rgb.shape[2] == 3
        assert photo.rgb.nbytes <= LIMITS.max_decoded_bytes
        watchdog["accepted"] += 1
    finally:
        faulthandler.cancel_dump_traceback_later()
    watchdog["cases"] += 1
    watchdog["slowest"] = max(watchdog["slowest"], time.perf_counter() - started)
    growth = _rss_peak_mb() - watchdog["baseline_mb"]
    assert growth < RSS_GROWTH_MB, f"peak memory grew by {growth:.0f} MB"


def test_every_seed_decodes() -> None:
    """The seeds are real images of each format, so mutations start from valid files."""
    formats = set()
    for seed in SEEDS:
        photo = load_photo(seed, limits=LIMITS)
        assert photo.rgb.shape[2] == 3
        formats.add(Image.open(io.BytesIO(seed)).format)
    assert {"JPEG", "PNG", "WEBP"} <= formats


def test_damaged_exif_neither_warns_nor_fails() -> None:
    """Found by the 10,000-case run: an EXIF tag pointing past the end of the file made
    Pillow warn (an error where warnings are errors, a log line per upload otherwise)."""
    exif = Image.Exif()
    exif[0x010E] = "x" * 40  # ImageDescription, stored out of line
    buf = io.BytesIO()
    Image.new("RGB", (96, 96)).save(buf, format="JPEG", exif=exif.tobytes())
    data = bytearray(buf.getvalue())
    big = data.find(b"\x01\x0e\x00\x02")  # the tag's entry, big- or little-endian TIFF
    entry = big if big > 0 else data.find(b"\x0e\x01\x02\x00")
    assert entry > 0
    data[entry + 8 : entry + 12] = struct.pack(">I" if big > 0 else "<I", 60_000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        photo = load_photo(bytes(data), limits=LIMITS)
    assert photo.rgb.shape == (96, 96, 3)


def test_a_damaged_heic_is_a_corrupt_image() -> None:
    """Found by the 10,000-case run: 41 bytes inserted into the HEIC seed made pillow-heif
    raise EOFError (not an OSError) while decoding, which escaped as a server error."""
    heic = next(s for s in SEEDS if s[4:12] == b"ftypheic")
    inserted = bytes.fromhex(
        "946a6baf9ca91663b92dcfe4af7af52956971d9db218bf26706fc012f56d646174000014902801af13"
    )
    # Decoded or refused with the loader's own error (libheif's answer to these bytes has
    # differed between runs); any other exception fails the test.
    with contextlib.suppress(AnalysisError):
        load_photo(heic[:374] + inserted + heic[374:], limits=LIMITS)
