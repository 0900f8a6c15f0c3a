from django.apps import AppConfig


class ImagingConfig(AppConfig):
    name = "hipdip.web.imaging"
    label = "imaging"
    verbose_name = "Markings, previews and comparisons"
