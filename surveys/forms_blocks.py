"""Adding a ready-made block: which offerings the reach block asks about."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from offerings.models import Offering, OfferingCategory
from surveys.models import Question, Survey


def reach_offerings(survey: Survey) -> QuerySet[Offering]:
    """The district's published, running offerings the survey does not ask about yet."""
    asked = Question.objects.filter(survey=survey, block=Question.Block.REACH).values("offering_id")
    return (
        Offering.objects.for_district(survey.district)
        .published()
        .active()
        .exclude(pk__in=asked.exclude(offering_id=None))
        .select_related("category")
        .order_by("category__position", "category__name_de", "name")
    )


@dataclass
class CategoryGroup:
    category: OfferingCategory
    offerings: list[Offering] = field(default_factory=list)


class ReachBlockForm(forms.Form):
    offerings = forms.ModelMultipleChoiceField(
        label=_("Offerings"),
        queryset=Offering.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please choose at least one offering.")},
    )

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.fields["offerings"].queryset = reach_offerings(survey)

    def groups(self) -> list[CategoryGroup]:
        """The offerings under their categories, for a checkbox list per category."""
        groups: dict[int, CategoryGroup] = {}
        for offering in self.fields["offerings"].queryset:
            group = groups.setdefault(offering.category_id, CategoryGroup(offering.category))
            group.offerings.append(offering)
        return list(groups.values())

    def chosen_ids(self) -> set[str]:
        return {str(value) for value in self.data.getlist("offerings")} if self.is_bound else set()


class SingleBlockForm(forms.Form):
    """The family and the missing block exist once per survey."""

    def __init__(self, *args: Any, survey: Survey, block: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey, self.block = survey, block

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if Question.objects.filter(survey=self.survey, block=self.block).exists():
            raise forms.ValidationError(_("The survey already contains this block."))
        return cleaned
