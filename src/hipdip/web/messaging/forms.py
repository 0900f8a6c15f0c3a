from __future__ import annotations

from django import forms

from hipdip.web.messaging.models import BODY_MAX


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Message",
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "Write a message"}),
    )
    photo = forms.FileField(
        label="Photo",
        required=False,
        help_text="Optional: a JPEG, PNG, WebP or HEIC photo. It is stored without its metadata.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )


class AssignForm(forms.Form):
    assignee = forms.ChoiceField(label="Looked after by", required=False)

    def __init__(self, *args: object, team: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["assignee"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "The whole team"), *team]
