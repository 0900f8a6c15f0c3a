from django.urls import path

from hipdip.web.workspace import views

app_name = "workspace"

#: ``patients:list`` is served from here too, by ``hipdip.web.urls`` (it keeps its name).
urlpatterns = [
    path("staff/", views.home, name="home"),
]
