"""The two confirmations of publication: "I have checked what becomes public", and withdrawal."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class PublishForm(forms.Form):
    """Publishing is one click away from the public, so the coordinator ticks that they looked."""

    confirm = forms.BooleanField(
        label=_(
            "I have checked the report and the files listed above. They may be shown to "
            "everyone, without login."
        ),
        required=True,
        error_messages={"required": _("Please confirm that you have checked what becomes public.")},
    )


class UnpublishForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kept in the history of this report together with your name and the time. "
            "It is not shown publicly."
        ),
    )
