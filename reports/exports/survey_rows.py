"""Export tables of what families answered: reach, views, barriers, what is missing, who
answered and the gaps between groups. One function per table, each returning columns and rows."""

from __future__ import annotations

from django.utils.translation import gettext, pgettext

from reports.dashboard import channel_name, group_names, language_name, stage_labels
from reports.exports.cells import Column, Value
from reports.exports.source import Rows, Source, column_names
from reports.schema import COLUMNS


def reach(source: Source) -> Rows:
    columns = [
        Column("view_key", pgettext("data export", "View (key)"), "code"),
        Column("view", pgettext("data export", "View")),
        Column("offering_id", pgettext("data export", "Offering (number)"), "code"),
        Column("offering", pgettext("data export", "Offering")),
        Column("column_key", pgettext("data export", "Column (key)"), "code"),
        Column("column", pgettext("data export", "Column")),
        Column("stage_key", pgettext("data export", "Stage (key)"), "code"),
        Column("stage", pgettext("data export", "Stage")),
        Column("base", pgettext("data export", "Base (families who answered)"), "count"),
        Column("count", pgettext("data export", "Families"), "count"),
        Column("percent", pgettext("data export", "Share of base (%)"), "percent"),
    ]
    names, stages = column_names(), stage_labels()
    funnel = source.part("reach").get("funnel") or {}
    # Views in the order of the filter list, then any the list does not name.
    keys = [f.key for f in source.report.filters if f.key in funnel]
    keys += [key for key in funnel if key not in keys]
    out: list[list[Value]] = []
    for key in keys:
        for row in funnel[key]:
            for column in COLUMNS:
                values = (row.get("columns") or {}).get(column)
                # A column nobody answered in (families without benefits in the view "with
                # benefits") holds only zeros; leaving it out loses nothing.
                if values is None or values.get("base") == {"n": 0}:
                    continue
                for stage in ("known", "used", "helpful"):
                    cell = values.get(stage)
                    out.append(
                        [
                            key,
                            source.view_label(key),
                            int(row["offering"]),
                            source.offering_name(row["offering"]),
                            column,
                            names[column],
                            stage,
                            stages[stage],
                            source.cells.count(values.get("base")),
                            source.cells.count(cell),
                            source.cells.percent(cell),
                        ]
                    )
    return columns, out


def filters(source: Source) -> Rows:
    columns = [
        Column("view_key", pgettext("data export", "View (key)"), "code"),
        Column("kind", pgettext("data export", "Kind")),
        Column("view", pgettext("data export", "View")),
        Column("respondents", pgettext("data export", "Families who answered"), "count"),
    ]
    kinds = {
        "all": gettext("Everyone"),
        "group": gettext("Groups"),
        "area": gettext("Areas"),
        "point": gettext("Collection points"),
        "language": gettext("Survey languages"),
    }
    out: list[list[Value]] = [
        [
            f["key"],
            kinds.get(f["kind"], f["kind"]),
            source.view_label(f["key"]),
            source.cells.count(f.get("respondents")),
        ]
        for f in source.tables.get("filters") or []
    ]
    return columns, out


def barriers(source: Source) -> Rows:
    columns = [
        Column("view_key", pgettext("data export", "View (key)"), "code"),
        Column("view", pgettext("data export", "View")),
        Column("base", pgettext("data export", "Base (families who answered)"), "count"),
        Column("code", pgettext("data export", "Barrier (key)"), "code"),
        Column("barrier", pgettext("data export", "Barrier")),
        *(Column(key, name, "count") for key, name in column_names().items()),
    ]
    by_filter = source.part("barriers").get("by_filter") or {}
    keys = [f.key for f in source.report.filters if f.key in by_filter]
    keys += [key for key in by_filter if key not in keys]
    out: list[list[Value]] = []
    for key in keys:
        table = by_filter[key]
        base = source.cells.count(table.get("base"))
        for row in table.get("rows", []):
            out.append(
                [
                    key,
                    source.view_label(key),
                    base,
                    row["code"],
                    source.report.barrier_label(row["code"]),
                    *(source.cells.count(row.get(column)) for column in COLUMNS),
                ]
            )
    return columns, out


def barriers_by_offering(source: Source) -> Rows:
    columns = [
        Column("offering_id", pgettext("data export", "Offering (number)"), "code"),
        Column("offering", pgettext("data export", "Offering")),
        Column("base", pgettext("data export", "Base (families who answered)"), "count"),
        Column("code", pgettext("data export", "Barrier (key)"), "code"),
        Column("barrier", pgettext("data export", "Barrier")),
        Column("count", pgettext("data export", "Families"), "count"),
    ]
    out: list[list[Value]] = []
    for entry in source.part("barriers").get("by_offering") or []:
        base = source.cells.count(entry.get("base"))
        for row in entry.get("rows", []):
            out.append(
                [
                    int(entry["offering"]),
                    source.offering_name(entry["offering"]),
                    base,
                    str(row["code"]),
                    source.report.barrier_label(str(row["code"])),
                    source.cells.count(row.get("count")),
                ]
            )
    return columns, out


def missing(source: Source) -> Rows:
    columns = [
        Column("code", pgettext("data export", "Answer (key)"), "code"),
        Column("answer", pgettext("data export", "What is missing")),
        Column("count", pgettext("data export", "Families"), "count"),
        Column("base", pgettext("data export", "Base (families who answered)"), "count"),
    ]
    part = source.part("missing")
    base = source.cells.count(part.get("base"))
    out: list[list[Value]] = [
        [row["code"], source.report.label(row["label"]), source.cells.count(row.get("count")), base]
        for row in part.get("rows", [])
    ]
    return columns, out


