from django.urls import path

from hipdip.web.clinic import views

app_name = "clinic"

urlpatterns = [
    path("clinic/clinical-settings/", views.clinical_settings, name="clinical_settings"),
    path(
        "clinic/clinical-settings/history/",
        views.clinical_settings_history,
        name="clinical_settings_history",
    ),
    path(
        "clinic/clinical-settings/undo/",
        views.clinical_settings_undo,
        name="clinical_settings_undo",
    ),
    path(
        "clinic/clinical-settings/history/<int:number>/restore/",
        views.clinical_settings_restore,
        name="clinical_settings_restore",
    ),
    path(
        "clinic/clinical-settings/<str:key>/reset/",
        views.clinical_setting_reset,
        name="clinical_setting_reset",
    ),
    path("clinic/audit/", views.audit_log, name="audit_log"),
    path("clinic/profile/", views.profile, name="profile"),
    path("clinic/setup/", views.setup, name="setup"),
]
