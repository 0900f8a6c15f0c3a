from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "hipdip.web.reminders"
    label = "reminders"
    verbose_name = "Reminders"
