from django.urls import path

from hipdip.web.leads import views

app_name = "leads"

urlpatterns = [
    path("contact/", views.contact, name="contact"),
    path("contact/thanks/", views.contact_thanks, name="contact_thanks"),
    path("privacy/", views.privacy, name="privacy"),
    path("leads/", views.lead_list, name="list"),
    path("leads/<uuid:lead_id>/", views.lead_detail, name="detail"),
]
