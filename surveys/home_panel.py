"""Step 3 on the district home page ("data and offerings"): what families say, below the
offerings panel of the same step."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from districts.home_panels import HomePanel
from districts.models import District
from surveys.models import Survey

RECENT_DAYS = 7


def panel(district: District) -> HomePanel:
    since = timezone.localdate() - datetime.timedelta(days=RECENT_DAYS - 1)
    counts = (
        Survey.objects.for_district(district)
        .filter(status=Survey.Status.OPEN)
        .aggregate(
            open_surveys=Count("pk", distinct=True),
            all_responses=Count("responses"),
            recent_responses=Count("responses", filter=Q(responses__submitted_on__gte=since)),
        )
    )
    return HomePanel(
        step=3,
        template="surveys/_home_surveys.html",
        context={
            "survey_open_count": counts["open_surveys"],
            "survey_response_count": counts["all_responses"],
            "survey_recent_response_count": counts["recent_responses"],
        },
    )
