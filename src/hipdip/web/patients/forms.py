from __future__ import annotations

from django import forms

from hipdip.web.patients.models import ContactMethod


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


class ContactDetailsForm(forms.Form):
    """A patient's phone, preferred way of contact and emergency contact."""

    phone = forms.CharField(
        label="Phone",
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        help_text="With the country code if it is not a local number, e.g. +44 7911 123456.",
    )
    preferred_contact = forms.ChoiceField(
        label="How should the clinic contact you?", choices=ContactMethod.choices
    )
    emergency_contact_name = forms.CharField(
        label="Emergency contact: name", required=False, max_length=150
    )
    emergency_contact_relation = forms.CharField(
        label="Relation", required=False, max_length=60, help_text="e.g. partner, mother, friend"
    )
    emergency_contact_phone = forms.CharField(
        label="Emergency contact: phone",
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
