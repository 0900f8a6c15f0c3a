from django.apps import AppConfig


class ConsultationPageConfig(AppConfig):
    """The consultation page, composed from the consultations and plans apps (no models)."""

    name = "hipdip.web.consultation_page"
    label = "consultation_page"
    verbose_name = "Consultation page"
