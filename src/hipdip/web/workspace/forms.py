from __future__ import annotations

from django import forms

from hipdip.web.workspace.stages import STAGES


class PatientFilterForm(forms.Form):
    """Search and filters of the staff patient list."""

    q = forms.CharField(required=False, max_length=100, label="Search")
    stage = forms.ChoiceField(
        required=False, label="Stage", choices=[("", "Any stage"), *STAGES.items()]
    )
    alert = forms.BooleanField(required=False, label="With an open alert")
