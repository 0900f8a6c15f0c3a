from django.urls import path

from hipdip.web.clinic import views

app_name = "clinic"

urlpatterns = [
    path("clinic/clinical-settings/", views.clinical_settings, name="clinical_settings"),
    path("clinic/audit/", views.audit_log, name="audit_log"),
    path("clinic/profile/", views.profile, name="profile"),
]
