"""Plain-language captions that say what a chart shows, generated from its numbers.

A caption names the finding and the numbers behind it in the active language, so a reader
who cannot see the chart (or skips it) gets the point. Suppressed numbers are never guessed:
the caption says there are too few answers instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext, ngettext

from reports.dashboard import CellView, FunnelView, HeatRow, date_text, number_text, percent_text

if TYPE_CHECKING:
    from reports.dashboard import Offering

# Differences below this many percentage points are read as "about as often".
SIMILAR_POINTS = 5.0


def _whole(p: float) -> str:
    return percent_text(p, 0)


def _verb(stage: str) -> str:
    return {"known": gettext("know"), "used": gettext("use"), "helpful": gettext("find helpful")}[
        stage
    ]


def benefits_comparison(name: str, with_cell: CellView, without_cell: CellView, stage: str) -> str:
    """'Families with benefits know X half as often as other families (30 % vs. 62 %).'"""
    if with_cell.p is None or without_cell.p is None:
        return gettext(
            "%(name)s: too few answers to compare families with and without benefits."
        ) % {"name": name}
    values = {
        "name": name,
        "verb": _verb(stage),
        "with": _whole(with_cell.p),
        "without": _whole(without_cell.p),
    }
    difference = with_cell.p - without_cell.p
    if abs(difference) < SIMILAR_POINTS:
        text = gettext(
            "Families with and without benefits %(verb)s %(name)s about equally often "
            "(%(with)s vs. %(without)s)."
        )
    elif without_cell.p > 0 and 0.4 <= with_cell.p / without_cell.p <= 0.6:
        text = gettext(
            "Families with benefits %(verb)s %(name)s half as often as other families "
            "(%(with)s vs. %(without)s)."
        )
    elif difference < 0:
        text = gettext(
            "Families with benefits %(verb)s %(name)s less often than other families "
            "(%(with)s vs. %(without)s)."
        )
    else:
        text = gettext(
            "Families with benefits %(verb)s %(name)s more often than other families "
            "(%(with)s vs. %(without)s)."
        )
    return text % values


def funnel_caption(funnel: FunnelView) -> str:
    """The with/without comparison of 'known', and how many of all families use it."""
    columns = funnel.cells
    name = funnel.offering.name
    known = columns.get("all", {}).get("known")
    split = "with_benefits" in columns and "without_benefits" in columns
    if not split and (known is None or known.p is None):
        return gettext("%(name)s: too few answers to give shares.") % {"name": name}
    with_known = funnel.cell("with_benefits", "known") if split else None
    without_known = funnel.cell("without_benefits", "known") if split else None
    if (
        (
            with_known is None
            or without_known is None
            or with_known.p is None
            or without_known.p is None
        )
        and known
        and known.p is not None
    ):
        # A view of one group (or too few of the other): say how far it reaches there.
        caption = gettext("%(share)s of the families shown know %(name)s.") % {
            "share": _whole(known.p),
            "name": name,
        }
    else:
        caption = benefits_comparison(name, with_known, without_known, "known")
    used = columns.get("all", {}).get("used")
    if used is not None and used.p is not None:
        caption += " " + gettext("%(share)s of the families shown use it.") % {
            "share": _whole(used.p)
        }
    return caption


def overview_caption(funnels: list[FunnelView], stage: str) -> str:
    """The offering with the largest gap between families with and without benefits."""
    comparable = [
        f
        for f in funnels
        if "with_benefits" in f.cells
        and "without_benefits" in f.cells
        and f.cell("with_benefits", stage).p is not None
        and f.cell("without_benefits", stage).p is not None
    ]
    if not comparable:
        return gettext("Too few answers to compare families with and without benefits.")
    widest = max(
        comparable,
        key=lambda f: abs(
            (f.cell("with_benefits", stage).p or 0) - (f.cell("without_benefits", stage).p or 0)
        ),
    )
    return benefits_comparison(
        widest.offering.name,
        widest.cell("with_benefits", stage),
        widest.cell("without_benefits", stage),
        stage,
    )


def barrier_caption(rows: list[dict[str, Any]]) -> str:
    """'The most frequent barrier: “I did not know it exists” (41 families).'"""
    shown = [row for row in rows if row["all"].n is not None]
    if not shown:
        return gettext("Too few answers to rank the barriers.")
    top = max(shown, key=lambda row: row["all"].n)
    count = top["all"].n
    return ngettext(
        "The most frequent barrier: “%(label)s” (%(count)s family).",
        "The most frequent barrier: “%(label)s” (%(count)s families).",
        count,
    ) % {"label": top["label"], "count": number_text(count)}


def missing_caption(rows: list[dict[str, Any]]) -> str:
    shown = [row for row in rows if row["count"].n is not None]
    if not shown:
        return gettext("Too few answers to say what families miss most.")
    top = max(shown, key=lambda row: row["count"].n)
    count = top["count"].n
    return ngettext(
        "Families miss most: “%(label)s” (%(count)s family).",
        "Families miss most: “%(label)s” (%(count)s families).",
        count,
    ) % {"label": top["label"], "count": number_text(count)}


def heat_map_caption(rows: list[HeatRow], offerings: list[Offering], stage: str) -> str:
    """Where an offering is known (used) most and least, among the cells that are shown."""
    shown = [
        (cell.cell.p, row.name, offering.name)
        for row in rows
        for cell, offering in zip(row.cells, offerings, strict=True)
        if cell.cell.p is not None
    ]
    if len(shown) < 2:
        return gettext("Too few answers to compare the areas.")
    high = max(shown, key=lambda item: item[0])
    low = min(shown, key=lambda item: item[0])
    text = (
        gettext(
            "Highest share who know it: %(high_offering)s in %(high_area)s (%(high)s); lowest: %(low_offering)s in %(low_area)s (%(low)s)."
        )
        if stage == "known"
        else gettext(
            "Highest share who use it: %(high_offering)s in %(high_area)s (%(high)s); lowest: %(low_offering)s in %(low_area)s (%(low)s)."
        )
    )
    return text % {
        "high_offering": high[2],
        "high_area": high[1],
        "high": _whole(high[0]),
        "low_offering": low[2],
        "low_area": low[1],
        "low": _whole(low[0]),
    }


def respondents_caption(areas: list[dict[str, Any]]) -> str:
    shown = [a for a in areas if a["per_1000"] is not None]
    if not shown:
        return gettext("Too few answers to compare the areas.")
    top = max(shown, key=lambda a: a["per_1000"])
    low = min(shown, key=lambda a: a["per_1000"])
    if top is low:
        return gettext("%(area)s: %(value)s answers per 1,000 children.") % {
            "area": top["name"],
            "value": top["per_1000_text"],
        }
    return gettext(
        "Most answers per 1,000 children came from %(top)s (%(top_value)s), "
        "fewest from %(low)s (%(low_value)s)."
    ) % {
        "top": top["name"],
        "top_value": top["per_1000_text"],
        "low": low["name"],
        "low_value": low["per_1000_text"],
    }


def indicator_caption(series: dict[str, Any], unit: str) -> str:
    """Latest value against the target, with the survey's own value when it feeds one."""
    name = series["name"]
    values = series.get("values") or []
    if not values:
        return gettext("%(name)s: no values yet.") % {"name": name}
    latest_on, latest = values[-1]
    text = gettext("%(name)s: latest value %(value)s (%(date)s).") % {
        "name": name,
        "value": value_with_unit(float(latest), unit),
        "date": date_text(latest_on),
    }
    if series.get("target_value") is not None and series.get("target_on"):
        text += " " + gettext("Target: %(value)s by %(date)s.") % {
            "value": value_with_unit(float(series["target_value"]), unit),
            "date": date_text(series["target_on"]),
        }
    return text


