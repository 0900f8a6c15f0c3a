from django.urls import path

from hipdip.web.plans import views

app_name = "plans"

urlpatterns = [
    path("patients/<str:patient_id>/plan/", views.plan, name="plan"),
    path("patients/<str:patient_id>/plan/preview/", views.plan_preview, name="plan_preview"),
    path("patients/<str:patient_id>/plan/approve/", views.plan_approve, name="plan_approve"),
    path("patients/<str:patient_id>/plan/reconfirm/", views.plan_reconfirm, name="plan_reconfirm"),
    path("patients/<str:patient_id>/preop/", views.preop, name="preop"),
    path("patients/<str:patient_id>/preop/tick/", views.preop_tick, name="preop_tick"),
    path("patients/<str:patient_id>/procedure/", views.procedure, name="procedure"),
]
