from __future__ import annotations

from django import forms


class PatientInviteForm(forms.Form):
    full_name = forms.CharField(label="Full name", max_length=150)
    email = forms.EmailField(label="Email", max_length=254)


class PatientSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Search")


class SignUpConfirmForm(forms.Form):
    password = forms.CharField(
        label="The password you chose",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
