"""URL map. Patient photos have no public URL: only the authorised views serve them."""

from django.contrib import admin
from django.urls import include, path, re_path

from hipdip.web.api import api
from hipdip.web.assessments import urls as assessment_urls
from hipdip.web.core.views import api_not_found, favicon

admin.site.site_header = "hipdip administration"
admin.site.site_title = "hipdip admin"
admin.site.index_title = "Clinic administration"

urlpatterns = [
    path("", include("hipdip.web.pages.urls")),
    path("favicon.ico", favicon),
    path("accounts/", include("hipdip.web.accounts.urls")),
    path("patients/", include("hipdip.web.patients.urls")),
    path("", include(assessment_urls.session_patterns)),
    path("", include("hipdip.web.recovery.urls")),
    path("", include("hipdip.web.training.urls")),
    path("exercises/", include("hipdip.web.exercises.urls")),
    path("", include(assessment_urls.picture_patterns)),
    path("", include("hipdip.web.consultations.urls")),
    path("", include("hipdip.web.plans.urls")),
    path("", include("hipdip.web.documents.urls")),
    path("clinic/audit/", include("hipdip.web.audit.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    re_path(r"^api/", api_not_found),
]

handler400 = "hipdip.web.core.views.bad_request"
handler403 = "hipdip.web.core.views.permission_denied"
handler404 = "hipdip.web.core.views.page_not_found"
handler500 = "hipdip.web.core.views.server_error"
