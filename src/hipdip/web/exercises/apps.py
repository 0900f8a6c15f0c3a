from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "hipdip.web.exercises"
    label = "exercises"
    verbose_name = "Exercise catalogue"
