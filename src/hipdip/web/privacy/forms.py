from __future__ import annotations

from django import forms


class ErasureForm(forms.Form):
    confirm = forms.CharField(
        label="Type the patient's name to confirm",
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
