from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "hipdip.web.training"
    label = "training"
    verbose_name = "Training"

    def ready(self) -> None:
        # Training sessions appear in the patient's calendar next to the recovery dates.
        from hipdip.web.recovery.services import register_event_provider
        from hipdip.web.training.selectors import calendar_events

        register_event_provider(calendar_events)
