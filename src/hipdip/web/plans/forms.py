"""Forms of the plan and procedure pages: they read and type the fields; the rules are in
the services (the API goes through the same ones)."""

from __future__ import annotations

from typing import Any

from django import forms

from hipdip.care.grafting import DONOR_SITES
from hipdip.web.accounts.models import Clinic, Role, User
from hipdip.web.plans.models import (
    ANAESTHESIA_CHOICES,
    MAX_ASPIRATE_ML,
    MAX_CENTRIFUGE_MIN,
    MAX_DURATION_MIN,
    MAX_ROTOR_CM,
    MAX_RPM,
    MAX_SIDE_ML,
    PLANE_CHOICES,
    Complication,
    GraftSides,
    Processing,
)
from hipdip.web.plans.selectors import PlanChoices
from hipdip.web.plans.services import ProcedureInput

_NUM = {"inputmode": "numeric"}


def _ml_field(label: str, *, required: bool = False, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=MAX_SIDE_ML,
        help_text=help_text,
        widget=forms.NumberInput(attrs=_NUM),
    )


class PlanForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    graft_sides = forms.ChoiceField(
        label="Sides to graft", choices=GraftSides.choices, widget=forms.RadioSelect
    )
    plane_left = forms.ChoiceField(label="Injection plane, left", choices=PLANE_CHOICES)
    plane_right = forms.ChoiceField(label="Injection plane, right", choices=PLANE_CHOICES)
    planned_left_ml = _ml_field(
        "Volume to inject, left", help_text="Empty: the estimate below (expected retention)."
    )
    planned_right_ml = _ml_field(
        "Volume to inject, right", help_text="Empty: the estimate below (expected retention)."
    )
    donor_sites = forms.MultipleChoiceField(
        label="Donor sites",
        required=False,
        choices=[(slug, site.name) for slug, site in DONOR_SITES.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    contour_liposuction_ml = forms.IntegerField(
        label="Extra contouring liposuction",
        min_value=0,
        max_value=MAX_ASPIRATE_ML,
        initial=0,
        help_text="Aspirate removed for shaping beyond the graft harvest (mL).",
        widget=forms.NumberInput(attrs=_NUM),
    )
    anaesthesia = forms.ChoiceField(
        label="Anaesthesia", choices=ANAESTHESIA_CHOICES, widget=forms.RadioSelect
    )
    surgery_date = forms.DateField(
        label="Surgery date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Sets the dates of the pre-op checklist.",
    )
    notes = forms.CharField(
        label="Notes", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    @classmethod
    def initial_for(cls, choices: PlanChoices, version: int) -> dict[str, Any]:
        return {
            "version": version,
            "graft_sides": choices.graft_sides,
            "plane_left": choices.plane_left,
            "plane_right": choices.plane_right,
            "planned_left_ml": choices.planned_left_ml,
            "planned_right_ml": choices.planned_right_ml,
            "donor_sites": list(choices.donor_sites),
            "contour_liposuction_ml": choices.contour_liposuction_ml,
            "anaesthesia": choices.anaesthesia,
            "surgery_date": choices.surgery_date,
            "notes": choices.notes,
        }

    def choices(self) -> PlanChoices:
        d = self.cleaned_data
        return PlanChoices(
            graft_sides=d["graft_sides"],
            plane_left=d["plane_left"],
            plane_right=d["plane_right"],
            donor_sites=tuple(d.get("donor_sites") or ()),
            anaesthesia=d["anaesthesia"],
            contour_liposuction_ml=d.get("contour_liposuction_ml") or 0,
            planned_left_ml=d.get("planned_left_ml"),
            planned_right_ml=d.get("planned_right_ml"),
            surgery_date=d.get("surgery_date"),
            notes=d.get("notes") or "",
        )


class ProcedureForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    performed_on = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    surgeon = forms.ModelChoiceField(label="Operating surgeon", queryset=User.objects.none())
    team = forms.CharField(
        label="Team",
        required=False,
        max_length=1000,
        help_text="Anaesthetist, assistants, nurses.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    anaesthesia = forms.ChoiceField(
        label="Anaesthesia", choices=ANAESTHESIA_CHOICES, widget=forms.RadioSelect
    )
    processing = forms.ChoiceField(
        label="Fat processing", choices=Processing.choices, widget=forms.RadioSelect
    )
    centrifuge_rpm = forms.IntegerField(
        label="Speed (rpm)",
        help_text="With the rotor radius, the force in g is worked out and recorded.",
        required=False,
        min_value=1,
        max_value=MAX_RPM,
        widget=forms.NumberInput(attrs=_NUM),
    )
    rotor_radius_cm = forms.DecimalField(
        label="Rotor radius (cm)",
        required=False,
        min_value=1,
        max_value=MAX_ROTOR_CM,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
    )
    centrifuge_minutes = forms.IntegerField(
        label="Time (minutes)",
        required=False,
        min_value=1,
        max_value=MAX_CENTRIFUGE_MIN,
        widget=forms.NumberInput(attrs=_NUM),
    )
    injected_left_ml = _ml_field("Injected, left (mL)", help_text="Empty if not grafted.")
    injected_right_ml = _ml_field("Injected, right (mL)", help_text="Empty if not grafted.")
    plane_left = forms.ChoiceField(
        label="Plane, left", required=False, choices=[("", "—"), *PLANE_CHOICES]
    )
    plane_right = forms.ChoiceField(
        label="Plane, right", required=False, choices=[("", "—"), *PLANE_CHOICES]
    )
    duration_min = forms.IntegerField(
        label="Duration (minutes)",
        min_value=1,
        max_value=MAX_DURATION_MIN,
        widget=forms.NumberInput(attrs=_NUM),
    )
    complications = forms.MultipleChoiceField(
        label="Complications during the procedure",
        required=False,
        choices=Complication.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    complication_notes = forms.CharField(
        label="About the complications",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    notes = forms.CharField(
        label="Notes", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, clinic: Clinic | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["surgeon"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            clinic=clinic, role=Role.SURGEON, is_active=True
        ).order_by("full_name")
        for slug, site in DONOR_SITES.items():
            self.fields[f"harvest_{slug}"] = forms.IntegerField(
                label=site.name,
                required=False,
                min_value=0,
                max_value=MAX_ASPIRATE_ML,
                widget=forms.NumberInput(attrs={**_NUM, "placeholder": "mL"}),
            )

    @property
    def harvest_fields(self) -> list[forms.BoundField]:
        return [self[f"harvest_{slug}"] for slug in DONOR_SITES]

    def procedure_input(self) -> ProcedureInput:
        d = self.cleaned_data
        radius = d.get("rotor_radius_cm")
        return ProcedureInput(
            performed_on=d["performed_on"],
            surgeon_id=d["surgeon"].pk if d.get("surgeon") else None,
            team=d.get("team") or "",
            anaesthesia=d["anaesthesia"],
            harvest={
                slug: d[f"harvest_{slug}"] for slug in DONOR_SITES if d.get(f"harvest_{slug}")
            },
            processing=d["processing"],
            centrifuge_rpm=d.get("centrifuge_rpm"),
            rotor_radius_cm=float(radius) if radius is not None else None,
            centrifuge_minutes=d.get("centrifuge_minutes"),
            injected_left_ml=d.get("injected_left_ml"),
            injected_right_ml=d.get("injected_right_ml"),
            plane_left=d.get("plane_left") or "",
            plane_right=d.get("plane_right") or "",
            duration_min=d["duration_min"],
            complications=tuple(d.get("complications") or ()),
            complication_notes=d.get("complication_notes") or "",
            notes=d.get("notes") or "",
            **self.override_input(),
        )

    def override_input(self) -> dict[str, Any]:
        """The surgeon's ticks and reasons of the safety-check step (see the template)."""
        data = self.data
        keys = tuple(k for k in data.getlist("override") if k) if hasattr(data, "getlist") else ()
        return {
            "overridden": keys,
            "override_reasons": {
                k: str(data.get(f"override_reason_{k}", "")).strip()[:2000] for k in keys
            },
            "override_reason": str(data.get("override_reason", "")).strip()[:2000],
        }
