from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "hipdip.web.audit"
    label = "audit"
    verbose_name = "Audit log"
