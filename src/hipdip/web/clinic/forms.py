"""Form fields shared by the apps that ask for clinic-wide values."""

from __future__ import annotations

from typing import Any

from django import forms

from hipdip.web.clinic.care import timezone_choices, timezone_error


class TimezoneField(forms.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=timezone_choices, **kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        problem = timezone_error(value)
        if problem:
            raise forms.ValidationError(problem)


class ClinicProfileForm(forms.Form):
    """The clinic's public profile, plus a title and bio field per surgeon."""

    public_name = forms.CharField(label="Name on the site", max_length=200, required=False)
    address = forms.CharField(
        max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    phone = forms.CharField(max_length=40, required=False)
    emergency_phone = forms.CharField(
        label="Emergency phone (out of hours)", max_length=40, required=False
    )
    opening_hours = forms.CharField(
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One line per day or range, e.g. Mon-Fri 9:00-17:00.",
    )

    def __init__(self, *args: Any, surgeons: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.surgeon_ids = [s.pk for s in surgeons]
        for s in surgeons:
            self.fields[f"title_{s.pk}"] = forms.CharField(
                label=f"{s.full_name}: title", max_length=120, required=False
            )
            self.fields[f"bio_{s.pk}"] = forms.CharField(
                label=f"{s.full_name}: short bio",
                max_length=1200,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def bios(self) -> dict[int, tuple[str, str]]:
        return {
            pk: (self.cleaned_data[f"title_{pk}"], self.cleaned_data[f"bio_{pk}"])
            for pk in self.surgeon_ids
        }

    def surgeon_fields(self) -> list[tuple[Any, Any]]:
        return [(self[f"title_{pk}"], self[f"bio_{pk}"]) for pk in self.surgeon_ids]
