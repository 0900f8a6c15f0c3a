from __future__ import annotations

from django import forms

from hipdip.web.notifications.models import ChannelChoice


class PreferenceForm(forms.Form):
    channels = forms.ChoiceField(
        choices=ChannelChoice.choices, widget=forms.RadioSelect, label="How to reach you"
    )
    phone = forms.CharField(
        required=False,
        max_length=32,
        label="Mobile number",
        help_text="With the country code, e.g. +44 7911 123456. Texts never contain health "
        "details.",
    )
    quiet_start = forms.TimeField(
        required=False, label="Quiet hours from", widget=forms.TimeInput(attrs={"type": "time"})
    )
    quiet_end = forms.TimeField(
        required=False, label="Quiet hours until", widget=forms.TimeInput(attrs={"type": "time"})
    )
    timezone = forms.CharField(
        required=False,
        max_length=64,
        label="Time zone",
        help_text="For quiet hours, e.g. Europe/London. Empty: the clinic's.",
    )
