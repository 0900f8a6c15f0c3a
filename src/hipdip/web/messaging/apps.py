from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "hipdip.web.messaging"
    label = "messaging"
    verbose_name = "Messages"
