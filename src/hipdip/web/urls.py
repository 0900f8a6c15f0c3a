"""URL map. Patient photos have no public URL: only the authorised views serve them."""

from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls

from hipdip.web.accounts import urls as accounts_urls
from hipdip.web.api import api
from hipdip.web.assessments import urls as assessment_urls
from hipdip.web.core.views import api_not_found, favicon, health
from hipdip.web.pages.patient import patient_detail
from hipdip.web.patients import urls as patients_urls
from hipdip.web.patients.views import sign_up, sign_up_confirm, sign_up_sent
from hipdip.web.workspace.views import patient_list as staff_patient_list

#: The accounts namespace: the app's own pages, plus self sign-up, which creates a patient
#: record (so the view is in `patients`, which sits above `accounts`).
ACCOUNT_URLS = [
    *accounts_urls.urlpatterns,
    path("signup/", sign_up, name="signup"),
    path("signup/sent/", sign_up_sent, name="signup_sent"),
    path("signup/confirm/<uidb64>/<token>/", sign_up_confirm, name="signup_confirm"),
]

#: The patients namespace: the app's own pages, plus a patient's page, which is composed
#: from the patients and assessments apps in `pages` (so `patients` imports no assessment code),
#: and the staff's patient list with stages and alerts, composed in `workspace`.
PATIENT_URLS = [
    path("", staff_patient_list, name="list"),
    *patients_urls.urlpatterns,
    path("<str:patient_id>/", patient_detail, name="detail"),
]

admin.site.site_header = "hipdip administration"
admin.site.site_title = "hipdip admin"
admin.site.index_title = "Clinic administration"

urlpatterns = [
    path("", include("hipdip.web.pages.urls")),
    path("favicon.ico", favicon),
    path("health/", health, name="health"),
    path("", include("hipdip.web.mfa.urls")),
    path("accounts/", include((ACCOUNT_URLS, "accounts"))),
    path("patients/", include((PATIENT_URLS, "patients"))),
    path("", include(assessment_urls.session_patterns)),
    path("", include("hipdip.web.recovery.urls")),
    path("", include("hipdip.web.training.urls")),
    path("", include("hipdip.web.appointments.urls")),
    path("exercises/", include("hipdip.web.exercises.urls")),
    path("", include(assessment_urls.picture_patterns)),
    path("", include("hipdip.web.clinic.urls")),
    path("", include("hipdip.web.consultations.urls")),
    path("", include("hipdip.web.plans.urls")),
    path("", include("hipdip.web.consultation_page.urls")),
    path("", include("hipdip.web.documents.urls")),
    path("", include("hipdip.web.privacy.urls")),
    path("", include("hipdip.web.notifications.urls")),
    path("", include("hipdip.web.reminders.urls")),
    path("", include("hipdip.web.messaging.urls")),
    path("", include("hipdip.web.workspace.urls")),
    # The public site (issue 11): editor, search, feed, sitemap, robots.txt, contact, leads.
    path("", include("hipdip.web.articles.urls")),
    path("", include("hipdip.web.leads.urls")),
    path("", include("hipdip.web.results.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    re_path(r"^api/", api_not_found),
    # Last: whatever no route above takes is a page of the Wagtail tree (/articles/...).
    path("", include(wagtail_urls)),
]

handler400 = "hipdip.web.core.views.bad_request"
handler403 = "hipdip.web.core.views.permission_denied"
handler404 = "hipdip.web.core.views.page_not_found"
handler500 = "hipdip.web.core.views.server_error"
