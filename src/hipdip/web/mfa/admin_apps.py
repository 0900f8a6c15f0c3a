from django.contrib.admin.apps import AdminConfig


class MfaAdminConfig(AdminConfig):
    """Django's admin, whose site asks people with a second factor to have used it."""

    default_site = "hipdip.web.mfa.admin_site.SecondFactorAdminSite"
