from django.apps import AppConfig


class MfaConfig(AppConfig):
    name = "hipdip.web.mfa"
    label = "mfa"
    verbose_name = "Two-step sign-in"
