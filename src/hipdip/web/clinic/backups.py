"""Backup and restore of a whole clinic installation: the database and the media files.

One archive (an uncompressed tar, mode 0600) holds `manifest.json`, the database copy and
`media/...`. The database is copied first, with the engine's own consistent tools: SQLite's
online backup API, PostgreSQL's `pg_dump -Fc`. Media files are copied after it, so every file
a row of the copy points to is in the archive unless it was deleted in between. The manifest
(the last member) lists the SHA-256 of every file; restore checks each one.

Media are read and written through Django's default storage, so the same commands work with
the local media folder and with S3-compatible object storage (django-storages): a file is
streamed from the storage into the archive and back, never held whole in memory.

Restore goes only onto an empty home (no tables in the database, no media files), so it
cannot mix two clinics' data.

With `encrypt=True` the tar is sealed as it is written (chunked AES-256-GCM, see
`backup_crypto`; key from `HIPDIP_BACKUP_KEY`), so the plain archive never touches the disk.
Restore recognises an encrypted archive, decrypts and checks all of it into a private
temporary folder first, and only then loads anything: a wrong key, a changed byte or a file
cut short restores nothing.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from hipdip.web.accounts.actor import Actor
from hipdip.web.audit.services import audit_record
from hipdip.web.clinic import backup_crypto

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, for the operator."""


@dataclass(frozen=True)
class BackupResult:
    """What went into (or came out of) an archive."""

    archive: Path
    engine: str
    media_files: int
    media_bytes: int


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}")
    return vendor


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class _Hashing:
    """A read-only file wrapper that counts and hashes what is read through it."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(n)
        self.digest.update(data)
        self.size += len(data)
        return bytes(data)


def _media_files() -> list[str]:
    """Every file name in the default storage (the media folder or the bucket), sorted."""
    names: list[str] = []

    def walk(folder: str) -> None:
        try:
            dirs, files = default_storage.listdir(folder)
        except FileNotFoundError:
            return
        prefix = f"{folder}/" if folder else ""
        names.extend(prefix + f for f in files)
        for d in dirs:
            walk(prefix + d)

    walk("")
    return sorted(names)


def _pg_env() -> dict[str, str]:
    """libpq variables for the dump tools, from Django's database settings."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, var in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if db.get(key):
            env[var] = str(db[key])
    return env


def _run(argv: list[str]) -> None:
    result = subprocess.run(argv, env=_pg_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{argv[0]} failed: {result.stderr.strip()[:500]}")


def _dump_database(engine: str, dest: Path) -> None:
    if engine == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
        target = sqlite3.connect(str(dest))
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        _run(["pg_dump", "-Fc", "--no-owner", "--no-privileges", "-f", str(dest)])


def _key() -> bytes:
    try:
        return backup_crypto.key_from_env()
    except backup_crypto.BackupKeyError as exc:
        raise BackupError(str(exc)) from None


def backup(out: Path, *, actor: Actor | None = None, encrypt: bool = False) -> BackupResult:
    """Write the database and every media file into a new archive at `out` (mode 0600).

    Refuses to overwrite an existing file. The archive is written under a temporary name next
    to `out` and renamed at the end, so a failed backup leaves no half archive behind. With
    `encrypt`, the archive is sealed with the key in `HIPDIP_BACKUP_KEY` as it is written.
    """
    out = Path(out).resolve()
    if out.exists():
        raise BackupError(f"{out} already exists; choose a new name")
    key = _key() if encrypt else None
    engine = _engine()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hipdip-backup-") as tmp:
        os.chmod(tmp, 0o700)
        db_member = SQLITE_MEMBER if engine == "sqlite" else PG_MEMBER
        db_copy = Path(tmp) / db_member
        _dump_database(engine, db_copy)
        files = _media_files()
        media: dict[str, str] = {}
        size = 0
        fd, partial = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)  # mode 0600
        try:
            with os.fdopen(fd, "wb") as raw:
                sink: Any = raw if key is None else backup_crypto.EncryptingWriter(raw, key)
                with tarfile.open(fileobj=sink, mode="w|") as tar:
                    tar.add(db_copy, arcname=db_member)
                    for name in files:
                        media[name] = _add_stored(tar, name)
                        size += default_storage.size(name)
                    manifest: dict[str, Any] = {
                        "format": FORMAT,
                        "created": timezone.now().isoformat(),
                        "engine": engine,
                        "database": {"name": db_member, "sha256": _sha256(db_copy)},
                        "media": media,
                    }
                    raw_manifest = json.dumps(manifest, indent=1, sort_keys=True).encode()
                    info = tarfile.TarInfo(MANIFEST)
                    info.size, info.mode, info.mtime = len(raw_manifest), 0o600, int(time.time())
                    tar.addfile(info, io.BytesIO(raw_manifest))
                if key is not None:
                    sink.close()
            os.chmod(partial, 0o600)
            os.replace(partial, out)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
    audit_record(
        actor=actor or Actor.system("cli"),
        action="backup.create",
        detail={
            "engine": engine,
            "media_files": len(files),
            "archive": out.name,
            "encrypted": key is not None,
        },
    )
    return BackupResult(archive=out, engine=engine, media_files=len(files), media_bytes=size)


