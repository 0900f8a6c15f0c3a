from django.urls import path

from hipdip.web.appointments import views

app_name = "appointments"

urlpatterns = [
    path("appointments/", views.mine, name="mine"),
    path("appointments/book/", views.book, name="book"),
    path("appointments/<str:appointment_id>/move/", views.move, name="move"),
    path("appointments/<str:appointment_id>/cancel/", views.cancel, name="cancel"),
    path("appointments/<str:appointment_id>.ics", views.appointment_ics, name="ics"),
    path("clinic/appointments/", views.calendar, name="calendar"),
    path("clinic/appointments/hours/", views.hours, name="hours"),
    path(
        "clinic/appointments/hours/<str:kind>/<int:pk>/remove/",
        views.hours_remove,
        name="hours_remove",
    ),
]
