"""Export tables of the district's planning data frozen with the snapshot: goals and target
groups without offerings, coverage, resources and indicators."""

from __future__ import annotations

from django.utils.translation import gettext, pgettext

from goals.models import Indicator
from reports.exports.cells import Column, Value
from reports.exports.source import Rows, Source


def goals_without_offerings(source: Source) -> Rows:
    columns = [
        Column("goal_id", pgettext("data export", "Goal (number)"), "code"),
        Column("goal", pgettext("data export", "Goal")),
    ]
    out: list[list[Value]] = [
        [int(goal["id"]), str(goal["title"])]
        for goal in source.part("gaps").get("goals_without_offerings", [])
    ]
    return columns, out


def target_groups_without_offerings(source: Source) -> Rows:
    columns = [
        Column("kind_key", pgettext("data export", "Kind (key)"), "code"),
        Column("kind", pgettext("data export", "Kind")),
        Column("name", pgettext("data export", "Name")),
    ]
    kinds = {"target_group": gettext("target group"), "life_phase": gettext("life phase")}
    out: list[list[Value]] = [
        [row["kind"], kinds.get(row["kind"], row["kind"]), row["name"]]
        for row in source.part("gaps").get("target_groups_without_offerings", [])
    ]
    return columns, out


def coverage_offerings(source: Source) -> Rows:
    columns = [
        Column("offering_id", pgettext("data export", "Offering (number)"), "code"),
        Column("offering", pgettext("data export", "Offering")),
        Column("reached_per_month", pgettext("data export", "Reached per month"), "number"),
        Column(
            "eligible_children", pgettext("data export", "Children in the target group"), "number"
        ),
        Column("coverage_percent", pgettext("data export", "Coverage (%)"), "percent"),
        Column("areas", pgettext("data export", "Areas served (keys)"), "code"),
    ]
    out: list[list[Value]] = [
        [
            int(row["offering"]),
            row.get("name") or source.offering_name(row["offering"]),
            row.get("reached_per_month"),
            row.get("eligible_children"),
            row.get("coverage_pct"),
            ", ".join(row.get("areas") or []) or gettext("whole district"),
        ]
        for row in source.part("coverage").get("offerings", [])
    ]
    return columns, out


def coverage_areas(source: Source) -> Rows:
    columns = [
        Column("code", pgettext("data export", "Area (key)"), "code"),
        Column("area", pgettext("data export", "Area")),
        Column("life_phase", pgettext("data export", "Ages"), "code"),
        Column("reached_per_month", pgettext("data export", "Reached per month"), "number"),
        Column(
            "eligible_children", pgettext("data export", "Children in the target group"), "number"
        ),
        Column("coverage_percent", pgettext("data export", "Coverage (%)"), "percent"),
        Column("statistics_year", pgettext("data export", "Statistics year"), "code"),
    ]
    part = source.part("coverage")
    out: list[list[Value]] = [
        [
            row["code"],
            row["name"],
            str(row["life_phase"]),
            row.get("reached_per_month"),
            row.get("eligible_children"),
            row.get("coverage_pct"),
            part.get("statistics_year"),
        ]
        for row in part.get("areas", [])
    ]
    return columns, out


def resources(source: Source) -> Rows:
    columns = [
        Column("offering_id", pgettext("data export", "Offering (number)"), "code"),
        Column("offering", pgettext("data export", "Offering")),
        Column("budget_per_year", pgettext("data export", "Budget per year (€)"), "euro"),
        Column("reached_per_year", pgettext("data export", "Reached per year"), "number"),
        Column("per_family", pgettext("data export", "Per family reached (€)"), "euro"),
    ]
    out: list[list[Value]] = [
        [
            int(row["offering"]),
            row.get("name") or source.offering_name(row["offering"]),
            row.get("budget_per_year"),
            row.get("reached_per_year"),
            row.get("per_family"),
        ]
        for row in source.tables.get("resources") or []
    ]
    return columns, out


def indicators(source: Source) -> Rows:
    columns = [
        Column("indicator_id", pgettext("data export", "Indicator (number)"), "code"),
        Column("indicator", pgettext("data export", "Indicator")),
        Column("goal", pgettext("data export", "Goal")),
        Column("unit", pgettext("data export", "Unit")),
        Column("direction", pgettext("data export", "Direction")),
        Column("baseline_value", pgettext("data export", "Baseline"), "number"),
        Column("baseline_on", pgettext("data export", "Baseline date"), "date"),
        Column("target_value", pgettext("data export", "Target"), "number"),
        Column("target_on", pgettext("data export", "Target date"), "date"),
        Column("source", pgettext("data export", "Source")),
        Column("measured_on", pgettext("data export", "Date"), "date"),
        Column("value", pgettext("data export", "Value"), "number"),
        Column("count", pgettext("data export", "Families"), "count"),
        Column("base", pgettext("data export", "Base (families who answered)"), "count"),
    ]
    units = dict(Indicator.Unit.choices)
    directions = dict(Indicator.Direction.choices)
    last_answer = (source.tables.get("meta") or {}).get("last_answer_on")
    out: list[list[Value]] = []
    for series in source.tables.get("indicators") or []:
        head: list[Value] = [
            int(series["id"]),
            series["name"],
            series["goal"],
            str(units.get(series.get("unit"), series.get("unit") or "")),
            str(directions.get(series.get("direction"), series.get("direction") or "")),
            series.get("baseline_value"),
            series.get("baseline_on"),
            series.get("target_value"),
            series.get("target_on"),
        ]
        lines: list[list[Value]] = [
            [pgettext("data export", "measured"), str(on), float(value), None, None]
            for on, value in series.get("values") or []
        ]
        survey = series.get("from_survey")
        if survey:
            count = source.cells.count(survey.get("count"))
            # A value the small-cell rule withholds carries the marker of its count.
            value = survey.get("value")
            shown = float(value) if value is not None else source.cells.marker(survey.get("count"))
            lines.append(
                [
                    pgettext("data export", "this report"),
                    last_answer,
                    shown,
                    count,
                    source.cells.count(survey.get("base")),
                ]
            )
        for line in lines or [[None, None, None, None, None]]:
            out.append([*head, *line])
    return columns, out
