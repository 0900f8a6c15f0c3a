from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "hipdip.web.workspace"
    label = "workspace"
    verbose_name = "Staff workspace"
