"""Step 2 on the district home page: the goals and where their indicators stand."""

from __future__ import annotations

from collections import Counter

from django.db.models import Prefetch

from districts.home_panels import HomePanel
from districts.models import District
from goals.models import ActionGoal, Indicator


def panel(district: District) -> HomePanel:
    goals = list(
        ActionGoal.objects.for_district(district)
        .current()
        .filter(kind=ActionGoal.Kind.ACTION)
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.with_latest().order_by("pk"))
        )
        .order_by("title")
    )
    states: Counter[str] = Counter()
    for goal in goals:
        goal.curves = [indicator.state() for indicator in goal.indicators.all()]
        states.update(curve.key for curve in goal.curves)
    return HomePanel(
        step=2,
        template="goals/_home_goals.html",
        wide_template="goals/_home_goal_table.html",
        context={
            "home_goals": goals,
            "impact_goal_count": ActionGoal.objects.for_district(district)
            .current()
            .filter(kind=ActionGoal.Kind.IMPACT)
            .count(),
            "curve_counts": states,
        },
    )
