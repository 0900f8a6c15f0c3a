from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "hipdip.web.documents"
    label = "documents"
    verbose_name = "Documents"
