"""Forms of the recovery pages. Values are checked by the services (which use the care
layer's own checks); the forms only shape the input."""

from __future__ import annotations

from typing import Any

from django import forms

from hipdip.care.settings import ClinicSettings
from hipdip.care.triage import SYMPTOMS, TriageLevel, symptom_level
from hipdip.web.clinic.forms import TimezoneField
from hipdip.web.recovery.models import NOTE_MAX

GRADES = [("0", "None"), ("1", "Mild"), ("2", "Moderate"), ("3", "Severe")]
GARMENT = [("yes", "Yes"), ("no", "No"), ("done", "No longer needed")]
SYMPTOM_GROUPS = (
    (TriageLevel.EMERGENCY, "Serious warning signs"),
    (TriageLevel.URGENT, "Signs to tell the clinic about today"),
    (TriageLevel.ROUTINE, "Usual healing"),
)


def symptom_groups(settings: ClinicSettings) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(level, heading, [(code, label)]) in the order of the form, by the clinic's levels."""
    groups = []
    for level, heading in SYMPTOM_GROUPS:
        items = [
            (c, symptom_label(c, settings)) for c in SYMPTOMS if symptom_level(c, settings) is level
        ]
        groups.append((level.value, heading, items))
    return groups


def symptom_label(code: str, settings: ClinicSettings) -> str:
    """A symptom's label; the fever one states the clinic's own threshold."""
    if code == "fever":
        return f"Fever ({settings.fever_c:g} °C or higher) or shivering"
    return SYMPTOMS[code].label


class CheckInForm(forms.Form):
    pain = forms.TypedChoiceField(
        label="Pain right now",
        choices=[(str(i), str(i)) for i in range(11)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text="0 is no pain, 10 the worst you can imagine.",
        error_messages={"required": "Choose how much pain you have, from 0 to 10."},
    )
    temperature_c = forms.CharField(
        label="Temperature (°C)",
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "e.g. 37.2"}),
        help_text="If you have a thermometer. Leave empty if you didn't measure it.",
    )
    swelling = forms.ChoiceField(
        label="Swelling", choices=GRADES, required=False, widget=forms.RadioSelect
    )
    bruising = forms.ChoiceField(
        label="Bruising", choices=GRADES, required=False, widget=forms.RadioSelect
    )
    drain_output_ml = forms.CharField(
        label="Drain output since yesterday (mL)",
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "e.g. 40"}),
        help_text="Only if you still have drains: add up what you emptied.",
    )
    garment_worn = forms.ChoiceField(
        label="Wearing your compression garment?",
        choices=GARMENT,
        required=False,
        widget=forms.RadioSelect,
    )
    symptoms = forms.MultipleChoiceField(
        label="Any of these?",
        choices=[(c, s.label) for c, s in SYMPTOMS.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label="Anything else?",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "Optional"}),
    )

    def service_data(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "pain": d["pain"],
            "temperature_c": d.get("temperature_c") or None,
            "swelling": int(d["swelling"]) if d.get("swelling") not in (None, "") else None,
            "bruising": int(d["bruising"]) if d.get("bruising") not in (None, "") else None,
            "drain_output_ml": d.get("drain_output_ml") or None,
            "garment_worn": {"yes": True, "no": False}.get(d.get("garment_worn") or ""),
            "symptoms": list(d.get("symptoms") or []),
            "note": d.get("note") or "",
        }


class CourseForm(forms.Form):
    procedure_date = forms.DateField(
        label="Procedure date", widget=forms.DateInput(attrs={"type": "date"})
    )
    timezone = TimezoneField(
        label="Patient's time zone",
        help_text="Recovery days turn over at midnight where the patient is.",
    )


class TimezoneForm(forms.Form):
    timezone = TimezoneField(label="Your time zone")


CLEARANCE_DECISIONS = (
    ("not_yet", "Not cleared yet"),
    ("cleared", "Cleared from a date"),
    ("hold", "Hold all training"),
)


class ClearanceForm(forms.Form):
    decision = forms.ChoiceField(
        label="Training", choices=CLEARANCE_DECISIONS, widget=forms.RadioSelect
    )
    cleared_on = forms.DateField(
        label="Cleared from", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "cleared" and not data.get("cleared_on"):
            self.add_error("cleared_on", "Give the first day training is allowed.")
        return data


class AcknowledgeForm(forms.Form):
    note = forms.CharField(
        label="What was done",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(
            attrs={"rows": 2, "placeholder": "e.g. Called the patient, advised a visit tomorrow"}
        ),
    )
