"""Settings per environment: production refuses to start without its secrets and turns
on HTTPS-only cookies and HSTS; the local settings create a private secret key."""

from __future__ import annotations

import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest

SETUP = "import django; django.setup(); from django.conf import settings; "
PRINT = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, "
    "s.SECURE_SSL_REDIRECT, s.DEBUG, s.CELERY_TASK_ALWAYS_EAGER)"
)


def _run(
    settings_module: str, code: str, tmp_path: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "HIPDIP_", "DATABASE_URL", "CACHE_URL"))
    }
    clean.pop("CELERY_BROKER_URL", None)
    clean.update({"DJANGO_SETTINGS_MODULE": settings_module, "HIPDIP_HOME": str(tmp_path)})
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    result = _run(
        "hipdip.web.settings.production", PRINT, tmp_path, DJANGO_ALLOWED_HOSTS="clinic.example.com"
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_secret_key(tmp_path: Path) -> None:
    result = _run(
        "hipdip.web.settings.production",
        PRINT,
        tmp_path,
        DJANGO_SECRET_KEY="short",
        DJANGO_ALLOWED_HOSTS="clinic.example.com",
    )
    assert result.returncode != 0


def test_production_refuses_to_start_without_allowed_hosts(tmp_path: Path) -> None:
    result = _run(
        "hipdip.web.settings.production",
        PRINT,
        tmp_path,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
    )
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must list" in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "django-insecure-" + secrets.token_urlsafe(50),  # what startproject writes
        "x" * 60,  # long but guessable: too few distinct characters
        "abcde" * 12,
        "changeme-" + "a1b2c3d4e5" * 5,  # a placeholder left in
    ],
    ids=["django-insecure", "one-character", "five-characters", "placeholder"],
)
def test_production_refuses_a_weak_or_placeholder_secret_key(tmp_path: Path, key: str) -> None:
    result = _run(
        "hipdip.web.settings.production",
        PRINT,
        tmp_path,
        DJANGO_SECRET_KEY=key,
        DJANGO_ALLOWED_HOSTS="clinic.example.com",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("hosts", ["*", "clinic.example.com,*", " * "])
def test_production_refuses_to_answer_to_any_host(tmp_path: Path, hosts: str) -> None:
    result = _run(
        "hipdip.web.settings.production",
        PRINT,
        tmp_path,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=hosts,
    )
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr and "*" in result.stderr


def test_production_is_https_only_with_hsts(tmp_path: Path) -> None:
    result = _run(
        "hipdip.web.settings.production",
        PRINT,
        tmp_path,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="clinic.example.com",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "True", "False", "False"]


def test_production_passes_djangos_deployment_checks(tmp_path: Path) -> None:
    code = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    result = _run(
        "hipdip.web.settings.production",
        code,
        tmp_path,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="clinic.example.com",
    )
    assert result.returncode == 0, result.stderr


def test_local_settings_create_a_private_secret_key_once(tmp_path: Path) -> None:
    code = SETUP + "print(settings.SECRET_KEY)"
    first = _run("hipdip.web.settings.local", code, tmp_path)
    second = _run("hipdip.web.settings.local", code, tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout and len(first.stdout.strip()) >= 50
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_the_database_defaults_to_sqlite_under_hipdip_home(tmp_path: Path) -> None:
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'], "
        "settings.MEDIA_ROOT, settings.CELERY_TASK_ALWAYS_EAGER)"
    )
    result = _run("hipdip.web.settings.local", code, tmp_path)
    engine, name, media, eager = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert name == str(tmp_path / "hipdip.sqlite3") and media == str(tmp_path / "media")
    assert eager == "True"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "django.core.files.storage.FileSystemStorage"),
        ({"HIPDIP_S3_BUCKET": "clinic-photos"}, "storages.backends.s3.S3Storage"),
    ],
)
def test_photos_go_to_a_folder_or_to_s3_compatible_storage(
    tmp_path: Path, env: dict[str, str], expected: str
) -> None:
    code = SETUP + "print(settings.STORAGES['default']['BACKEND'])"
    result = _run("hipdip.web.settings.local", code, tmp_path, **env)
    assert result.stdout.strip() == expected
