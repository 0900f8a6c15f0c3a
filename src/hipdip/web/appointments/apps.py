from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "hipdip.web.appointments"
    label = "appointments"
    verbose_name = "Appointments"

    def ready(self) -> None:
        # Booked visits appear in the patient's private calendar next to the recovery dates.
        from hipdip.web.appointments.selectors import calendar_events, followup_bookings
        from hipdip.web.recovery.selectors import register_booking_provider
        from hipdip.web.recovery.services import register_event_provider

        register_event_provider(calendar_events)
        # The recovery page's "Coming up" shows a booked follow-up on its booked date.
        register_booking_provider(followup_bookings)