def missing_tags(source: Source) -> Rows:
    columns = [
        Column("tag", pgettext("data export", "Topic")),
        Column("count", pgettext("data export", "Families"), "count"),
    ]
    out: list[list[Value]] = [
        [str(tag["name"]), source.cells.count(tag.get("count"))]
        for tag in source.part("missing").get("tags", [])
    ]
    return columns, out


def respondents_areas(source: Source) -> Rows:
    columns = [
        Column("code", pgettext("data export", "Area (key)"), "code"),
        Column("area", pgettext("data export", "Area")),
        Column("respondents", pgettext("data export", "Families who answered"), "count"),
        Column("children", pgettext("data export", "Children under 18"), "number"),
        Column(
            "per_1000_children",
            pgettext("data export", "Families who answered per 1,000 children"),
            "number",
        ),
        Column("child_poverty", pgettext("data export", "Child poverty (%)"), "percent"),
        Column("high_poverty", pgettext("data export", "High child poverty"), "bool"),
        Column("uses_any", pgettext("data export", "Families using an offering"), "count"),
        Column(
            "uses_any_percent", pgettext("data export", "Families using an offering (%)"), "percent"
        ),
    ]
    part = source.part("respondents")
    out: list[list[Value]] = [
        [
            area["code"],
            area["name"],
            source.cells.count(area.get("respondents")),
            area.get("children"),
            area.get("per_1000_children"),
            area.get("child_poverty"),
            bool(area.get("high_poverty")),
            source.cells.count(area.get("uses_any")),
            source.cells.percent(area.get("uses_any")),
        ]
        for area in part.get("areas", [])
    ]
    if part.get("area_not_stated"):
        out.append(
            [
                "",
                pgettext("data export", "Area not stated"),
                source.cells.count(part["area_not_stated"]),
                None,
                None,
                None,
                None,
                None,
                None,
            ]
        )
    return columns, out


def respondents_groups(source: Source) -> Rows:
    columns = [
        Column("kind_key", pgettext("data export", "Kind (key)"), "code"),
        Column("kind", pgettext("data export", "Kind")),
        Column("key", pgettext("data export", "Key"), "code"),
        Column("name", pgettext("data export", "Name")),
        Column("respondents", pgettext("data export", "Families who answered"), "count"),
    ]
    part = source.part("respondents")
    groups = group_names()
    parts = (
        (
            "group",
            gettext("Group"),
            "groups",
            "key",
            lambda e: groups.get(str(e["key"]), str(e["key"])),
        ),
        (
            "language",
            gettext("Survey language"),
            "languages",
            "code",
            lambda e: language_name(str(e["code"])),
        ),
        ("point", gettext("Collection point"), "points", "id", lambda e: str(e["name"])),
        ("channel", gettext("Channel"), "channels", "code", lambda e: channel_name(str(e["code"]))),
    )
    out: list[list[Value]] = []
    for kind_key, kind, name, key, label in parts:
        for entry in part.get(name, []):
            out.append(
                [
                    kind_key,
                    kind,
                    str(entry[key]),
                    label(entry),
                    source.cells.count(entry.get("respondents")),
                ]
            )
    return columns, out


def poverty_gaps(source: Source) -> Rows:
    columns = [
        Column("offering_id", pgettext("data export", "Offering (number)"), "code"),
        Column("offering", pgettext("data export", "Offering")),
        Column("stage_key", pgettext("data export", "Stage (key)"), "code"),
        Column("stage", pgettext("data export", "Stage")),
        Column("with_benefits", pgettext("data export", "With benefits (%)"), "percent"),
        Column("without_benefits", pgettext("data export", "Without benefits (%)"), "percent"),
        Column("difference", pgettext("data export", "Difference (percentage points)"), "number"),
        Column("ci_low", pgettext("data export", "95 % interval from"), "number"),
        Column("ci_high", pgettext("data export", "95 % interval to"), "number"),
        Column("clear", pgettext("data export", "Clear gap"), "bool"),
    ]
    stages = stage_labels()
    out: list[list[Value]] = [
        [
            int(gap["offering"]),
            source.offering_name(gap["offering"]),
            gap["stage"],
            stages.get(gap["stage"], gap["stage"]),
            gap["with_pct"],
            gap["without_pct"],
            gap["difference"],
            gap["ci_low"],
            gap["ci_high"],
            bool(gap["clear"]),
        ]
        for gap in source.part("gaps").get("poverty_gaps", [])
    ]
    return columns, out


def area_gaps(source: Source) -> Rows:
    columns = [
        Column("code", pgettext("data export", "Area (key)"), "code"),
        Column("area", pgettext("data export", "Area")),
        Column("child_poverty", pgettext("data export", "Child poverty (%)"), "percent"),
        Column(
            "uses_percent", pgettext("data export", "Families using an offering (%)"), "percent"
        ),
        Column("reason_key", pgettext("data export", "Reason (key)"), "code"),
        Column("reason", pgettext("data export", "Reason")),
    ]
    reasons = {
        "low_reach": pgettext("data export", "Few families reached"),
        "no_answers": pgettext("data export", "Too few answers to say"),
    }
    out: list[list[Value]] = [
        [
            area["code"],
            area["name"],
            area.get("child_poverty"),
            area.get("uses_pct"),
            area["reason"],
            reasons.get(area["reason"], area["reason"]),
        ]
        for area in source.part("gaps").get("areas_low_reach", [])
    ]
    return columns, out
