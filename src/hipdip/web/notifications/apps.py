from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "hipdip.web.notifications"
    label = "notifications"
    verbose_name = "Notifications"
