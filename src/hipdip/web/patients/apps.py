from django.apps import AppConfig


class PatientsConfig(AppConfig):
    name = "hipdip.web.patients"
    label = "patients"
    verbose_name = "Patients"
