"""Encrypted backups: `hipdip backup --encrypt` seals the archive with the key in
HIPDIP_BACKUP_KEY; restore decrypts it, and a wrong key, a changed byte or a file cut short
restore nothing."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hipdip.web.clinic import backup_crypto as bc

HIPDIP = str(Path(sys.executable).with_name("hipdip"))


def _seal(data: bytes, key: bytes, chunk: int = 64) -> bytes:
    out = io.BytesIO()
    writer = bc.EncryptingWriter(out, key, chunk=chunk)
    for at in range(0, len(data), 7):  # small, uneven writes
        writer.write(data[at : at + 7])
    writer.close()
    return out.getvalue()


def _open(sealed: bytes, key: bytes) -> bytes:
    return b"".join(bc.decrypt_chunks(io.BytesIO(sealed), key))


@pytest.mark.parametrize("size", [0, 1, 63, 64, 65, 128, 1000])
def test_sealed_data_comes_back_unchanged(size: int) -> None:
    key = os.urandom(32)
    data = os.urandom(size)
    sealed = _seal(data, key)
    if size >= 16:  # a shorter needle turns up in random ciphertext by chance
        assert data[:16] not in sealed
    assert _open(sealed, key) == data


def test_a_wrong_key_is_named_as_such() -> None:
    sealed = _seal(b"secret" * 100, os.urandom(32))
    with pytest.raises(bc.BackupKeyError, match="does not fit"):
        _open(sealed, os.urandom(32))


@pytest.mark.parametrize("keep", [bc.HEADER_SIZE, bc.HEADER_SIZE + 64 + 16, -1, -16])
def test_an_archive_cut_short_is_refused(keep: int) -> None:
    key = os.urandom(32)
    sealed = _seal(b"a" * 500, key)
    with pytest.raises(bc.BackupKeyError, match="damaged or cut short"):
        _open(sealed[:keep], key)


def test_every_changed_byte_is_detected() -> None:
    key = os.urandom(32)
    sealed = _seal(b"b" * 200, key)
    for at in range(len(sealed)):
        changed = bytearray(sealed)
        changed[at] ^= 0x01
        with pytest.raises(bc.BackupKeyError):
            _open(bytes(changed), key)


def test_swapped_chunks_are_detected() -> None:
    key = os.urandom(32)
    sealed = _seal(b"c" * 64 + b"d" * 64 + b"e", key)
    head, size = bc.HEADER_SIZE, 64 + 16
    first, second = sealed[head : head + size], sealed[head + size : head + 2 * size]
    swapped = sealed[:head] + second + first + sealed[head + 2 * size :]
    with pytest.raises(bc.BackupKeyError, match="damaged"):
        _open(swapped, key)


def test_keys_are_32_bytes_of_base64() -> None:
    assert len(bc.parse_key(bc.new_key())) == 32
    with pytest.raises(bc.BackupKeyError, match="32 bytes"):
        bc.parse_key("c2hvcnQ=")
    with pytest.raises(bc.BackupKeyError, match="not base64"):
        bc.parse_key("not a key!")


def _hipdip(home: Path, *argv: str, key: str | None = None) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "HIPDIP_MEDIA_ROOT", bc.KEY_ENV)
    }
    env.update(HIPDIP_HOME=str(home), HIPDIP_ENV_FILE="/nonexistent/.env")
    if key is not None:
        env[bc.KEY_ENV] = key
    return subprocess.run(
        [HIPDIP, *argv], env=env, capture_output=True, text=True, timeout=300, check=False
    )


def _media(home: Path) -> dict[str, bytes]:
    root = home / "media"
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_encrypted_backup_round_trip_and_refusals(tmp_path: Path) -> None:
    source = tmp_path / "source"
    assert _hipdip(source, "manage", "migrate", "-v0").returncode == 0
    photo = os.urandom(3000) + b"PLAIN-PHOTO-BYTES" * 300
    (source / "media" / "photos").mkdir(parents=True)
    (source / "media" / "photos" / "a.jpg").write_bytes(photo)
    made_key = _hipdip(source, "backup-key")
    assert made_key.returncode == 0
    key = made_key.stdout.strip()
    assert len(bc.parse_key(key)) == 32

    archive = tmp_path / "b.tar.enc"
    # No key set: a plain message, no archive.
    no_key = _hipdip(source, "backup", str(archive), "--encrypt")
    assert no_key.returncode == 2 and bc.KEY_ENV in no_key.stderr
    assert not archive.exists()

    made = _hipdip(source, "backup", str(archive), "--encrypt", key=key)
    assert made.returncode == 0, made.stderr
    assert "encrypted" in made.stdout
    sealed = archive.read_bytes()
    assert sealed.startswith(bc.MAGIC)
    assert b"PLAIN-PHOTO-BYTES" not in sealed and b"manifest.json" not in sealed
    assert oct(archive.stat().st_mode & 0o777) == "0o600"

    def refused(data: bytes, use_key: str | None, message: str) -> None:
        bad = tmp_path / f"bad-{os.urandom(4).hex()}.enc"
        bad.write_bytes(data)
        home = tmp_path / f"copy-{bad.stem}"
        result = _hipdip(home, "restore", str(bad), key=use_key)
        assert result.returncode == 2, result.stdout
        assert message in result.stderr
        assert "Traceback" not in result.stderr
        # Nothing was restored: no media files, and the database has no tables.
        assert _media(home) == {}
        db = home / "hipdip.sqlite3"
        if db.exists():
            import sqlite3

            with sqlite3.connect(db) as conn:
                assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)
            conn.close()

    refused(sealed, bc.new_key(), "does not fit this archive")
    refused(sealed, None, bc.KEY_ENV)
    refused(sealed[: len(sealed) // 2], key, "damaged or cut short")
    refused(sealed[:-1], key, "damaged or cut short")
    tampered = bytearray(sealed)
    tampered[len(sealed) // 3] ^= 0x80
    refused(bytes(tampered), key, "damaged or cut short")

    copy = tmp_path / "copy"
    restored = _hipdip(copy, "restore", str(archive), key=key)
    assert restored.returncode == 0, restored.stderr
    assert _media(copy) == {"photos/a.jpg": photo}
