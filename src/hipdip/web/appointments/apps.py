from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "hipdip.web.appointments"
    label = "appointments"
    verbose_name = "Appointments"

    def ready(self) -> None:
        # Booked visits appear in the patient's private calendar next to the recovery dates.
        from hipdip.web.appointments.selectors import calendar_events
        from hipdip.web.recovery.services import register_event_provider

        register_event_provider(calendar_events)
