"""The form for a participation target: a collection point of the survey or an area of the district."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.validators import MaxValueValidator, MinValueValidator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from districts.models import Area, District
from offerings import gaps
from surveys.models import ParticipationTarget, Survey

MAX_TARGET = 100_000


def _area_label(area: Area) -> str:
    return f"{area.get_level_display()}: {area.name} ({area.code})"


class ParticipationTargetForm(forms.ModelForm):
    class Meta:
        model = ParticipationTarget
        fields = ["collection_point", "area", "responses", "note"]
        help_texts = {
            "collection_point": _(
                "Responses given through this collection point's link, tablet or paper."
            ),
            "area": _(
                "Responses of families who name this area as their home in the block "
                "“About your family”. Families choose a Bezirksregion there, so a target "
                "for a Planungsraum cannot be counted yet."
            ),
            "note": _("For example: “with the neighbourhood mothers in June”."),
        }

    def __init__(self, *args: Any, district: District, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        self.survey = survey
        self.instance.survey = survey
        point = self.fields["collection_point"]
        point.queryset = survey.collection_points.select_related(
            "offering", "place__offering"
        ).order_by("pk")
        point.empty_label = _("– no collection point –")
        area = self.fields["area"]
        area.queryset = (
            Area.objects.for_district(district)
            .filter(
                valid_from=gaps.area_edition(district),
                level__in=[Area.Level.BEZIRKSREGION, Area.Level.PLANUNGSRAUM],
            )
            .defer("geometry")
            .order_by("level", "name", "code")
        )
        area.label_from_instance = _area_label
        area.empty_label = _("– no area –")
        area.label = _("or an area")
        responses = self.fields["responses"]
        responses.validators += [MinValueValidator(1), MaxValueValidator(MAX_TARGET)]
        responses.widget.attrs.update(min=1, max=MAX_TARGET)
        self.helper = FormHelper()
        self.helper.form_action = reverse(
            "surveys:target_add", kwargs={"district": district.slug, "survey": survey.pk}
        )
        self.helper.add_input(Submit("submit", _("Add target")))

    def _post_clean(self) -> None:
        # The model's clean() and its check constraint would say "either … or" twice more.
        if self.has_error(NON_FIELD_ERRORS, "point_xor_area"):
            return
        super()._post_clean()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        point, area = cleaned.get("collection_point"), cleaned.get("area")
        if "collection_point" in self.errors or "area" in self.errors:
            return cleaned
        if bool(point) == bool(area):
            raise forms.ValidationError(
                _("Choose either a collection point or an area."), code="point_xor_area"
            )
        existing = ParticipationTarget.objects.filter(survey=self.survey)
        if point and existing.filter(collection_point=point).exists():
            self.add_error(
                "collection_point",
                _("This collection point has a target already. Delete it first to set a new one."),
            )
        if area and existing.filter(area=area).exists():
            self.add_error(
                "area", _("This area has a target already. Delete it first to set a new one.")
            )
        return cleaned
