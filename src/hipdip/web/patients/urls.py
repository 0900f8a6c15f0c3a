from django.urls import path

from hipdip.web.patients import views

app_name = "patients"

#: ``patients:detail`` (a patient's page) is added by ``hipdip.web.urls`` from
#: ``hipdip.web.pages.patient``: it shows photo sessions, which sit above this app.

urlpatterns = [
    path("", views.patients, name="list"),
    path("invite/", views.invite, name="invite"),
]
