from django.urls import path

from hipdip.web.consultation_page import views

app_name = "consultation_page"

urlpatterns = [
    path("patients/<str:patient_id>/consultation/", views.consultation, name="consultation"),
    path(
        "patients/<str:patient_id>/findings/override/",
        views.override_create,
        name="override_create",
    ),
]
