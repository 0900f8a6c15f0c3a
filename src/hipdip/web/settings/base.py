"""Settings shared by every environment. All configuration comes from the environment.

Nothing secret lives here: `local` derives a per-installation secret key under
`HIPDIP_HOME`, `production` refuses to start without one, `test` makes its own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import environ

env = environ.Env()

#: Every piece of run-time state (database file, photos, static files, caches) lives here.
HIPDIP_HOME = Path(env.str("HIPDIP_HOME", default=os.path.join(os.getcwd(), "var"))).resolve()

PACKAGE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS: list[str] = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

#: The clinic's public site (issue 11): Wagtail and the apps built on it. One block so a
#: merge touches one place; the Wagtail settings are at the end of this file.
PUBLIC_SITE_APPS = [
    "hipdip.web.articles",
    "hipdip.web.leads",
    "hipdip.web.results",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.sitemaps",
]

INSTALLED_APPS = [
    # Django's admin, whose site asks for the second sign-in step (hipdip.web.mfa).
    "hipdip.web.mfa.admin_apps.MfaAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",
    "hipdip.web.core",
    "hipdip.web.accounts",
    "hipdip.web.audit",
    "hipdip.web.patients",
    "hipdip.web.clinic",
    "hipdip.web.assessments",
    "hipdip.web.pages",
    "hipdip.web.recovery",
    "hipdip.web.exercises",
    "hipdip.web.training",
    "hipdip.web.appointments",
    "hipdip.web.consultations",
    "hipdip.web.plans",
    "hipdip.web.consultation_page",
    "hipdip.web.documents",
    "hipdip.web.privacy",
    "hipdip.web.notifications",
    "hipdip.web.reminders",
    "django_celery_beat",
    "hipdip.web.messaging",
    "hipdip.web.workspace",
    *PUBLIC_SITE_APPS,
    # Two-step sign-in (issue 14): authenticator apps (TOTP), passkeys, recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "hipdip.web.mfa",
]

MIDDLEWARE = [
    "hipdip.web.core.requestid.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "hipdip.web.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "hipdip.web.core.api_errors.ApiErrorShapeMiddleware",
    "hipdip.web.core.middleware.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "hipdip.web.core.middleware.PrivateNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "hipdip.web.mfa.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "hipdip.web.urls"
WSGI_APPLICATION = "hipdip.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hipdip.web.navigation.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{HIPDIP_HOME / 'hipdip.sqlite3'}")
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while a worker writes; wait instead of failing on a lock.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

#: The table of the database cache (made by `migrate` and by `hipdip serve`).
DATABASE_CACHE_TABLE = "hipdip_cache"


def caches_from_env() -> dict[str, Any]:
    """One cache shared by every web process and worker, never local files or process memory:
    sign-in throttling, rate limits and the worker heartbeat must be the same everywhere.
    Redis (Django's RedisCache) when `CACHE_URL` or `REDIS_URL` names it, any other
    `CACHE_URL` as given, else a table in the database."""
    url = env.str("CACHE_URL", default="") or env.str("REDIS_URL", default="")
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "hipdip",
            }
        }
    if url:
        return {"default": env.cache_url_config(url)}
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": DATABASE_CACHE_TABLE,
        }
    }


CACHES = caches_from_env()
#: Sessions live in the database (Django's default, named here so it stays so): any web
#: process can serve any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "pages:dashboard"
LOGOUT_REDIRECT_URL = "pages:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LANGUAGE_CODE = "en"
TIME_ZONE = env.str("HIPDIP_TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# Static files are public (CSS, JS, pictures of the product); patient photos never are.
STATIC_URL = "/static/"
STATIC_ROOT = HIPDIP_HOME / "static"
# Patient photos are stored here and only ever leave through authorised views; there is no
# MEDIA_URL route.
MEDIA_ROOT = Path(env.str("HIPDIP_MEDIA_ROOT", default=str(HIPDIP_HOME / "media")))
MEDIA_URL = "/media-is-not-served/"


def storages_from_env() -> dict[str, Any]:
    """Local folder by default; S3-compatible object storage when a bucket is named."""
    bucket = env.str("HIPDIP_S3_BUCKET", default="")
    if bucket:
        default: dict[str, Any] = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": env.str("HIPDIP_S3_ENDPOINT_URL", default="") or None,
                "region_name": env.str("HIPDIP_S3_REGION", default="") or None,
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
                "location": env.str("HIPDIP_S3_PREFIX", default="hipdip"),
            },
        }
    else:
        default = {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(MEDIA_ROOT), "base_url": MEDIA_URL},
        }
    return {
        "default": default,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }


STORAGES = storages_from_env()
# Source maps are only for developers' tools; compressing them costs seconds at start-up.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (
    "map",
    "jpg",
    "jpeg",
    "png",
    "gif",
    "webp",
    "zip",
    "gz",
    "tgz",
    "bz2",
    "tbz",
    "xz",
    "br",
    "swf",
    "flv",
    "woff",
    "woff2",
)
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

#: Largest accepted photo file, in bytes (checked before decoding).
HIPDIP_MAX_UPLOAD_BYTES = env.int("HIPDIP_MAX_UPLOAD_BYTES", default=15 * 1024 * 1024)
#: The most memory decoding one uploaded photo may take, in MB, estimated from its header
#: (pixels x bytes per pixel of every copy) before any pixel is decoded: a small PNG can
#: hold a huge image.
HIPDIP_MAX_DECODED_MB = env.int("HIPDIP_MAX_DECODED_MB", default=384)
#: Requests larger than this are refused before Django reads them (two photos and a form).
HIPDIP_MAX_REQUEST_BYTES = env.int(
    "HIPDIP_MAX_REQUEST_BYTES", default=2 * HIPDIP_MAX_UPLOAD_BYTES + 1024 * 1024
)
#: Stored photos are re-encoded with their long side at most this many pixels.
HIPDIP_STORED_LONG_SIDE = env.int("HIPDIP_STORED_LONG_SIDE", default=2400)
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
DATA_UPLOAD_MAX_NUMBER_FILES = 4
FILE_UPLOAD_MAX_MEMORY_SIZE = 4 * 1024 * 1024

#: Number of reverse proxies in front of the app whose X-Forwarded-For can be trusted.
HIPDIP_TRUSTED_PROXIES = env.int("HIPDIP_TRUSTED_PROXIES", default=0)
#: Sign-in rate limiting (see hipdip.web.accounts.throttle): free failures per email and
#: address before a back-off of 1, 2, 4 ... seconds up to the cap; per address (any email)
#: and per email (any address) before addresses that never signed in to that email are
#: paused too; failures are forgotten this long after the last one; an address stays known
#: for an email this many days after a successful sign-in.
HIPDIP_LOGIN_MAX_FAILURES = env.int("HIPDIP_LOGIN_MAX_FAILURES", default=5)
HIPDIP_LOGIN_MAX_FAILURES_PER_IP = env.int("HIPDIP_LOGIN_MAX_FAILURES_PER_IP", default=30)
HIPDIP_LOGIN_MAX_FAILURES_PER_EMAIL = env.int("HIPDIP_LOGIN_MAX_FAILURES_PER_EMAIL", default=50)
HIPDIP_LOGIN_BACKOFF_MAX_SECONDS = env.int("HIPDIP_LOGIN_BACKOFF_MAX_SECONDS", default=15 * 60)
HIPDIP_LOGIN_WINDOW_SECONDS = env.int("HIPDIP_LOGIN_WINDOW_SECONDS", default=24 * 60 * 60)
HIPDIP_LOGIN_KNOWN_ADDRESS_DAYS = env.int("HIPDIP_LOGIN_KNOWN_ADDRESS_DAYS", default=90)
#: Password reset emails per email and requests per address within the window.
HIPDIP_PASSWORD_RESET_MAX_PER_EMAIL = env.int("HIPDIP_PASSWORD_RESET_MAX_PER_EMAIL", default=3)
HIPDIP_PASSWORD_RESET_MAX_PER_IP = env.int("HIPDIP_PASSWORD_RESET_MAX_PER_IP", default=20)
HIPDIP_PASSWORD_RESET_WINDOW_SECONDS = env.int(
    "HIPDIP_PASSWORD_RESET_WINDOW_SECONDS", default=60 * 60
)
#: Lifetime of API bearer tokens and of invitation links.
HIPDIP_API_TOKEN_DAYS = env.int("HIPDIP_API_TOKEN_DAYS", default=30)
HIPDIP_INVITATION_DAYS = env.int("HIPDIP_INVITATION_DAYS", default=14)
#: A pending photo with no progress for this many seconds (never taken by a worker, or taken
#: by one that died) is stuck: the sweeper queues it again, and its owner or staff may retry.
HIPDIP_STALE_PENDING_SECONDS = env.int("HIPDIP_STALE_PENDING_SECONDS", default=120)
#: How often the sweeper looks for stuck analyses (Celery beat, embedded in `hipdip worker`).
HIPDIP_SWEEP_SECONDS = env.int("HIPDIP_SWEEP_SECONDS", default=60)
#: /health/ fails when no worker has run its periodic job for this many seconds.
HIPDIP_WORKER_HEARTBEAT_SECONDS = env.int(
    "HIPDIP_WORKER_HEARTBEAT_SECONDS", default=3 * HIPDIP_SWEEP_SECONDS
)
#: Connecting to and publishing on the broker give up after this many seconds, so a broker
#: that hangs cannot hold a web request (the upload succeeds; the sweeper queues it later).
HIPDIP_BROKER_TIMEOUT_SECONDS = env.float("HIPDIP_BROKER_TIMEOUT_SECONDS", default=3.0)
#: A task taken by a worker that dies without acknowledging it goes back to the queue after
#: this many seconds (Redis; the broker's default is an hour). Must exceed the longest task
#: and the longest retry countdown (5 minutes).
HIPDIP_TASK_VISIBILITY_SECONDS = env.int("HIPDIP_TASK_VISIBILITY_SECONDS", default=600)
#: Base URL used in emails (invitation and password reset links) when no request is at hand.
HIPDIP_SITE_URL = env.str("HIPDIP_SITE_URL", default="http://127.0.0.1:8000")

_email = env.email_url("EMAIL_URL", default="consolemail://")
#: EMAIL_BACKEND, when set, wins over EMAIL_URL's (e.g. a django-anymail backend).
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default=_email["EMAIL_BACKEND"])
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="hipdip <no-reply@localhost>")

# Background work: with no broker, tasks run in-process right after the transaction commits.
_broker = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not _broker
CELERY_BROKER_URL = _broker or "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="hipdip")
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A hanging broker must not hold a request: bounded connect and socket waits, one publish
# retry. Late acknowledgement (above) with a short visibility timeout brings back a task
# whose worker was killed; the sweeper below catches the rest.
CELERY_BROKER_CONNECTION_TIMEOUT = HIPDIP_BROKER_TIMEOUT_SECONDS
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": HIPDIP_TASK_VISIBILITY_SECONDS,
    "socket_connect_timeout": HIPDIP_BROKER_TIMEOUT_SECONDS,
    "socket_timeout": HIPDIP_BROKER_TIMEOUT_SECONDS,
    "max_retries": 1,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
CELERY_BEAT_SCHEDULE = {
    "photos-requeue-stuck": {"task": "photos.requeue_stuck", "schedule": HIPDIP_SWEEP_SECONDS},
}
CELERY_BEAT_SCHEDULE_FILENAME = str(HIPDIP_HOME / "celerybeat-schedule")
#: Periodic jobs are rows in the database (django-celery-beat): the entries above are
#: copied in at start, the reminder jobs come from the reminders migration, and an operator
#: may change any of them in the Django admin.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

#: `plain` (one readable line) or `json` (one JSON object per line, for a log collector).
HIPDIP_LOG_FORMAT = env.str("HIPDIP_LOG_FORMAT", default="plain")
if HIPDIP_LOG_FORMAT not in ("plain", "json"):
    raise ValueError("HIPDIP_LOG_FORMAT must be plain or json")

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    # Link secrets (calendar feeds, password reset, invitations) and API tokens never reach
    # the log (hipdip.web.core.logscrub); a handler added here needs the same filter. Log
    # lines name ids, never health details.
    "filters": {
        "scrub_secrets": {"()": "hipdip.web.core.logscrub.ScrubSecretsFilter"},
        "request_id": {"()": "hipdip.web.core.requestid.RequestIdFilter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": HIPDIP_LOG_FORMAT,
            "filters": ["scrub_secrets", "request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("HIPDIP_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Request bodies are never logged; 4xx noise stays at WARNING with the path only.
        "django.request": {"level": "ERROR"},
        "django.security.DisallowedHost": {"level": "ERROR"},
        # One line per finished task is noise next to the worker's own log.
        "celery.app.trace": {"level": "WARNING"},
        # Wagtail's search-index and reference-index jobs log two lines per page save.
        "django_tasks": {"level": "WARNING"},
    },
}

NINJA_PAGINATION_PER_PAGE = 50
# The API paginates with hipdip.web.core.pagination (limit 1..200, documented); this caps
# ninja's own paginators too, should one ever be used directly.
NINJA_PAGINATION_MAX_LIMIT = 200

#: Show invitation links to the inviting staff member (only sensible while email is not
#: really delivered, e.g. the console backend of a local installation).
HIPDIP_SHOW_INVITE_LINKS = env.bool(
    "HIPDIP_SHOW_INVITE_LINKS", default=EMAIL_BACKEND.endswith("console.EmailBackend")
)
CSRF_FAILURE_VIEW = "hipdip.web.core.views.csrf_failure"

#: Check-in alerts to clinic staff: notifiers by short name (email, console) or dotted path
#: (see hipdip.web.recovery.notify), and the window in which an identical check-in sent
#: again is the same check-in (not stored twice).
HIPDIP_ALERT_NOTIFIERS = env.list("HIPDIP_ALERT_NOTIFIERS", default=["email"])
HIPDIP_CHECKIN_DUPLICATE_SECONDS = env.int("HIPDIP_CHECKIN_DUPLICATE_SECONDS", default=600)

#: Text messages (hipdip.web.notifications.sms): console (log line without the words),
#: locmem (tests) or a dotted path to a backend class.
HIPDIP_SMS_BACKEND = env.str("HIPDIP_SMS_BACKEND", default="console")

# The public site (Wagtail). Its admin is at /cms/ for clinic staff in the "Site editors"
# group; sign-in is the app's own. Search runs in the database: PostgreSQL full-text search
# on PostgreSQL, SQLite's full-text index on SQLite.
WAGTAIL_SITE_NAME = env.str("HIPDIP_SITE_NAME", default="hipdip")
WAGTAILADMIN_BASE_URL = HIPDIP_SITE_URL
WAGTAILADMIN_LOGIN_URL = "accounts:login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: it would send a hash of each editor's email to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = False
#: The clinic whose profile the public site shows and whose staff receive its leads
#: (a clinic slug); empty: the first clinic that has a public profile.
HIPDIP_SITE_CLINIC = env.str("HIPDIP_SITE_CLINIC", default="")
#: The country whose numbering plan a phone number without a +country code is read in
#: (ISO 3166 code, e.g. GB, DE, US); numbers are stored in international E.164 form.
HIPDIP_PHONE_REGION = env.str("HIPDIP_PHONE_REGION", default="GB").upper()
#: Contact form: seconds a person needs at least to fill it in (faster is a robot), and
#: how many enquiries one address may send per hour.
HIPDIP_LEAD_MIN_FILL_SECONDS = env.int("HIPDIP_LEAD_MIN_FILL_SECONDS", default=3)
HIPDIP_LEAD_MAX_PER_HOUR = env.int("HIPDIP_LEAD_MAX_PER_HOUR", default=5)
#: /try/ (a measurement without an account): photos one address may measure per hour.
HIPDIP_TRY_MAX_PER_HOUR = env.int("HIPDIP_TRY_MAX_PER_HOUR", default=10)

# Two-step sign-in (hipdip.web.mfa; docs/web.md, "Two-step sign-in").
#: Who must use it in a clinic that has not chosen: surgeons_admins, all_staff or nobody.
#: Clinics that existed before two-step sign-in were set to "nobody" and their admins asked.
HIPDIP_MFA_DEFAULT_POLICY = env.str("HIPDIP_MFA_DEFAULT_POLICY", default="surgeons_admins")
#: Wrong codes per person before code entry pauses 1, 2, 4 ... seconds (capped like
#: HIPDIP_LOGIN_BACKOFF_MAX_SECONDS).
HIPDIP_MFA_FREE_FAILURES = env.int("HIPDIP_MFA_FREE_FAILURES", default=5)
#: Passkeys: the relying party ID (the site's domain, e.g. clinic.example) and the origins
#: browsers may sign from (e.g. https://clinic.example); empty: taken from the request.
HIPDIP_WEBAUTHN_RP_ID = env.str("HIPDIP_WEBAUTHN_RP_ID", default="")
HIPDIP_WEBAUTHN_ORIGINS: list[str] = env.list("HIPDIP_WEBAUTHN_ORIGINS", default=[])
#: Checks before a password alone is exchanged for an API token (dotted paths).
HIPDIP_API_TOKEN_CHECKS = ["hipdip.web.mfa.guards.token_for_password_allowed"]
#: The name authenticator apps show next to the code.
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
#: django-otp's own per-device pause grows without a cap; hipdip.web.mfa.throttle caps it.
OTP_TOTP_THROTTLE_FACTOR = 0
