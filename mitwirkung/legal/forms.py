from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from districts.models import District
from mitwirkung.legal.models import BarrierReport


class BarrierReportForm(forms.ModelForm):
    # Bots fill every field; people never see this one.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    class Meta:
        model = BarrierReport
        fields = ["description", "page_url", "district", "name", "email"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        labels = {
            "description": _("What did not work for you?"),
            "page_url": _("On which page? (optional)"),
            "district": _("Which district is it about? (optional)"),
            "name": _("Your name (optional)"),
            "email": _("Your e-mail address, if you would like an answer (optional)"),
        }
        help_texts = {
            "description": _(
                "For example: a button cannot be reached with the keyboard, a text is too small."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.all()
        self.fields["district"].empty_label = _("Not about one district")
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Send report")))

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class BarrierAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("If the person left an e-mail address, they receive this answer by e-mail."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Send answer and close")))
