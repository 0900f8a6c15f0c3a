from django.urls import path

from hipdip.web.consultations import views

app_name = "consultations"

urlpatterns = [
    path("patients/<str:patient_id>/intake/", views.intake, name="intake"),
    path(
        "patients/<str:patient_id>/intake/autosave/",
        views.intake_autosave,
        name="intake_autosave",
    ),
    path(
        "patients/<str:patient_id>/intake/history/",
        views.intake_history_page,
        name="intake_history",
    ),
    path(
        "patients/<str:patient_id>/findings/overrides/<str:override_id>/withdraw/",
        views.override_withdraw,
        name="override_withdraw",
    ),
]
