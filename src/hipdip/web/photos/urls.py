from django.urls import path

from hipdip.web.photos import views

app_name = "photos"

urlpatterns = [
    path("patients/<str:patient_id>/sessions/new/", views.session_new, name="session_new"),
    path("sessions/<str:session_id>/", views.session_detail, name="session"),
    path("sessions/<str:session_id>/status/", views.session_status, name="session_status"),
    path("photos/<str:photo_id>/image/", views.photo_image, name="image"),
    path("photos/<str:photo_id>/overlay/", views.photo_overlay, name="overlay"),
    path("photos/<str:photo_id>/retry/", views.photo_retry, name="retry"),
]