def value_with_unit(value: float, unit: str) -> str:
    """ "9,7 %", "200 €", "171" — a plain count needs no unit word."""
    number = number_text(value, 1 if value % 1 else 0)
    return f"{number}\u00a0{unit}" if unit else number


def compare_caption(rows: list[dict[str, Any]], stage: str) -> str:
    """The offering whose share changed most between the two snapshots."""
    changed = [row for row in rows if row[f"{stage}_change"] is not None]
    if not changed:
        return gettext("Too few answers in one of the two reports to compare.")
    top = max(changed, key=lambda row: abs(row[f"{stage}_change"]))
    values = {
        "name": top["name"],
        "before": _whole(top[f"{stage}_before"]),
        "after": _whole(top[f"{stage}_after"]),
        "points": number_text(abs(top[f"{stage}_change"]), 1),
    }
    change = top[f"{stage}_change"]
    if abs(change) < 1:
        if stage == "known":
            return gettext("Known: no offering changed by a whole point or more.")
        return gettext("Used: no offering changed by a whole point or more.")
    if stage == "known":
        text = (
            gettext(
                "Largest change in who knows an offering: %(name)s rose from %(before)s to %(after)s (+%(points)s points)."
            )
            if change > 0
            else gettext(
                "Largest change in who knows an offering: %(name)s fell from %(before)s to %(after)s (−%(points)s points)."
            )
        )
    else:
        text = (
            gettext(
                "Largest change in who uses an offering: %(name)s rose from %(before)s to %(after)s (+%(points)s points)."
            )
            if change > 0
            else gettext(
                "Largest change in who uses an offering: %(name)s fell from %(before)s to %(after)s (−%(points)s points)."
            )
        )
    return text % values
