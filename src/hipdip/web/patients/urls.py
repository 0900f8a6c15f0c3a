from django.urls import path

from hipdip.web.patients import contact_views, views

app_name = "patients"

#: ``patients:detail`` (a patient's page) is added by ``hipdip.web.urls`` from
#: ``hipdip.web.pages.patient``: it shows photo sessions, which sit above this app.
#: ``patients:list`` (the staff's patient list) is added from ``hipdip.web.workspace``.

urlpatterns = [
    path("invite/", views.invite, name="invite"),
    path("<str:patient_id>/contact/", contact_views.contact_details, name="contact"),
]
