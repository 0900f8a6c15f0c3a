from django.urls import path

from hipdip.web.imaging import views

app_name = "imaging"

urlpatterns = [
    path("photos/<str:photo_id>/markings/", views.markings_page, name="markings"),
    path("photos/<str:photo_id>/markings/save/", views.markings_save, name="markings_save"),
    path("photos/<str:photo_id>/markings.png", views.markings_png, name="markings_png"),
    path("photos/<str:photo_id>/preview/", views.preview_page, name="preview"),
    path("photos/<str:photo_id>/preview.jpg", views.preview_image, name="preview_image"),
    path("patients/<str:patient_id>/compare/", views.compare_page, name="compare"),
    path("patients/<str:patient_id>/compare/image", views.compare_image, name="compare_image"),
    path("patients/<str:patient_id>/gallery-consent/", views.consents_page, name="consents"),
    path(
        "gallery-consents/<str:consent_id>/withdraw/", views.consent_revoke, name="consent_revoke"
    ),
]
