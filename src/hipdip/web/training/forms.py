"""Forms of the training pages."""

from __future__ import annotations

from django import forms

from hipdip.web.clinic.forms import TimezoneField
from hipdip.web.exercises.catalogue import EQUIPMENT_LABELS
from hipdip.web.training.models import Goal, Level


class ProgrammeForm(forms.Form):
    goal = forms.ChoiceField(label="Your goal", choices=Goal.choices, widget=forms.RadioSelect)
    level = forms.ChoiceField(
        label="Your level",
        choices=Level.choices,
        widget=forms.RadioSelect,
        help_text="New to strength training, or coming back after a break: start as a beginner.",
    )
    equipment = forms.MultipleChoiceField(
        label="Equipment you have",
        choices=[(e.value, label) for e, label in EQUIPMENT_LABELS.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Nothing ticked: bodyweight exercises only.",
    )
    days_per_week = forms.TypedChoiceField(
        label="Sessions a week",
        choices=[(str(n), f"{n} a week") for n in range(2, 7)],
        coerce=int,
        initial="3",
    )
    weeks = forms.TypedChoiceField(
        label="Length",
        choices=[(str(n), f"{n} weeks") for n in (4, 6, 8, 10, 12, 16, 20, 24)],
        coerce=int,
        initial="8",
    )
    start_date = forms.DateField(label="First day", widget=forms.DateInput(attrs={"type": "date"}))
    allow_high_impact = forms.BooleanField(
        label="Include jumping exercises",
        required=False,
        initial=True,
        help_text="Jump squats and jump lunges burn more energy but are hard on the joints.",
    )
    timezone = TimezoneField(label="Your time zone", required=False)