def _add_stored(tar: tarfile.TarFile, name: str) -> str:
    """Stream one stored file into the archive; its SHA-256."""
    info = tarfile.TarInfo(f"media/{name}")
    info.size, info.mode, info.mtime = default_storage.size(name), 0o600, int(time.time())
    with default_storage.open(name, "rb") as fh:
        reader = _Hashing(fh)
        tar.addfile(info, reader)
    return reader.digest.hexdigest()


def _home_is_empty() -> list[str]:
    """Why this home is not empty (tables in the database, files in media); [] if empty."""
    reasons = []
    tables = connection.introspection.table_names()
    if tables:
        reasons.append(f"the database already has {len(tables)} tables")
    media = _media_files()
    if media:
        reasons.append(f"the media storage already holds {len(media)} files")
    return reasons


def _safe_members(tar: tarfile.TarFile) -> dict[str, tarfile.TarInfo]:
    members: dict[str, tarfile.TarInfo] = {}
    for info in tar.getmembers():
        name = info.name
        if not info.isfile() or name.startswith("/") or ".." in Path(name).parts:
            raise BackupError(f"unexpected entry in the archive: {name!r}")
        members[name] = info
    return members


def _extract(tar: tarfile.TarFile, info: tarfile.TarInfo, dest: Path, sha256: str) -> None:
    source = tar.extractfile(info)
    if source is None:
        raise BackupError(f"cannot read {info.name} from the archive")
    dest.parent.mkdir(parents=True, exist_ok=True)
    with source, dest.open("xb") as f:
        shutil.copyfileobj(source, f)
    if _sha256(dest) != sha256:
        raise BackupError(f"{info.name} does not match its checksum: the archive is damaged")


def _member_bytes(tar: tarfile.TarFile, info: tarfile.TarInfo) -> Any:
    source = tar.extractfile(info)
    if source is None:
        raise BackupError(f"cannot read {info.name} from the archive")
    return source


def _check_stored(tar: tarfile.TarFile, info: tarfile.TarInfo, sha256: str) -> None:
    """Check a media member against its checksum before anything is written."""
    with _member_bytes(tar, info) as source:
        reader = _Hashing(source)
        while reader.read(1 << 20):
            pass
    if reader.digest.hexdigest() != sha256:
        raise BackupError(f"{info.name} does not match its checksum: the archive is damaged")


def _store(tar: tarfile.TarFile, info: tarfile.TarInfo, name: str) -> None:
    """Write one media member into the default storage under exactly its old name."""
    with _member_bytes(tar, info) as source:
        saved = default_storage.save(name, File(source, name=name))
    if saved != name:
        default_storage.delete(saved)
        raise BackupError(f"{name} could not be stored under its own name")


