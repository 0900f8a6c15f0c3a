from django.apps import AppConfig


class LeadsConfig(AppConfig):
    """People who asked the clinic to contact them (the contact / get started form)."""

    name = "hipdip.web.leads"
    label = "leads"
    verbose_name = "Leads"
