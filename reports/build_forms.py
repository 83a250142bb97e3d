"""The "Build report" form: which answers a snapshot counts, and how small a group may be."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reports.services import effective_min_group_size
from surveys.models import CollectionPoint, Survey

# Larger groups would hide nearly everything; the field stays a small number.
MAX_GROUP_SIZE = 100


class SnapshotBuildForm(forms.Form):
    """The rules themselves live in services.snapshot_request; the view maps its errors here."""

    period_start = forms.DateField(
        label=pgettext_lazy("report form", "Answers from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty to count from the first answer."),
    )
    period_end = forms.DateField(
        label=_("Answers until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty to count up to the newest answer."),
    )
    collection_points = forms.ModelMultipleChoiceField(
        label=_("Collection points"),
        queryset=CollectionPoint.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick none to count the answers of every collection point."),
    )
    min_group_size = forms.IntegerField(label=_("Minimum group size"))

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        required = effective_min_group_size(survey)
        points = self.fields["collection_points"]
        points.queryset = survey.collection_points.select_related(
            "offering", "place__offering"
        ).order_by("pk")
        size = self.fields["min_group_size"]
        size.initial = required
        size.validators += [MinValueValidator(required), MaxValueValidator(MAX_GROUP_SIZE)]
        size.widget.attrs.update(min=required, max=MAX_GROUP_SIZE)
        size.help_text = _(
            "Groups with fewer families are shown as “fewer than …”, never as a number. "
            "At least %(size)d, as the survey and the district require."
        ) % {"size": required}
        self.helper = FormHelper()
        self.helper.form_action = reverse(
            "reports:build", kwargs={"district": survey.district.slug, "survey": survey.pk}
        )
        self.helper.add_input(Submit("submit", _("Build report")))
