"""The reminder jobs' periodic tasks in django-celery-beat's tables (run by `hipdip worker`
or `hipdip beat`); existing rows are left as an operator changed them."""

import json

from django.db import migrations

#: As hipdip.web.reminders.schedule when this migration was written (frozen here).
DEFAULT_EVERY_MINUTES = {
    "escalations": 1,
    "alerts": 1,
    "deliveries": 5,
    "appointments": 10,
    "checkin_prompts": 30,
    "preop": 30,
}


def periodic_task_name(job):  # type: ignore[no-untyped-def]
    return f"reminders: {job}"


def create_tasks(apps, schema_editor):  # type: ignore[no-untyped-def]
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for job, minutes in DEFAULT_EVERY_MINUTES.items():
        every, _ = IntervalSchedule.objects.get_or_create(every=minutes, period="minutes")
        PeriodicTask.objects.get_or_create(
            name=periodic_task_name(job),
            defaults={
                "task": "reminders.run_job",
                "interval": every,
                "args": json.dumps([job]),
                "description": f"hipdip reminder job '{job}' (hipdip.web.reminders)",
            },
        )


def remove_tasks(apps, schema_editor):  # type: ignore[no-untyped-def]
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(
        name__in=[periodic_task_name(j) for j in DEFAULT_EVERY_MINUTES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_tasks, remove_tasks)]
