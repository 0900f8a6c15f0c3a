from django.urls import path

from hipdip.web.reminders import views

app_name = "reminders"

urlpatterns = [
    path("clinic/escalation/", views.escalation, name="escalation"),
]
