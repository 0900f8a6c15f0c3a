"""One way to show a service's refusal on a form."""

from __future__ import annotations

from django import forms

from hipdip.web.core.errors import DomainError
from hipdip.web.core.forms import form_add_domain_error


class _Form(forms.Form):
    weight_kg = forms.FloatField()


def test_a_refusal_about_a_field_goes_under_that_field() -> None:
    form = _Form({"weight_kg": "70"})
    assert form.is_valid()
    form_add_domain_error(form, DomainError("no", details={"weight_kg": ["Too light."]}))
    assert form.errors == {"weight_kg": ["Too light."]}


def test_a_refusal_about_no_field_of_the_form_goes_on_top() -> None:
    form = _Form({"weight_kg": "70"})
    assert form.is_valid()
    form_add_domain_error(form, DomainError("Not now.", details={"other": ["x"]}))
    assert form.non_field_errors() == ["Not now."]
