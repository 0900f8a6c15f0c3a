from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "hipdip.web.plans"
    label = "plans"
    verbose_name = "Treatment plans and procedures"
    default_auto_field = "django.db.models.BigAutoField"
