"""Resources booked to goals, and the filter of the resources overview."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from districts.models import District, Stakeholder
from goals.models import ActionGoal, Resource


class ResourceForm(forms.ModelForm):
    """What is available; goal and provider can only come from the same district."""

    class Meta:
        model = Resource
        fields = ["kind", "description", "amount", "year", "goal", "funding_source", "provider"]
        help_texts = {"goal": _("Leave empty if the resource serves the strategy as a whole.")}

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        # The model's clean compares the goal's district with this one.
        self.instance.district = district
        self.fields["goal"].queryset = ActionGoal.objects.for_district(district)
        self.fields["provider"].queryset = Stakeholder.objects.for_district(district)
        self.fields["amount"].widget.attrs.update(min=0, step="0.01")
        self.fields["year"].validators += [MinValueValidator(2000), MaxValueValidator(2100)]
        self.fields["year"].widget.attrs.update(min=2000, max=2100)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save resource")))
        self.helper.layout = Layout(
            Div(
                Div(Field("kind"), css_class="col-sm-6"),
                Div(Field("year"), css_class="col-sm-6"),
                css_class="row",
            ),
            "description",
            "amount",
            "goal",
            Div(
                Div(Field("funding_source"), css_class="col-sm-6"),
                Div(Field("provider"), css_class="col-sm-6"),
                css_class="row",
            ),
        )


class ResourceFilterForm(forms.Form):
    """GET filter of the overview: kind, year and goal, all optional."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Resource.Kind.choices], required=False
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    goal = forms.ModelChoiceField(
        label=_("Goal"),
        queryset=ActionGoal.objects.none(),
        required=False,
        empty_label=_("All goals"),
    )

    def __init__(self, *args: Any, district: District, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *((y, str(y)) for y in years)]
        self.fields["goal"].queryset = ActionGoal.objects.for_district(district)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"