def _load_database(engine: str, copy: Path) -> None:
    if engine == "sqlite":
        connection.close()
        source = sqlite3.connect(str(copy))
        target = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        connection.close()
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                "-d",
                str(settings.DATABASES["default"]["NAME"]),
                str(copy),
            ]
        )


def _decrypt_to(archive: Path, dest: Path) -> None:
    """Decrypt and check the whole archive into `dest` (a private file); raise on any fault."""
    key = _key()
    try:
        with archive.open("rb") as source, dest.open("xb") as plain:
            os.chmod(dest, 0o600)
            for chunk in backup_crypto.decrypt_chunks(source, key):
                plain.write(chunk)
    except backup_crypto.BackupKeyError as exc:
        dest.unlink(missing_ok=True)
        raise BackupError(f"cannot decrypt {archive.name}: {exc}; nothing was restored") from None


def restore(archive: Path, *, actor: Actor | None = None) -> BackupResult:
    """Load an archive written by `backup` into this (empty) home and check every file.

    An encrypted archive is decrypted with `HIPDIP_BACKUP_KEY` and checked in full first.
    """
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"{archive} is not a file")
    engine = _engine()
    reasons = _home_is_empty()
    if reasons:
        raise BackupError(
            "restore needs an empty home: "
            + "; ".join(reasons)
            + ". Point HIPDIP_HOME (and DATABASE_URL) at a new place."
        )
    if not backup_crypto.is_encrypted(archive):
        return _restore_plain(archive, archive, engine, actor)
    with tempfile.TemporaryDirectory(prefix="hipdip-decrypt-") as tmp:
        os.chmod(tmp, 0o700)
        plain = Path(tmp) / "archive.tar"
        _decrypt_to(archive, plain)
        return _restore_plain(plain, archive, engine, actor)


def _restore_plain(archive: Path, shown: Path, engine: str, actor: Actor | None) -> BackupResult:
    """Restore from a plain tar; `shown` is the name the operator gave (for messages)."""
    with tarfile.open(archive, mode="r:") as tar:
        members = _safe_members(tar)
        if MANIFEST not in members:
            raise BackupError(f"{shown} is not a hipdip backup (no {MANIFEST})")
        raw = tar.extractfile(members[MANIFEST])
        assert raw is not None  # a regular file, checked above
        manifest = json.loads(raw.read())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"unknown backup format {manifest.get('format')!r}")
        if manifest["engine"] != engine:
            raise BackupError(
                f"the archive holds a {manifest['engine']} database; this home uses {engine}"
            )
        expected = {MANIFEST, manifest["database"]["name"]} | {
            f"media/{name}" for name in manifest["media"]
        }
        if set(members) != expected:
            raise BackupError("the archive's files do not match its manifest")
        with tempfile.TemporaryDirectory(prefix="hipdip-restore-") as tmp:
            os.chmod(tmp, 0o700)
            copy = Path(tmp) / manifest["database"]["name"]
            _extract(
                tar, members[manifest["database"]["name"]], copy, manifest["database"]["sha256"]
            )
            for name, sha256 in manifest["media"].items():
                _check_stored(tar, members[f"media/{name}"], sha256)
            written: list[str] = []
            try:
                for name in manifest["media"]:
                    written.append(name)
                    _store(tar, members[f"media/{name}"], name)
                _load_database(engine, copy)
            except BaseException:
                # Leave the home as empty as it was, so the operator can simply try again.
                for name in written:
                    default_storage.delete(name)
                raise
    size = sum(members[f"media/{name}"].size for name in manifest["media"])
    audit_record(
        actor=actor or Actor.system("cli"),
        action="backup.restore",
        detail={"engine": engine, "media_files": len(manifest["media"]), "archive": shown.name},
    )
    return BackupResult(
        archive=shown, engine=engine, media_files=len(manifest["media"]), media_bytes=size
    )
