from django.apps import AppConfig


class ResultsConfig(AppConfig):
    """The public "real patients, real results" gallery."""

    name = "hipdip.web.results"
    label = "results"
    verbose_name = "Results gallery"
