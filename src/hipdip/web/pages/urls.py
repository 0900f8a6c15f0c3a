from django.urls import path

from hipdip.web.pages import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("guide/", views.guide, name="guide"),
    path("try/", views.try_it, name="try"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
