from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from districts.models import District

# Counted in months so the rule reads like the district's data protection notice; ten years
# is far beyond any retention a district would write down, so a larger number is a typo.
MAX_RETENTION_MONTHS = 120


class DistrictSettingsForm(forms.ModelForm):
    """The coordinator's security and retention choices; nothing else of the district."""

    class Meta:
        model = District
        fields = [
            "requires_two_factor",
            "free_text_retention_months",
            "delete_raw_after_final_snapshot",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        months = self.fields["free_text_retention_months"]
        months.widget.attrs.update({"min": 1, "max": MAX_RETENTION_MONTHS})
        months.error_messages["min_value"] = _("Please enter at least 1 month.")
        months.error_messages["invalid"] = _("Please enter a whole number of months.")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(_("Sign-in"), "requires_two_factor"),
            Fieldset(
                _("How long answers are kept"),
                "free_text_retention_months",
                "delete_raw_after_final_snapshot",
            ),
        )
        self.helper.add_input(Submit("save", _("Save settings")))

    def clean_free_text_retention_months(self) -> int:
        months = self.cleaned_data["free_text_retention_months"]
        if months > MAX_RETENTION_MONTHS:
            raise forms.ValidationError(
                _("Please enter at most %(max)d months (ten years)."),
                code="max_value",
                params={"max": MAX_RETENTION_MONTHS},
            )
        return months
