from django.urls import path

from hipdip.web.privacy import views

app_name = "privacy"

urlpatterns = [
    path("patients/<str:patient_id>/privacy/", views.privacy_page, name="page"),
    path("patients/<str:patient_id>/export.zip", views.export_download, name="export"),
]
