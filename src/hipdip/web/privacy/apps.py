from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "hipdip.web.privacy"
    label = "privacy"
    verbose_name = "Privacy"
