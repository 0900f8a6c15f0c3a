"""`hipdip backup` and `hipdip restore`: a demo clinic goes into an archive and comes back
onto an empty home with every row and every media file unchanged, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

HIPDIP = str(Path(sys.executable).with_name("hipdip"))
PG = "postgres://postgres@127.0.0.1:5432"
# Written after the copy (backup) or into the new home (restore): not part of the data.
OWN_EVENTS = {"backup.create", "backup.restore"}


def _hipdip(home: Path, *argv: str, database_url: str | None = None) -> subprocess.CompletedProcess:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        HIPDIP_HOME=str(home),
        HIPDIP_ENV_FILE="/nonexistent/.env",
        HIPDIP_DEMO_PASSWORD="backup-demo-pass-1",
    )
    env.pop("HIPDIP_MEDIA_ROOT", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return subprocess.run(
        [HIPDIP, *argv], env=env, capture_output=True, text=True, timeout=300, check=False
    )


def _rows(cursor: Any, tables: list[str]) -> dict[str, list[str]]:
    """Every row of every table, sorted, without the backup's own audit events."""
    out: dict[str, list[str]] = {}
    for table in tables:
        cursor.execute(f'SELECT * FROM "{table}"')
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
        if table == "audit_auditevent":
            action = columns.index("action")
            rows = [r for r in rows if r[action] not in OWN_EVENTS]
        out[table] = sorted(repr(tuple(r)) for r in rows)
    return out


def _sqlite_rows(path: Path) -> dict[str, list[str]]:
    db = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return _rows(db.cursor(), sorted(tables))
    finally:
        db.close()


def _pg_rows(url: str) -> dict[str, list[str]]:
    with psycopg.connect(url) as db, db.cursor() as cur:
        cur.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema='public' AND table_type='BASE TABLE'"
        )
        tables = sorted(name for (name,) in cur.fetchall())
        return _rows(cur, tables)


def _media(home: Path) -> dict[str, str]:
    root = home / "media"
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def _round_trip(tmp_path: Path, db_of: dict[str, str | None]) -> tuple[Path, Path, Path]:
    """Seed the demo clinic in `source`, back it up, restore it into `copy`."""
    source, copy, archive = tmp_path / "source", tmp_path / "copy", tmp_path / "out" / "b.tar"
    seeded = _hipdip(source, "demo", database_url=db_of["source"])
    assert seeded.returncode == 0, seeded.stderr
    made = _hipdip(source, "backup", str(archive), database_url=db_of["source"])
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    # A second backup never overwrites the first.
    again = _hipdip(source, "backup", str(archive), database_url=db_of["source"])
    assert again.returncode == 2 and "already exists" in again.stderr
    restored = _hipdip(copy, "restore", str(archive), database_url=db_of["copy"])
    assert restored.returncode == 0, restored.stderr
    # A home with data in it is refused, and left as it was.
    before = _media(copy)
    refused = _hipdip(copy, "restore", str(archive), database_url=db_of["copy"])
    assert refused.returncode == 2
    assert "restore needs an empty home" in refused.stderr
    assert _media(copy) == before
    return source, copy, archive


def _assert_same(original: dict[str, list[str]], restored: dict[str, list[str]]) -> None:
    assert set(original) == set(restored)
    assert len(original) > 50
    assert sum(len(rows) for rows in original.values()) > 100
    for table in original:
        assert original[table] == restored[table], table


def test_backup_and_restore_on_sqlite_keep_every_row_and_file(tmp_path: Path) -> None:
    source, copy, _ = _round_trip(tmp_path, {"source": None, "copy": None})
    original = _sqlite_rows(source / "hipdip.sqlite3")
    restored = _sqlite_rows(copy / "hipdip.sqlite3")
    _assert_same(original, restored)
    src_media = _media(source)
    assert len(src_media) >= 10
    assert _media(copy) == src_media
    # Each side records its own step in the audit trail.
    with sqlite3.connect(source / "hipdip.sqlite3") as db:
        assert db.execute(
            "SELECT count(*) FROM audit_auditevent WHERE action='backup.create'"
        ).fetchone() == (1,)
    db.close()
    with sqlite3.connect(copy / "hipdip.sqlite3") as db:
        assert db.execute(
            "SELECT count(*) FROM audit_auditevent WHERE action='backup.restore'"
        ).fetchone() == (1,)
    db.close()


def test_a_damaged_archive_is_refused(tmp_path: Path) -> None:
    source, archive = tmp_path / "source", tmp_path / "b.tar"
    assert _hipdip(source, "manage", "migrate", "-v0").returncode == 0
    (source / "media" / "photos").mkdir(parents=True)
    (source / "media" / "photos" / "a.jpg").write_bytes(b"x" * 4000)
    assert _hipdip(source, "backup", str(archive)).returncode == 0
    data = bytearray(archive.read_bytes())
    at = data.index(b"x" * 4000)
    data[at] = ord("y")
    archive.write_bytes(bytes(data))
    result = _hipdip(tmp_path / "copy", "restore", str(archive))
    assert result.returncode == 2
    assert "does not match its checksum" in result.stderr
    # Nothing of the failed restore is left behind: the same home can take a good archive.
    assert not any(p.is_file() for p in (tmp_path / "copy" / "media").rglob("*"))


@pytest.fixture
def pg_databases() -> Iterator[dict[str, str | None]]:
    """Two throwaway databases on the local PostgreSQL, dropped afterwards."""
    names = {role: f"hipdip_backup_{role}_{uuid.uuid4().hex[:8]}" for role in ("source", "copy")}
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
        for name in names.values():
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {role: f"{PG}/{name}" for role, name in names.items()}
    finally:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as admin:
            for name in names.values():
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_and_restore_on_postgresql_keep_every_row_and_file(
    tmp_path: Path, pg_databases: dict[str, str]
) -> None:
    source, copy, _ = _round_trip(tmp_path, dict(pg_databases))
    original = _pg_rows(pg_databases["source"])
    restored = _pg_rows(pg_databases["copy"])
    _assert_same(original, restored)
    src_media = _media(source)
    assert len(src_media) >= 10
    assert _media(copy) == src_media
    with psycopg.connect(pg_databases["copy"]) as db:
        row = db.execute(
            "SELECT count(*) FROM audit_auditevent WHERE action='backup.restore'"
        ).fetchone()
        assert row == (1,)
