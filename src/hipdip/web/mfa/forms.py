from __future__ import annotations

from django import forms

from hipdip.web.mfa.models import Requirement


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "pattern": "[0-9 ]*",
            }
        ),
    )


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label="Recovery code",
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text="One of the ten codes you saved when you set up two-step sign-in.",
    )


class ConfirmRemoveForm(forms.Form):
    method = forms.ChoiceField(
        label="Confirm with",
        choices=[("totp", "A code from your authenticator app"), ("recovery", "A recovery code")],
        widget=forms.RadioSelect,
        initial="totp",
    )
    code = forms.CharField(
        label="Code",
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )


class PolicyForm(forms.Form):
    required_for = forms.ChoiceField(
        label="Who must use two-step sign-in",
        choices=Requirement.choices,
        widget=forms.RadioSelect,
    )


class ResetForm(forms.Form):
    """A clinic admin's confirmation before resetting someone's two-step sign-in."""

    checked = forms.BooleanField(
        label="I have made sure it is really this person asking",
        help_text="In person, or by calling them on a number you already had. Someone "
        "who only has their password could otherwise take over their account.",
        error_messages={"required": "Tick the box once you have made sure it is them."},
    )
