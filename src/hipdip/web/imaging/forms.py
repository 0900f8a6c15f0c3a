"""Query strings and the consent form of the imaging pages."""

from __future__ import annotations

from django import forms

from hipdip.vision.framing import Region
from hipdip.web.imaging.models import ConsentScope
from hipdip.web.photos.models import VIEW_CHOICES

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
