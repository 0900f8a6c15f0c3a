from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "hipdip.web.clinic"
    label = "clinic"
    verbose_name = "Clinic"
