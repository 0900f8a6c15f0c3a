from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hipdip.web.accounts"
    label = "accounts"
    verbose_name = "Accounts and clinics"
