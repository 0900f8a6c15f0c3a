from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hipdip.web.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Bind shared tasks to the project's Celery app (eager when no broker is set).
        import hipdip.web.celery  # noqa: F401
