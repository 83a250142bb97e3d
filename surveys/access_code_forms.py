"""A new batch of one-time access codes: how many, for which collection point, a note."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from districts.models import District
from surveys.models import AccessCodeBatch, Survey
from surveys.models.channels import MAX_BATCH_SIZE


class AccessCodeBatchForm(forms.ModelForm):
    size = forms.IntegerField(
        label=_("Number of codes"),
        min_value=1,
        max_value=MAX_BATCH_SIZE,
        initial=50,
    )

    class Meta:
        model = AccessCodeBatch
        fields = ["size", "collection_point", "note"]
        labels = {"collection_point": _("Collection point (optional)"), "note": _("Note")}
        help_texts = {
            "collection_point": _(
                "The slips then carry this collection point's short link, so answers count for it."
            ),
            "note": _("For example where the slips go: “Kita Sonnenschein, parents' evening”."),
        }

    def __init__(self, *args: Any, district: District, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        size = self.fields["size"]
        size.help_text = gettext("One code per family; at most %(max)s in one batch.") % {
            "max": MAX_BATCH_SIZE
        }
        message = gettext("Please enter a number of codes from 1 to %(max)s.") % {
            "max": MAX_BATCH_SIZE
        }
        size.error_messages.update(
            dict.fromkeys(("required", "invalid", "min_value", "max_value"), message)
        )
        # The survey was resolved through the district, so its collection points are too.
        self.fields["collection_point"].queryset = survey.collection_points.filter(
            survey__district=district
        ).select_related("offering", "place")
        self.fields["collection_point"].empty_label = _("– none –")

    @property
    def tampered(self) -> bool:
        """A collection point the page never offered (one of another survey)."""
        return any(
            error.code == "invalid_choice"
            for errors in self.errors.as_data().values()
            for error in errors
        )

    def save(self, commit: bool = True, *, created_by: object = None) -> AccessCodeBatch:
        return AccessCodeBatch.create_with_codes(
            survey=self.survey,
            size=self.cleaned_data["size"],
            collection_point=self.cleaned_data["collection_point"],
            note=self.cleaned_data["note"],
            created_by=created_by,
        )
