"""Step 3 of the next steps on the district home page: offerings nobody has confirmed lately."""

from __future__ import annotations

import datetime

from django.utils.translation import ngettext

from districts.models import District
from districts.next_actions import NORMAL, Action, Rule
from offerings.models import Offering


def stale_offerings(district: District, today: datetime.date) -> Action | None:
    """Published offerings not confirmed for a year; ended ones need no confirmation (the same
    rule as the step-3 panel and the list of offerings to confirm)."""
    count = (
        Offering.objects.for_district(district)
        .published()
        .stale(today)
        .exclude(status=Offering.Status.ENDED)
        .count()
    )
    if not count:
        return None
    return Action(
        step=3,
        text=ngettext(
            "%(count)s offering not confirmed for over a year",
            "%(count)s offerings not confirmed for over a year",
            count,
        )
        % {"count": count},
        url_name="offerings:stale",
        url_kwargs={"district": district.slug},
        priority=NORMAL,
    )


RULES: list[Rule] = [stale_offerings]
