"""Pages of the assessments app. Two URL namespaces, as before the apps merged, so every
address and every `{% url %}` name stays the same: ``photos:`` for sessions and their files,
``imaging:`` for markings, previews, comparisons and gallery consent."""

from django.urls import path

from hipdip.web.assessments.views import (
    comparisons,
    consent,
    heightcheck,
    markings,
    previews,
    sessions,
)

session_patterns = (
    [
        path("patients/<str:patient_id>/sessions/new/", sessions.session_new, name="session_new"),
        path("sessions/<str:session_id>/", sessions.session_detail, name="session"),
        path("sessions/<str:session_id>/status/", sessions.session_status, name="session_status"),
        path(
            "sessions/<str:session_id>/height/confirm/",
            heightcheck.height_confirm,
            name="height_confirm",
        ),
        path(
            "sessions/<str:session_id>/height/correct/",
            heightcheck.height_correct,
            name="height_correct",
        ),
        path("photos/<str:photo_id>/image/", sessions.photo_image, name="image"),
        path("photos/<str:photo_id>/overlay/", sessions.photo_overlay, name="overlay"),
        path(
            "photos/<str:photo_id>/overlay/phone.jpg",
            sessions.photo_overlay_phone,
            name="overlay_phone",
        ),
        path("photos/<str:photo_id>/retry/", sessions.photo_retry, name="retry"),
    ],
    "photos",
)

picture_patterns = (
    [
        path("photos/<str:photo_id>/markings/", markings.markings_page, name="markings"),
        path("photos/<str:photo_id>/markings/save/", markings.markings_save, name="markings_save"),
        path("photos/<str:photo_id>/markings.png", markings.markings_png, name="markings_png"),
        path("photos/<str:photo_id>/preview/", previews.preview_page, name="preview"),
        path("photos/<str:photo_id>/preview.jpg", previews.preview_image, name="preview_image"),
        path("patients/<str:patient_id>/compare/", comparisons.compare_page, name="compare"),
        path(
            "patients/<str:patient_id>/compare/image",
            comparisons.compare_image,
            name="compare_image",
        ),
        path("patients/<str:patient_id>/gallery-consent/", consent.consents_page, name="consents"),
        path(
            "gallery-consents/<str:consent_id>/withdraw/",
            consent.consent_revoke,
            name="consent_revoke",
        ),
    ],
    "imaging",
)
