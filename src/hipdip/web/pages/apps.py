from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "hipdip.web.pages"
    label = "pages"
    verbose_name = "Pages"
