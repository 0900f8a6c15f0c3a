from django.urls import path

from hipdip.web.accounts import views

app_name = "accounts"

#: ``accounts:signup`` (self sign-up creates a patient record) is added by
#: ``hipdip.web.urls`` from ``hipdip.web.patients.views``.

urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", views.sign_out, name="logout"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("account/", views.account, name="account"),
    path("account/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("team/", views.team, name="team"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
