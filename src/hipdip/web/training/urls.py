from django.urls import path

from hipdip.web.training import views

app_name = "training"

urlpatterns = [
    path("patients/<str:patient_id>/training/", views.training, name="training"),
    path("patients/<str:patient_id>/training/new/", views.programme_new, name="programme_new"),
    path("programmes/<str:programme_id>/", views.programme, name="programme"),
    path("programmes/<str:programme_id>/end/", views.programme_end, name="programme_end"),
    path("programmes/<str:programme_id>/sessions/<str:on>/", views.session, name="session"),
]
