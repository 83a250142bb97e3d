"""The district's indicators with their time series, for the "turn the curve" charts."""

from __future__ import annotations

from goals.models import Indicator, IndicatorValue
from goals.models.goal import ActionGoal
from reports.schema import IndicatorSeries


def indicator_series(district: object) -> list[IndicatorSeries]:
    """Every indicator of the district's current goals with its values, oldest first.

    Two queries: the indicators with their goals, and all their values. Survey figures
    (`from_survey`) are added by the build from the indicator links of the survey.
    """
    indicators = list(
        Indicator.objects.for_district(district)
        .exclude(goal__status=ActionGoal.Status.DROPPED)
        .select_related("goal")
        .order_by("goal__kind", "goal__title", "pk")
    )
    values: dict[int, list[list[str | float]]] = {}
    for indicator_id, measured_on, value in (
        IndicatorValue.objects.filter(indicator__in=[i.pk for i in indicators])
        .order_by("measured_on", "pk")
        .values_list("indicator_id", "measured_on", "value")
    ):
        values.setdefault(indicator_id, []).append([measured_on.isoformat(), value])
    return [
        {
            "id": indicator.pk,
            "name": indicator.name,
            "goal": indicator.goal.title,
            "unit": indicator.unit,
            "direction": indicator.direction,
            "baseline_value": indicator.baseline_value,
            "baseline_on": _iso(indicator.baseline_on),
            "target_value": indicator.target_value,
            "target_on": _iso(indicator.target_on),
            "values": values.get(indicator.pk, []),
        }
        for indicator in indicators
    ]


def _iso(day: object) -> str | None:
    return None if day is None else day.isoformat()  # type: ignore[attr-defined]
