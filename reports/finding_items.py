"""The report items a finding can be made from, read out of a snapshot's frozen tables.

A finding keeps the item's label and figures as the report showed them (already protected:
a hidden cell is "–" here too), in German and English, so it shows the numbers it was made
from however many snapshots follow. Items are looked up by kind and key in the tables, never
taken from the request, so a tampered link cannot put numbers into a finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from reports.dashboard import Report, stage_labels

STAGES = ("known", "used", "helpful")


@dataclass
class Item:
    kind: str
    key: str
    label: str
    title: str  # a suggestion for the finding's title
    figures: list[tuple[str, str]] = field(default_factory=list)
    offering_id: int | None = None


def _column_names() -> dict[str, str]:
    return {
        "all": _("all families"),
        "with_benefits": _("households with benefits"),
        "without_benefits": _("households without benefits"),
    }


def _columns(report: Report, cells: dict[str, Any]) -> list[tuple[str, str]]:
    names = _column_names()
    return [(names[c][:1].upper() + names[c][1:], str(cells[c])) for c in names if c in cells]


def _funnel(report: Report, key: str) -> Item | None:
    """Key "<offering>" (know, use, find helpful) or "<offering>/<stage>"."""
    offering, _sep, stage = key.partition("/")
    if not offering.isdigit() or (stage and stage not in STAGES):
        return None
    funnel = next((f for f in report.funnels("all") if f.offering.id == int(offering)), None)
    if funnel is None:
        return None
    names = stage_labels()
    name = funnel.offering.name
    if stage:
        cells = {column: funnel.cell(column, stage) for column in funnel.cells}
        label = f"{name}: {names.get(stage, stage)}"
        figures = _columns(report, cells)
    else:
        label = name
        figures = [
            (f"{names[s]} ({column})", str(funnel.cell(column_key, s)))
            for s in STAGES
            for column_key, column in _column_names().items()
            if column_key in funnel.cells
        ]
    return Item(
        "funnel",
        key,
        label,
        _("Reach of %(offering)s") % {"offering": name},
        figures,
        funnel.offering.id,
    )


def _barrier(report: Report, key: str) -> Item | None:
    table = report.barrier_table("all")
    row = next((r for r in (table or {}).get("rows", []) if r["code"] == key), None)
    if row is None:
        return None
    columns = ("all", "with_benefits", "without_benefits") if table["with_benefits"] else ("all",)
    figures = [(str(_("Answered why they do not use an offering")), str(table["base"]))]
    figures += _columns(report, {c: row[c] for c in columns})
    return Item(
        "barrier", key, row["label"], _("Barrier: %(label)s") % {"label": row["label"]}, figures
    )


def _area(report: Report, key: str) -> Item | None:
    area = next((a for a in report.respondent_areas() if a["code"] == key), None)
    gap = next((a for a in report.gaps()["areas"] if a["code"] == key), None)
    if area is None and gap is None:
        return None
    name = (area or gap)["name"]
    figures = []
    if area is not None:
        figures += [
            (_("Families who answered"), str(area["respondents"])),
            (_("Use at least one offering"), str(area["uses_any"])),
            (_("Child poverty"), area["child_poverty"]),
        ]
    elif gap is not None:
        figures += [(_("Child poverty"), gap["poverty_text"]), (_("Use"), gap["uses_text"])]
    return Item("area", key, name, _("Low reach in %(area)s") % {"area": name}, figures)


def _indicator(report: Report, key: str) -> Item | None:
    series = next((s for s in report.indicators if str(s.get("id")) == key), None)
    if series is None:
        return None
    figures: list[tuple[str, str]] = []
    values = series.get("values") or []
    if values:
        figures.append((_("Latest value (%(date)s)") % {"date": values[-1][0]}, str(values[-1][1])))
    if series.get("target_value") is not None:
        figures.append((_("Target"), str(series["target_value"])))
    survey = report.from_survey(series)
    if survey:
        figures.append((_("From this survey"), survey["value"]))
    name = str(series["name"])
    return Item(
        "indicator", key, name, _("Indicator off track: %(name)s") % {"name": name}, figures
    )


def _gap(report: Report, key: str) -> Item | None:
    gaps = report.gaps()
    if key.startswith("goal:"):
        goal = next((g for g in gaps["goals"] if f"goal:{g['id']}" == key), None)
        if goal is None:
            return None
        label = _("No offering for the goal “%(goal)s”") % {"goal": goal["title"]}
        return Item("gap", key, label, label, [])
    gap = next((g for g in gaps["poverty"] if f"{g['offering']}/{g['stage']}" == key), None)
    if gap is None:
        return None
    label = f"{gap['offering_name']}: {gap['stage_name']}"
    return Item(
        "gap",
        key,
        label,
        _("%(offering)s reaches households with benefits less")
        % {"offering": gap["offering_name"]},
        [
            (_("Households with benefits"), gap["with_text"]),
            (_("Households without benefits"), gap["without_text"]),
            (_("Difference"), gap["difference_text"]),
            (_("95 % interval"), gap["interval_text"]),
        ],
        int(gap["offering"]),
    )


def _missing(report: Report, key: str) -> Item | None:
    missing = report.missing()
    row = next(
        (
            r
            for r, raw in zip(
                missing["rows"], (report.tables.get("missing") or {}).get("rows", []), strict=False
            )
            if raw["code"] == key
        ),
        None,
    )
    if row is None:
        return None
    return Item(
        "missing",
        key,
        row["label"],
        _("Families miss: %(label)s") % {"label": row["label"]},
        [
            (_("Families who named it"), str(row["count"])),
            (_("Answered the question"), str(missing["base"])),
        ],
    )


def _theme(report: Report, key: str) -> Item | None:
    tag = next((t for t in report.missing()["tags"] if t["name"] == key), None)
    if tag is None:
        return None
    return Item(
        "theme",
        key,
        tag["name"],
        _("Free-text theme: %(name)s") % {"name": tag["name"]},
        [(_("Answers with this theme"), str(tag["count"]))],
    )


READERS = {
    "funnel": _funnel,
    "barrier": _barrier,
    "area": _area,
    "indicator": _indicator,
    "gap": _gap,
    "missing": _missing,
    "theme": _theme,
}


def find_item(tables: dict[str, Any], kind: str, key: str) -> Item | None:
    """The item in the active language, or None when the snapshot has no such item."""
    reader = READERS.get(kind)
    if reader is None or not key:
        return None
    return reader(Report(tables), key)


def frozen_figures(tables: dict[str, Any], kind: str, key: str) -> tuple[str, list[dict[str, str]]]:
    """The item's label and figures in both languages, to store on the finding."""
    texts = {}
    for language in ("de", "en"):
        with translation.override(language):
            item = find_item(tables, kind, key)
            if item is None:
                return "", []
            texts[language] = item
    figures = [
        {"de": f"{de[0]}: {de[1]}", "en": f"{en[0]}: {en[1]}"}
        for de, en in zip(texts["de"].figures, texts["en"].figures, strict=True)
    ]
    return texts["de"].label, figures
