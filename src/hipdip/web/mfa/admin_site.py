"""The Django admin, asking for the second step too (django-otp's ``OTPAdminSite`` asks
everyone for a code; this asks those who have a factor or whose clinic requires one)."""

from __future__ import annotations

from django.contrib.admin import AdminSite
from django.http import HttpRequest

from hipdip.web.mfa.selectors import mfa_enrolled, mfa_required


class SecondFactorAdminSite(AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        if not super().has_permission(request):
            return False
        user = request.user
        verified = getattr(user, "is_verified", None)
        if verified is not None and verified():
            return True
        return not (mfa_enrolled(user) or mfa_required(user))  # type: ignore[arg-type]
