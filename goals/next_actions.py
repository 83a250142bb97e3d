"""Step 2 of the next steps on the district home page: goals and indicators that lack data."""

from __future__ import annotations

import datetime

from django.utils.translation import ngettext

from districts.models import District
from districts.next_actions import LOW, NORMAL, Action, Rule
from goals.models import ActionGoal, Indicator


def goals_without_indicator(district: District, today: datetime.date) -> Action | None:
    """Action goals nobody can measure yet: the data development agenda lists them."""
    count = (
        ActionGoal.objects.for_district(district)
        .current()
        .filter(kind=ActionGoal.Kind.ACTION)
        .without_indicators()
        .count()
    )
    if not count:
        return None
    return Action(
        step=2,
        text=ngettext(
            "%(count)s action goal without an indicator",
            "%(count)s action goals without an indicator",
            count,
        )
        % {"count": count},
        url_name="goals:data_agenda",
        url_kwargs={"district": district.slug},
        priority=NORMAL,
    )


def stale_indicators(district: District, today: datetime.date) -> Action | None:
    """Indicators without a value from the last year, as the data development agenda counts them."""
    count = (
        Indicator.objects.for_district(district)
        .exclude(goal__status=ActionGoal.Status.DROPPED)
        .stale(today)
        .count()
    )
    if not count:
        return None
    return Action(
        step=2,
        text=ngettext(
            "%(count)s indicator without a value from the last year",
            "%(count)s indicators without a value from the last year",
            count,
        )
        % {"count": count},
        url_name="goals:data_agenda",
        url_kwargs={"district": district.slug},
        priority=LOW,
    )


RULES: list[Rule] = [goals_without_indicator, stale_indicators]
