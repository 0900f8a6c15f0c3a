from django.apps import AppConfig


class RecoveryConfig(AppConfig):
    name = "hipdip.web.recovery"
    label = "recovery"
    verbose_name = "Recovery"
