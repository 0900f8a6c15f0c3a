from django.urls import path

from hipdip.web.mfa.views import policy, reset, setup, verify

app_name = "mfa"

#: Everything under /accounts/two-factor/ opens before the second step (the middleware
#: lets it through); each view checks for itself what it allows.
urlpatterns = [
    path("accounts/two-factor/verify/", verify.verify, name="verify"),
    path(
        "accounts/two-factor/verify/passkey/begin/",
        verify.passkey_verify_begin,
        name="passkey_verify_begin",
    ),
    path(
        "accounts/two-factor/verify/passkey/finish/",
        verify.passkey_verify_finish,
        name="passkey_verify_finish",
    ),
    path("accounts/two-factor/", setup.setup, name="setup"),
    path("accounts/two-factor/app/", setup.totp, name="totp"),
    path("accounts/two-factor/recovery-codes/", setup.recovery_codes, name="recovery_codes"),
    path(
        "accounts/two-factor/recovery-codes/new/",
        setup.recovery_regenerate,
        name="recovery_regenerate",
    ),
    path("accounts/two-factor/remove/<str:kind>/<int:pk>/", setup.remove, name="remove"),
    path(
        "accounts/two-factor/passkeys/begin/",
        setup.passkey_register_begin,
        name="passkey_register_begin",
    ),
    path(
        "accounts/two-factor/passkeys/finish/",
        setup.passkey_register_finish,
        name="passkey_register_finish",
    ),
    path("clinic/two-factor/", policy.policy, name="policy"),
    # Not under /accounts/two-factor/: the admin's own second step comes first.
    path("clinic/two-factor/reset/<int:user_id>/", reset.reset, name="reset"),
]
