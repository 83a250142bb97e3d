"""The family block's questions the monitor reads: home area, benefits, household."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from surveys.models import Answer, Option, Question, Survey

FAMILY = Question.Block.FAMILY
HOME_AREA = "home_area"
BENEFITS = "benefits"
HOUSEHOLD = "household"
# The benefits of the family block that mark a low household income, in the order staff
# name them (Option.code of the benefits question).
BENEFIT_CODES: dict[str, Promise] = {
    "basic_income_support": _("Basic income support (Bürgergeld, SGB II)"),
    "berlinpass": _("berlinpass"),
    "education_participation": _("Education and participation (BuT)"),
    "child_supplement": _("Child supplement (Kinderzuschlag)"),
    "housing_benefit": _("Housing benefit (Wohngeld)"),
}
NONE_CODE = "none"
SINGLE_PARENT_CODE = "single_parent"


@dataclass(frozen=True)
class _FamilyOptions:
    home_area: list[Option]
    benefits: dict[str, Option]
    single_parent: Option | None


def _family_options(survey: Survey) -> _FamilyOptions:
    """The options of the family block this monitor reads: one query.

    A survey holds the family block once; should a question appear twice, the first counts.
    """
    options = (
        Option.objects.filter(
            question__survey=survey,
            question__block=FAMILY,
            question__block_key__in=[HOME_AREA, BENEFITS, HOUSEHOLD],
        )
        .select_related("area", "question")
        .order_by("question__page__position", "question__position", "question_id", "position")
    )
    first: dict[str, int] = {}
    home_area: list[Option] = []
    benefits: dict[str, Option] = {}
    single_parent = None
    for option in options:
        key = option.question.block_key
        if first.setdefault(key, option.question_id) != option.question_id:
            continue
        if key == HOME_AREA:
            home_area.append(option)
        elif key == BENEFITS:
            benefits.setdefault(option.code, option)
        elif option.code == SINGLE_PARENT_CODE and single_parent is None:
            single_parent = option
    return _FamilyOptions(home_area=home_area, benefits=benefits, single_parent=single_parent)


def _option_counts(survey: Survey, options: list[Option]) -> dict[int, int]:
    """Responses per option: one grouped query."""
    if not options:
        return {}
    return dict(
        Answer.objects.filter(response__survey=survey, option__in=[o.pk for o in options])
        .values_list("option_id")
        .annotate(n=Count("response_id", distinct=True))
        .order_by()
    )
