"""Forms of the turn-the-curve sheet. Each takes `district=` and narrows its choices to it."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from districts.models import District, Stakeholder
from goals.models import ActionGoal, CurveAction, CurvePartner, Indicator, IndicatorValue


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _helper(submit_label: str) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", submit_label))
    return helper


def _two_columns(*names: str) -> Div:
    return Div(*(Div(Field(name), css_class="col-sm-6") for name in names), css_class="row")


class IndicatorForm(forms.ModelForm):
    """Name, unit, RBA kind, impact level, baseline and target; the model checks the numbers."""

    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "direction",
            "kind",
            "impact_level",
            "baseline_value",
            "baseline_on",
            "target_value",
            "target_on",
            "source",
            "source_note",
        ]
        widgets = {"baseline_on": DateInput(), "target_on": DateInput()}
        help_texts = {
            "kind": _(
                "A population indicator describes all children or families in a place; the other "
                "three measure what a programme does."
            ),
            "impact_level": _("Steps 1–3 are output, 4–6 outcome, 7 impact (PHINEO)."),
        }

    def __init__(
        self, *args: Any, district: District, goal: ActionGoal | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        if goal is not None:
            self.instance.goal = goal
        self.helper = _helper(_("Save indicator"))
        self.helper.layout = Layout(
            "name",
            _two_columns("unit", "direction"),
            _two_columns("kind", "impact_level"),
            Fieldset(
                _("Baseline and target"),
                _two_columns("baseline_value", "baseline_on"),
                _two_columns("target_value", "target_on"),
            ),
            _two_columns("source", "source_note"),
        )


class IndicatorValueForm(forms.ModelForm):
    """One measurement; the indicator's unit decides what is a valid number."""

    class Meta:
        model = IndicatorValue
        fields = ["measured_on", "value", "source_note"]
        widgets = {"measured_on": DateInput()}
        help_texts = {"source_note": _("e.g. school entry examination 2025, own count")}

    def __init__(self, *args: Any, district: District, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        self.instance.indicator = indicator
        self.fields["value"].label = _("Value in %(unit)s") % {"unit": indicator.get_unit_display()}
        self.helper = _helper(_("Save value"))


class CurvePartnerForm(forms.ModelForm):
    class Meta:
        model = CurvePartner
        fields = ["stakeholder", "role"]
        help_texts = {"role": _("What this partner contributes to turning the curve.")}

    def __init__(self, *args: Any, district: District, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        self.instance.indicator = indicator
        self.fields["stakeholder"].queryset = Stakeholder.objects.for_district(district)
        self.helper = _helper(_("Add partner"))

    def clean_stakeholder(self) -> Stakeholder:
        stakeholder = self.cleaned_data["stakeholder"]
        # The unique constraint names the indicator, which is not a form field, so the
        # form would not check it and the database would raise instead.
        if (
            CurvePartner.objects.filter(indicator=self.instance.indicator, stakeholder=stakeholder)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError(
                _("%(name)s is already a partner for this indicator.") % {"name": stakeholder}
            )
        return stakeholder


class CurveActionForm(forms.ModelForm):
    class Meta:
        model = CurveAction
        fields = ["what", "who", "due_on", "status"]
        widgets = {"due_on": DateInput()}

    def __init__(
        self, *args: Any, district: District, indicator: Indicator | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        if indicator is not None:
            self.instance.indicator = indicator
        self.fields["who"].queryset = Stakeholder.objects.for_district(district)
        self.helper = _helper(_("Save action"))
        self.helper.layout = Layout("what", _two_columns("who", "due_on"), "status")


class CurveStoryForm(forms.ModelForm):
    """The story behind the curve and what works: free text of the turn-the-curve sheet."""

    class Meta:
        model = Indicator
        fields = ["story", "what_works"]
        widgets = {
            "story": forms.Textarea(attrs={"rows": 6}),
            "what_works": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "story": _("Why does the curve look the way it does? Causes, forces at work, data."),
            "what_works": _("What could turn the curve: evidence, experience, low-cost ideas."),
        }

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        self.helper = _helper(_("Save"))
