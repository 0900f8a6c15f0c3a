from django.urls import path

from hipdip.web.accounts import team_views, views

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
    path("team/<int:user_id>/deactivate/", team_views.member_deactivate, name="member_deactivate"),
    path("team/<int:user_id>/reactivate/", team_views.member_reactivate, name="member_reactivate"),
    path("team/<int:user_id>/role/", team_views.member_role, name="member_role"),
    path(
        "team/invitations/<uuid:invitation_id>/resend/",
        team_views.invite_resend,
        name="invite_resend",
    ),
    path(
        "team/invitations/<uuid:invitation_id>/revoke/",
        team_views.invite_revoke,
        name="invite_revoke",
    ),
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
