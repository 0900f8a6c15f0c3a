"""The Celery application. With no CELERY_BROKER_URL tasks run in-process (eager)."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hipdip.web.settings.local")

app = Celery("hipdip")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["hipdip.web.assessments", "hipdip.web.recovery", "hipdip.web.reminders"])
