"""Form fields shared by the apps that ask for clinic-wide values."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from hipdip.care.settings_defs import Kind, SettingDef, setting_definitions
from hipdip.web.clinic.care import timezone_choices, timezone_error
from hipdip.web.clinic.setting_values import (
    display_range,
    display_unit,
    from_display,
    to_display,
)


class TimezoneSelect(forms.Select):
    """The ``<select>`` of every time zone (about 600 options) with the HTML of Django's
    own select, its options written here rather than through the option template: one
    template include per option made the select most of the recovery page's time."""

    template_name = "clinic/widgets/timezone_select.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        parts = []
        for group, options, _index in context["widget"]["optgroups"]:
            assert not group, "time zone choices are not grouped"
            for option in options:
                parts.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>\n',
                        str(option["value"]),
                        _attrs_html(option["attrs"]),
                        option["label"],
                    )
                )
        # Every value and label went through format_html's escaping.
        context["widget"]["options_html"] = mark_safe("".join(parts))
        return context


def _attrs_html(attrs: dict[str, Any]) -> SafeString:
    """Django's ``django/forms/widgets/attrs.html``, in Python."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"')
    return mark_safe("".join(out))  # every name and value escaped


class TimezoneField(forms.ChoiceField):
    widget = TimezoneSelect

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


def field_name(key: str) -> str:
    """A setting key as a form field name (``hold_days.aspirin`` -> ``hold_days__aspirin``)."""
    return key.replace(".", "__")


class ClinicalSettingsForm(forms.Form):
    """One field per editable setting, generated from the care layer's definitions, so a
    setting added there appears here unchanged. Ranges are checked with plain messages;
    the relations between settings are checked by the care layer when saving."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, values: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.defs = [d for d in setting_definitions() if d.kind is not Kind.CODES]
        for d in self.defs:
            self.fields[field_name(d.key)] = _field_for(d)
            self.initial.setdefault(field_name(d.key), _initial(to_display(d, values[d.key])))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for d in self.defs:
            name = field_name(d.key)
            value = data.get(name)
            bounds = display_range(d)
            if value is None or bounds is None:
                continue
            lo, hi = bounds
            items = value if isinstance(value, tuple) else (value,)
            if any(not lo <= v <= hi for v in items):
                unit = display_unit(d)[0]
                unit = f" {unit}" if unit else ""
                self.add_error(
                    name, f"Use a value between {lo:g} and {hi:g}{unit} for “{d.label}”."
                )
        return data

    def values(self) -> dict[str, Any]:
        """Setting key -> value, for the save service."""
        return {d.key: from_display(d, self.cleaned_data[field_name(d.key)]) for d in self.defs}


class WholeListField(forms.CharField):
    """Whole numbers separated by commas, e.g. ``1, 7, 14``."""

    def to_python(self, value: Any) -> tuple[int, ...] | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            items = tuple(int(p) for p in text.replace(";", ",").split(",") if p.strip())
        except ValueError:
            raise forms.ValidationError(
                "Use whole numbers separated by commas, e.g. 1, 7, 14."
            ) from None
        if list(items) != sorted(set(items)):
            raise forms.ValidationError("List each number once, from smallest to largest.")
        return items


def _field_for(d: SettingDef) -> forms.Field:
    label = d.label
    attrs: dict[str, Any] = {"class": "input-num"}
    bounds = display_range(d)
    if bounds is not None:
        attrs["min"], attrs["max"] = f"{bounds[0]:g}", f"{bounds[1]:g}"
    if d.kind is Kind.YES_NO:
        return forms.BooleanField(label=label, required=False)
    if d.kind is Kind.WHOLE_LIST:
        return WholeListField(
            label=label, max_length=200, help_text="Whole numbers separated by commas."
        )
    messages = {"required": f"Enter a value for “{label}”.", "invalid": "Enter a number."}
    if d.kind is Kind.WHOLE:
        messages["invalid"] = "Enter a whole number."
        return forms.IntegerField(
            label=label, error_messages=messages, widget=forms.NumberInput(attrs=attrs)
        )
    attrs["step"] = "any"
    return forms.FloatField(
        label=label, error_messages=messages, widget=forms.NumberInput(attrs=attrs)
    )


def _initial(value: Any) -> Any:
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return value


class ZoneField(forms.CharField):
    """An IANA time zone typed into a searchable list (``Europe/London``; spaces are read
    as underscores, so "America/New York" works too)."""

    def __init__(self, **kwargs: Any) -> None:
        attrs = {
            "list": "timezone-names",
            "autocomplete": "off",
            "placeholder": "Start typing a city, e.g. London",
            "data-guess-timezone": "",
        }
        super().__init__(max_length=64, widget=forms.TextInput(attrs=attrs), **kwargs)

    def clean(self, value: Any) -> str:
        text = (super().clean(value) or "").strip().replace(" ", "_")
        problem = timezone_error(text)
        if problem:
            raise forms.ValidationError(problem)
        return text


class ClinicSetupForm(forms.Form):
    """What every clinic is asked at set-up: its time zone and the details patients see."""

    timezone = ZoneField(
        label="Time zone",
        help_text="Appointments, reminders and the recovery diary use the clinic's local time.",
        error_messages={"required": "Choose the clinic's time zone."},
    )
    public_name = forms.CharField(label="Clinic name patients see", max_length=200)
    phone = forms.CharField(label="Phone", max_length=40, required=False)
    emergency_phone = forms.CharField(
        label="Emergency phone (out of hours)",
        max_length=40,
        required=False,
        help_text="For patients after surgery. Leave empty only if patients should call "
        "emergency services out of hours.",
    )
    address = forms.CharField(
        max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
