from django.urls import path

from hipdip.web.exercises import views

app_name = "exercises"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<slug:slug>/", views.exercise, name="exercise"),
]
