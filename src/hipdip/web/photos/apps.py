from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "hipdip.web.photos"
    label = "photos"
    verbose_name = "Photo sessions"
