"""Encryption of backup archives: streaming, chunked AES-256-GCM (the STREAM construction).

A file is a header followed by chunks. The header holds a magic string, the format version,
the chunk size, a random 16-byte salt and a key check. The file key is derived from the
operator's 32-byte key and the salt (HKDF-SHA256), so every archive has its own key and
nonces can simply count. Each chunk is up to `CHUNK` bytes of plaintext sealed with
AES-256-GCM; its nonce is the chunk's number (11 bytes) and a flag byte that is 1 only on the
last chunk; the header is the associated data of every chunk. So a changed byte, a changed
header, chunks swapped, dropped or added, and a file cut short are all detected; the key
check tells a wrong key apart from a damaged file. Memory use is one chunk at a time.

The key comes from the environment (`HIPDIP_BACKUP_KEY`, base64 of 32 random bytes; make one
with `hipdip backup-key`). Nothing here touches Django.
"""

from __future__ import annotations

import base64
import binascii
import os
import struct
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_ENV = "HIPDIP_BACKUP_KEY"
MAGIC = b"HIPDIP-BACKUP-ENC"
VERSION = 1
CHUNK = 1 << 20
TAG = 16
_HEAD = struct.Struct(">17sBI16s")  # magic, version, chunk size, salt
_CHECK_NONCE = b"\xff" * 11 + b"\x02"  # never a chunk nonce (their flag is 0 or 1)
HEADER_SIZE = _HEAD.size + TAG


class BackupKeyError(Exception):
    """The key is missing or malformed, does not fit the archive, or the archive is damaged."""


def new_key() -> str:
    """A fresh random key, base64, for `HIPDIP_BACKUP_KEY`."""
    return base64.b64encode(os.urandom(32)).decode("ascii")


def parse_key(text: str) -> bytes:
    """The 32 key bytes from base64 (standard or URL-safe alphabet)."""
    text = text.strip()
    try:
        raw = base64.b64decode(text.replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError):
        raise BackupKeyError(f"{KEY_ENV} is not base64") from None
    if len(raw) != 32:
        raise BackupKeyError(f"{KEY_ENV} must be 32 bytes in base64 (make one: hipdip backup-key)")
    return raw


def key_from_env() -> bytes:
    """The key from `HIPDIP_BACKUP_KEY`, or a plain error if it is not set."""
    text = os.environ.get(KEY_ENV, "")
    if not text:
        raise BackupKeyError(f"set {KEY_ENV} to the backup key (make one: hipdip backup-key)")
    return parse_key(text)


def _file_cipher(key: bytes, salt: bytes) -> AESGCM:
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=salt, info=b"hipdip backup v1"
    ).derive(key)
    return AESGCM(derived)


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def is_encrypted(path: os.PathLike[str] | str) -> bool:
    """Whether the file starts like an encrypted backup."""
    with open(path, "rb") as f:
        return f.read(len(MAGIC)) == MAGIC


class EncryptingWriter:
    """A write-only file object that seals what is written to it into `out`.

    `close()` writes the last chunk (possibly empty); without it the file is incomplete and
    will not decrypt, which is the point.
    """

    def __init__(self, out: BinaryIO, key: bytes, chunk: int = CHUNK) -> None:
        salt = os.urandom(16)
        self._head = _HEAD.pack(MAGIC, VERSION, chunk, salt)
        self._aead = _file_cipher(key, salt)
        self._out = out
        self._chunk = chunk
        self._buffer = bytearray()
        self._index = 0
        self._closed = False
        check = self._aead.encrypt(_CHECK_NONCE, b"", self._head)
        out.write(self._head + check)

    def write(self, data: bytes) -> int:
        self._buffer += data
        # Keep at least one byte back: the last chunk must be sealed as the last.
        while len(self._buffer) > self._chunk:
            self._seal(bytes(self._buffer[: self._chunk]), last=False)
            del self._buffer[: self._chunk]
        return len(data)

    def _seal(self, plain: bytes, *, last: bool) -> None:
        self._out.write(self._aead.encrypt(_nonce(self._index, last), plain, self._head))
        self._index += 1

    def flush(self) -> None:
        self._out.flush()

    def close(self) -> None:
        if not self._closed:
            self._seal(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._closed = True
            self._out.flush()


def decrypt_chunks(source: BinaryIO, key: bytes) -> Iterator[bytes]:
    """Yield the plaintext chunk by chunk, each checked; raise `BackupKeyError` on any fault.

    A caller must treat the plaintext as trusted only once the iterator is exhausted: only
    then is it known that the file was not cut short.
    """
    head = source.read(_HEAD.size)
    if len(head) < _HEAD.size:
        raise BackupKeyError("the archive is damaged (header cut short)")
    magic, version, chunk, salt = _HEAD.unpack(head)
    if magic != MAGIC:
        raise BackupKeyError("not an encrypted hipdip backup")
    if version != VERSION:
        raise BackupKeyError(f"unknown encryption format {version}")
    if not 0 < chunk <= 64 * CHUNK:
        raise BackupKeyError("the archive is damaged (bad chunk size)")
    aead = _file_cipher(key, salt)
    check = source.read(TAG)
    try:
        aead.decrypt(_CHECK_NONCE, check, head)
    except InvalidTag:
        raise BackupKeyError(
            f"the key in {KEY_ENV} does not fit this archive (or its header was changed)"
        ) from None
    index = 0
    sealed = source.read(chunk + TAG)
    while True:
        following = source.read(chunk + TAG)
        last = not following
        if len(sealed) < TAG:
            raise BackupKeyError("the archive is damaged or cut short")
        try:
            yield aead.decrypt(_nonce(index, last), sealed, head)
        except InvalidTag:
            raise BackupKeyError("the archive is damaged or cut short") from None
        if last:
            return
        index += 1
        sealed = following
