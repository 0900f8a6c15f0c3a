from django.urls import path

from hipdip.web.documents import views

app_name = "documents"

urlpatterns = [
    path(
        "patients/<str:patient_id>/consultation.pdf",
        views.consultation_pdf,
        name="consultation_pdf",
    ),
    path("patients/<str:patient_id>/fhir.json", views.fhir, name="fhir"),
]
