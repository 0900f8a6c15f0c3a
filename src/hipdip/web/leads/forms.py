"""The contact / get started form (with its spam checks) and the staff's lead form."""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing

from hipdip.web.leads.models import ContactBy, Interest, LeadStatus

_SALT = "hipdip.leads.form-started"


def form_started_token() -> str:
    """A signed stamp of when the form was shown (checked for the minimum fill time)."""
    return signing.dumps(time.time(), salt=_SALT)


class ContactForm(forms.Form):
    name = forms.CharField(label="Your name", max_length=150)
    email = forms.EmailField(label="Email", max_length=254)
    phone = forms.CharField(label="Phone", max_length=40, required=False)
    contact_by = forms.ChoiceField(
        label="How should we reach you?",
        choices=ContactBy.choices,
        widget=forms.RadioSelect,
        initial=ContactBy.EMAIL,
    )
    interest = forms.ChoiceField(
        label="What are you interested in?", choices=Interest.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label="Message", max_length=2000, required=False, widget=forms.Textarea
    )
    consent = forms.BooleanField(
        label="I agree that the clinic contacts me about my enquiry.", required=True
    )
    #: The honeypot: hidden from people (and from screen readers), filled by robots.
    website = forms.CharField(required=False, label="Leave this field empty")
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = form_started_token()

    def clean_started(self) -> float:
        try:
            started = float(
                signing.loads(self.cleaned_data["started"], salt=_SALT, max_age=24 * 3600)
            )
        except (signing.BadSignature, TypeError, ValueError) as exc:
            raise forms.ValidationError("The form expired. Please send it again.") from exc
        if time.time() - started < settings.HIPDIP_LEAD_MIN_FILL_SECONDS:
            raise forms.ValidationError(
                "That was very quick. Please check your details and send the form again."
            )
        return started

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("contact_by") == ContactBy.PHONE and not data.get("phone"):
            self.add_error("phone", "Give a phone number if you would like a call.")
        return data


class LeadForm(forms.Form):
    status = forms.ChoiceField(choices=LeadStatus.choices)
    notes = forms.CharField(required=False, max_length=4000, widget=forms.Textarea)
