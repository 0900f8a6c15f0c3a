from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from hipdip.web.photos.models import (
    MAX_HEIGHT_CM,
    MAX_POST_OP_WEEK,
    MAX_WEIGHT_KG,
    MIN_HEIGHT_CM,
    MIN_WEIGHT_KG,
    Purpose,
)

PHOTO_ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"


class PhotoSessionForm(forms.Form):
    """New photo session: front and/or back photo, stature, and why the photos are taken."""

    front = forms.FileField(
        required=False,
        label="Front photo",
        widget=forms.ClearableFileInput(attrs={"accept": PHOTO_ACCEPT, "data-preview": "front"}),
    )
    back = forms.FileField(
        required=False,
        label="Back photo",
        widget=forms.ClearableFileInput(attrs={"accept": PHOTO_ACCEPT, "data-preview": "back"}),
    )
    height_cm = forms.DecimalField(
        label="Height (cm)",
        min_value=MIN_HEIGHT_CM,
        max_value=MAX_HEIGHT_CM,
        decimal_places=1,
        help_text="Your standing height, without shoes. It sets the scale of the photos.",
        widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
    )
    weight_kg = forms.DecimalField(
        label="Weight (kg)",
        required=False,
        min_value=MIN_WEIGHT_KG,
        max_value=MAX_WEIGHT_KG,
        decimal_places=1,
        help_text="Helps to compare sessions over time.",
        widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
    )
    purpose = forms.ChoiceField(label="Purpose", choices=Purpose.choices)
    post_op_week = forms.IntegerField(
        label="Weeks since surgery",
        required=False,
        min_value=1,
        max_value=MAX_POST_OP_WEEK,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    taken_on = forms.DateField(
        label="Date taken",
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("front") and not data.get("back"):
            raise forms.ValidationError("Add a front or a back photo (both is best).")
        if data.get("purpose") == Purpose.POST_OP and not data.get("post_op_week"):
            self.add_error("post_op_week", "Say how many weeks after surgery this is.")
        taken_on = data.get("taken_on")
        if taken_on and taken_on > timezone.localdate():
            self.add_error("taken_on", "The date cannot be in the future.")
        return data
