from django.urls import path

from hipdip.web.messaging import views

app_name = "messaging"

urlpatterns = [
    path("patients/<str:patient_id>/messages/", views.thread, name="thread"),
    path("patients/<str:patient_id>/messages/assign/", views.assign, name="assign"),
    path("messages/<str:message_id>/photo/", views.attachment, name="attachment"),
    path("clinic/messages/", views.inbox, name="inbox"),
]
