from django.urls import path

from hipdip.web.recovery import views

app_name = "recovery"

urlpatterns = [
    path("patients/<str:patient_id>/recovery/", views.recovery, name="recovery"),
    path("patients/<str:patient_id>/recovery/course/", views.course_edit, name="course"),
    path("patients/<str:patient_id>/recovery/clearance/", views.clearance, name="clearance"),
    path("patients/<str:patient_id>/recovery/timezone/", views.timezone_set, name="timezone"),
    path("patients/<str:patient_id>/checkins/new/", views.checkin_new, name="checkin_new"),
    path(
        "patients/<str:patient_id>/calendar.ics", views.calendar_download, name="calendar_download"
    ),
    path("patients/<str:patient_id>/calendar/link/", views.calendar_link, name="calendar_link"),
    path(
        "patients/<str:patient_id>/calendar/revoke/", views.calendar_revoke, name="calendar_revoke"
    ),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("checkins/<str:checkin_id>/", views.checkin_detail, name="checkin"),
    path(
        "checkins/<str:checkin_id>/acknowledge/",
        views.checkin_acknowledge,
        name="checkin_acknowledge",
    ),
    path("clinic/checkins/", views.dashboard, name="dashboard"),
]
