"""Second factors stay out of the Django admin: django-otp's own admin for authenticator
apps would show every user's secret key to anyone with the model permission, across
clinics. People manage their own factors on their account; a lost phone is a recovery
code, or a reset by a clinic admin (team page) or an operator (``hipdip manage mfa_reset``)."""

from django.contrib import admin
from django_otp.plugins.otp_totp.models import TOTPDevice

if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
