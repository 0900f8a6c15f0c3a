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
