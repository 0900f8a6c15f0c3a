from __future__ import annotations

from typing import Any

from django import forms

from hipdip.web.accounts.models import Clinic, Role, User


class EscalationForm(forms.Form):
    escalation_minutes = forms.IntegerField(
        min_value=5,
        max_value=24 * 60,
        label="Escalate after (minutes)",
        help_text="How long an urgent or emergency check-in may wait for an acknowledgement.",
    )
    on_call = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="On-call surgeon",
        empty_label="Nobody named: every surgeon of the clinic",
    )

    def __init__(self, *args: Any, clinic: Clinic, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["on_call"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(
            clinic=clinic, role=Role.SURGEON, is_active=True
        ).order_by("full_name")
