"""Forms of the staff pages: weekly hours, a change to one day, the booking rules."""

from __future__ import annotations

from typing import ClassVar

from django import forms

from hipdip.web.appointments.models import BookingRules, ExceptionKind, Kind, Weekday
from hipdip.web.appointments.rules import DEFAULT_HORIZON_DAYS, DEFAULT_NOTICE_HOURS

_TIME = forms.TimeInput(attrs={"type": "time", "step": 300}, format="%H:%M")


class WeeklyHoursForm(forms.Form):
    weekday = forms.TypedChoiceField(choices=Weekday.choices, coerce=int, label="Day")
    start_time = forms.TimeField(label="From", widget=_TIME)
    end_time = forms.TimeField(label="To", widget=_TIME)


class ExceptionForm(forms.Form):
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(choices=ExceptionKind.choices, label="Change")
    start_time = forms.TimeField(
        label="From", required=False, widget=_TIME, help_text="Leave empty for the whole day."
    )
    end_time = forms.TimeField(label="To", required=False, widget=_TIME)
    note = forms.CharField(max_length=200, required=False, help_text="e.g. Conference")


class BookingRulesForm(forms.ModelForm[BookingRules]):
    class Meta:
        model = BookingRules
        fields = ("notice_hours", "horizon_days")
        labels: ClassVar[dict[str, str]] = {
            "notice_hours": "Notice for patients (hours)",
            "horizon_days": "Booking ahead (days)",
        }
        help_texts: ClassVar[dict[str, str]] = {
            "notice_hours": "Patients book, move or cancel online at least this long before "
            f"the visit. Empty: {DEFAULT_NOTICE_HOURS} hours.",
            "horizon_days": f"How far ahead patients can book. Empty: {DEFAULT_HORIZON_DAYS} days.",
        }


class TypeForm(forms.Form):
    """One visit type's settings (clinic admins)."""

    type_id = forms.IntegerField(widget=forms.HiddenInput)
    duration_minutes = forms.IntegerField(min_value=5, max_value=12 * 60, label="Minutes")
    patient_bookable = forms.BooleanField(required=False, label="Patients book online")
    active = forms.BooleanField(required=False, label="Offered")


#: Who books a new kind of visit: patients online (and staff), or staff only.
BOOKED_BY = (("patients", "Patients online, and staff"), ("staff", "Staff only"))


class TypeAddForm(forms.Form):
    """A new kind of visit (clinic admins)."""

    name = forms.CharField(max_length=100, label="Name", help_text="e.g. Scar check")
    kind = forms.ChoiceField(choices=Kind.choices, label="Kind")
    duration_minutes = forms.IntegerField(
        min_value=5, max_value=12 * 60, label="Minutes", help_text="From 5 to 720."
    )
    booked_by = forms.ChoiceField(choices=BOOKED_BY, label="Who books it", initial="staff")
    followup_day = forms.IntegerField(
        min_value=1,
        max_value=3650,
        required=False,
        label="Day after surgery",
        help_text="Follow-ups only; leave empty otherwise.",
    )

    def clean_name(self) -> str:
        name = " ".join(str(self.cleaned_data["name"]).split())
        if not name:
            raise forms.ValidationError("Give the visit a name.")
        return name
