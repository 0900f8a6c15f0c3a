"""The time zone select (on every recovery page) is written in Python for speed; its HTML
is exactly Django's own select's."""

from __future__ import annotations

import pytest
from django import forms

from hipdip.web.clinic.forms import TimezoneField, TimezoneSelect
from hipdip.web.recovery.forms import CourseForm, TimezoneForm
from hipdip.web.training.forms import ProgrammeForm


class _DjangoSelect(forms.Form):
    """The same field with Django's template-rendered select."""

    timezone = TimezoneField(label="Your time zone", widget=forms.Select)


class _Optional(forms.Form):
    timezone = TimezoneField(required=False)


class _OptionalDjango(forms.Form):
    timezone = TimezoneField(required=False, widget=forms.Select)


@pytest.mark.parametrize("initial", [{}, {"timezone": "Europe/London"}, {"timezone": 'x<&">'}])
def test_the_time_zone_select_is_djangos_select_html(initial: dict[str, str]) -> None:
    ours = str(TimezoneForm(initial=initial)["timezone"])
    django = str(_DjangoSelect(initial=initial)["timezone"])
    assert ours == django
    assert ours.count("<option ") > 300
    if initial.get("timezone") == "Europe/London":
        assert '<option value="Europe/London" selected>Europe/London</option>' in ours


def test_a_bound_optional_time_zone_select_is_djangos_too() -> None:
    data = {"timezone": "America/New_York"}
    assert str(_Optional(data)["timezone"]) == str(_OptionalDjango(data)["timezone"])


def test_every_time_zone_field_uses_the_fast_select() -> None:
    fields = [
        TimezoneForm().fields["timezone"],
        CourseForm().fields["timezone"],
        ProgrammeForm().fields["timezone"],
    ]
    assert all(isinstance(f.widget, TimezoneSelect) for f in fields)
