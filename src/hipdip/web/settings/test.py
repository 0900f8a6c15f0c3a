"""Tests: the database comes from `DATABASE_URL` (SQLite by default, PostgreSQL in CI).

SQLite test databases are files (not memory) so that a real Celery worker started by a
test can open the same database as the test itself.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from hipdip.web.settings.base import *  # noqa: F403
from hipdip.web.settings.base import DATABASES, STORAGES, env

SECRET_KEY = "test-only-secret-key-" + "x" * 40
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# A worker started by a test shares the test's files; each pytest-xdist process has its own
# (they inherit the controller's environment, so the owner is recorded beside the folder).
_owner = os.environ.get("PYTEST_XDIST_WORKER", "main")
if "HIPDIP_TEST_HOME" in os.environ and os.environ.get("HIPDIP_TEST_HOME_OWNER") == _owner:
    _scratch = Path(os.environ["HIPDIP_TEST_HOME"])
else:
    _scratch = Path(tempfile.mkdtemp(prefix="hipdip-test-"))
    os.environ["HIPDIP_TEST_HOME"] = str(_scratch)
    os.environ["HIPDIP_TEST_HOME_OWNER"] = _owner
    atexit.register(shutil.rmtree, _scratch, ignore_errors=True)

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(_scratch / "test.sqlite3")}
DATABASES["default"]["CONN_MAX_AGE"] = 0

MEDIA_ROOT = _scratch / "media"
STORAGES = {
    **STORAGES,
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT), "base_url": "/media-is-not-served/"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = _scratch / "static"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
HIPDIP_SMS_BACKEND = "locmem"

# In-process by default; the worker tests start a real worker with CELERY_BROKER_URL set.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or "memory://localhost/"
CELERY_TASK_ALWAYS_EAGER = True
# Serve static files straight from the apps (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Tests sign staff in with force_login (no second step); two-step sign-in is required only
# where a test asks for it (tests/web/mfa set the policy or this setting themselves).
HIPDIP_MFA_DEFAULT_POLICY = "nobody"
