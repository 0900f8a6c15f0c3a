"""The photo session form, the query strings of the picture pages, and the consent form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from hipdip.vision.framing import Region
from hipdip.web.assessments.models import (
    MAX_HEIGHT_CM,
    MAX_POST_OP_WEEK,
    MAX_WEIGHT_KG,
    MIN_HEIGHT_CM,
    MIN_WEIGHT_KG,
    VIEW_CHOICES,
    ConsentScope,
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


REGION_CHOICES = ((Region.FULL.value, "Whole photo"), (Region.HIPS.value, "Hips close up"))


class PreviewQuery(forms.Form):
    fill = forms.FloatField(min_value=0.0, max_value=1.0, required=False)
    region = forms.ChoiceField(choices=REGION_CHOICES, required=False)

    def values(self) -> tuple[float, Region]:
        """(fill, region), with defaults for what is missing; call after is_valid()."""
        fill = self.cleaned_data.get("fill")
        return (
            0.5 if fill is None else float(fill),
            Region(self.cleaned_data.get("region") or Region.HIPS),
        )


class CompareQuery(forms.Form):
    before = forms.UUIDField(required=False)
    after = forms.UUIDField(required=False)
    view = forms.ChoiceField(choices=VIEW_CHOICES, required=False)
    region = forms.ChoiceField(choices=REGION_CHOICES, required=False)


class CompareImageQuery(forms.Form):
    before = forms.UUIDField()
    after = forms.UUIDField()
    view = forms.ChoiceField(choices=VIEW_CHOICES)
    region = forms.ChoiceField(choices=REGION_CHOICES, required=False)
    which = forms.ChoiceField(
        choices=(
            ("before", "before"),
            ("after", "after"),
            ("sheet", "sheet"),
            ("gallery", "gallery"),
        )
    )


class GalleryConsentForm(forms.Form):
    scope = forms.ChoiceField(
        choices=ConsentScope.choices, widget=forms.RadioSelect, label="Where may pictures be shown?"
    )
    note = forms.CharField(
        max_length=200,
        required=False,
        label="Reference",
        help_text="Optional: where the signed form is filed.",
    )
    confirmed = forms.BooleanField(
        label="The patient has signed the gallery consent form for this use.",
        error_messages={"required": "Confirm that the signed form is at hand."},
    )


class HeightConfirmForm(forms.Form):
    """Staff confirm a flagged session as it is."""

    reason = forms.CharField(
        label="Why are these photos and this height right?",
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": "E.g. measured her today: 196 cm"}),
    )


class HeightCorrectForm(forms.Form):
    """Staff correct a flagged session's height; its photos are measured again."""

    height_cm = forms.DecimalField(
        label="Corrected height (cm)",
        min_value=MIN_HEIGHT_CM,
        max_value=MAX_HEIGHT_CM,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
    )
    reason = forms.CharField(
        label="Reason",
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": "E.g. typo at upload; intake says 180"}),
    )
