from django.urls import path

from hipdip.web.results import views

app_name = "results"

urlpatterns = [
    path("results/", views.gallery, name="gallery"),
    path("results/<uuid:publication_id>.jpg", views.picture, name="picture"),
    path("results/publish/", views.publish, name="publish"),
    path("results/<uuid:publication_id>/withdraw/", views.withdraw, name="withdraw"),
]
