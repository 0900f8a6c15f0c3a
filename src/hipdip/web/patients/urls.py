from django.urls import path

from hipdip.web.patients import views

app_name = "patients"

urlpatterns = [
    path("", views.patients, name="list"),
    path("invite/", views.invite, name="invite"),
    path("<str:patient_id>/", views.patient_detail, name="detail"),
]
