"""What the transparency report shows, read from a snapshot's frozen tables only.

One builder for the PDF (charts as SVG images) and the public HTML page (charts drawn by
Plotly in the browser): both show the same sections in the same order, following the
Social Reporting Standard (findings, context, goals, resources, reach, barriers, gaps,
what is missing, next steps, method). Nothing here queries live data: offering, area and
point names come from the snapshot, so a published report never changes and never shows
more than its suppressed tables (no free text, no contact data).
"""

from __future__ import annotations

import base64
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from mitwirkung.charts import Chart
from reports import captions, charts
from reports.dashboard import Report, heat_legend, language_name, number_text, percent_text
from reports.evidence import present_changes

if TYPE_CHECKING:
    from reports.models import ReportSnapshot

ChartMode = Literal["svg", "js"]
HEAT_COLUMNS = 6  # offerings per heat-map table: more columns do not fit an A4 page
SUMMARY_ITEMS = 3  # findings, gaps and decisions on the one-page brief
BARRIERS_PER_OFFERING = 5  # the full ranking per offering is in the data files


@dataclass
class DocChart:
    """A dashboard chart in a document: the Chart, and in the PDF its figure as SVG."""

    chart: Chart
    size: Literal["wide", "half"] = "wide"
    svg: str = ""

    @property
    def width(self) -> int:
        """Pixel width kaleido draws at; the PDF scales the SVG to the column."""
        return 760 if self.size == "wide" else 520

    @property
    def svg_data_uri(self) -> str:
        """The SVG as an image URL: WeasyPrint draws an <img> SVG far faster than inline SVG."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode("ascii")

    @property
    def height(self) -> int:
        return int(self.chart.figure.get("layout", {}).get("height") or 360)  # type: ignore[union-attr]


@dataclass
class Statement:
    """One plain sentence of the summary, the gaps or the next steps."""

    text: str
    kind: str = ""
    weight: float = 0.0


def sections(*, changes: bool = False) -> list[dict[str, str]]:
    """The report's chapters in the order of the Social Reporting Standard (ids for the TOC);
    "what has changed" only when the district published decisions."""
    titles = [
        ("summary", gettext("The essentials in brief")),
        ("context", gettext("Problem and context")),
        ("goals", gettext("Goals and indicators")),
        ("resources", gettext("Offerings and resources")),
        ("reach", gettext("Reach of the offerings")),
        ("barriers", gettext("Barriers")),
        ("gaps", gettext("Gaps")),
        ("missing", gettext("What families miss")),
        ("changed", gettext("What has changed")),
        ("next", gettext("Lessons and next steps")),
        ("method", gettext("Method and data protection")),
    ]
    if not changes:
        titles = [t for t in titles if t[0] != "changed"]
    return [
        {"key": key, "id": f"doc-{key}", "number": str(i), "title": title}
        for i, (key, title) in enumerate(titles, 1)
    ]


def report_context(
    snapshot: ReportSnapshot,
    *,
    language: str,
    chart_mode: ChartMode,
    on_chart: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Everything the report and the brief show, in `language`.

    In "svg" mode every chart also carries its SVG (one browser session for all of them;
    `on_chart(done, total)` is told after each); in "js" mode the page draws them.
    """
    with translation.override(language):
        context = _content(snapshot, language, chart_mode)
    if chart_mode == "svg":
        render_svgs(context["charts"], on_chart=on_chart)
    return context


def render_svgs(
    doc_charts: list[DocChart], *, on_chart: Callable[[int, int], None] | None = None
) -> None:
    """Fill in every chart's SVG; the figures keep the language they were built in."""
    from reports.documents.svg import figures_to_svg

    svgs = figures_to_svg(
        [(c.chart.figure, c.width, c.height) for c in doc_charts],  # type: ignore[misc]
        on_figure=on_chart,
    )
    for doc_chart, svg in zip(doc_charts, svgs, strict=True):
        doc_chart.svg = svg


def public_report_url(snapshot: ReportSnapshot) -> str:
    """The public page of a published snapshot, absolute when settings.SITE_URL is set."""
    path = reverse(
        "transparency:report",
        kwargs={"district": snapshot.district.slug, "snapshot": snapshot.pk},
    )
    return getattr(settings, "SITE_URL", "").rstrip("/") + path


def _content(snapshot: ReportSnapshot, language: str, chart_mode: ChartMode) -> dict[str, Any]:
    report = Report(snapshot.tables)
    meta = report.meta
    all_charts: list[DocChart] = []

    def add(chart: Chart | None, size: Literal["wide", "half"] = "wide") -> DocChart | None:
        if chart is None:
            return None
        entry = DocChart(chart, size)
        all_charts.append(entry)
        return entry

    funnels = report.funnels("all")
    barrier_table = report.barrier_table("all")
    missing = report.missing()
    areas = report.respondent_areas()
    gaps = report.gaps()
    heat_tables = [_heat_table(report, stage) for stage in ("known", "used")]

    known_chart = add(charts.overview_chart(funnels, "known", "doc-known"))
    used_chart = add(charts.overview_chart(funnels, "used", "doc-used"))
    funnel_charts = [
        (f, add(charts.funnel_chart(f, f"doc-funnel-{i}"), "half"))
        for i, f in enumerate(funnels, 1)
    ]
    indicator_charts = [
        (add(charts.indicator_chart(series), "half"), report.from_survey(series))
        for series in report.indicators
    ]
    respondents_chart = add(charts.respondents_chart(areas, "doc-respondents"))
    barrier_chart = add(charts.barrier_chart(barrier_table, "doc-barriers"))
    missing_chart = add(charts.missing_chart(missing, "doc-missing"))

    barriers_by_offering = _top_barriers_by_offering(report)
    findings = _findings(report, funnels, barrier_table, missing, heat_tables)
    gap_statements = _gap_statements(report, gaps)
    decisions = _decisions(report, gaps, barrier_table)
    methodology = report.methodology()
    changes = present_changes(snapshot.tables or {})
    chapters = sections(changes=bool(changes))
    return {
        "sections": chapters,
        "section": {chapter["key"]: chapter for chapter in chapters},
        "report": report,
        "snapshot": snapshot,
        "language": language,
        "chart_mode": chart_mode,
        "charts": all_charts,
        "meta": meta,
        "title": gettext("Transparency report"),
        "survey_title": meta.get("survey_title") or "",
        "district_name": meta.get("district") or "",
        "period_text": _period_text(methodology),
        "respondents": report.respondents,
        "is_demo": bool(meta.get("is_demo")),
        "is_published": snapshot.is_published,
        "public_url": public_report_url(snapshot) if snapshot.is_published else "",
        "report_filename": _report_filename(snapshot, language),
        # (1) summary
        "findings": findings,
        # (2) problem and context
        "respondents_chart": respondents_chart,
        "respondent_areas": areas,
        "respondent_groups": report.respondent_groups(),
        "area_not_stated": report.area_not_stated,
        # (3) goals and indicators
        "indicator_charts": indicator_charts,
        "indicator_pairs": _pairs(indicator_charts),
        "goals_without_offerings": gaps["goals"],
        # (4) offerings and resources
        "coverage": report.coverage(),
        "resources": report.resources(),
        # (5) reach
        "known_chart": known_chart,
        "used_chart": used_chart,
        "funnel_charts": funnel_charts,
        "funnel_pairs": _pairs(funnel_charts),
        "heat_tables": heat_tables,
        "heat_legend": heat_legend(),
        # (6) barriers
        "barrier_chart": barrier_chart,
        "barrier_base": barrier_table["base"] if barrier_table else None,
        "barriers_by_offering": barriers_by_offering,
        "barrier_pairs": _pairs(barriers_by_offering),
        "barriers_per_offering": BARRIERS_PER_OFFERING,
        # (7) gaps
        "gaps": gaps,
        "gap_statements": gap_statements,
        "top_gaps": _diverse(gap_statements, SUMMARY_ITEMS),
        "top_findings": _diverse(findings, SUMMARY_ITEMS),
        "top_decisions": _diverse(decisions, SUMMARY_ITEMS),
        # (8) what is missing
        "missing": missing,
        "missing_chart": missing_chart,
        # what the district changed because of what families said (step 5), when published
        "changes": changes,
        # (9) lessons and next steps
        "decisions": decisions,
        # (10) methodology
        "methodology": methodology,
        "languages": [language_name(code) for code in meta.get("languages") or []],
        "collection_points": [str(p.get("name", "")) for p in meta.get("collection_points") or []],
    }


def _report_filename(snapshot: ReportSnapshot, language: str) -> str:
    """The name the report's PDF downloads under (the brief points readers to it)."""
    from reports.models import ReportDocument

    return ReportDocument(
        snapshot_id=snapshot.pk, kind=ReportDocument.Kind.REPORT, language=language
    ).filename


def _period_text(methodology: dict[str, Any]) -> str:
    start, end = methodology["period_start"], methodology["period_end"]
    if start or end:
        return f"{start or '…'} – {end or '…'}"
    first, last = methodology["first_answer"], methodology["last_answer"]
    if first or last:
        return f"{first or '…'} – {last or '…'}"
    return gettext("the whole survey")


def _heat_table(report: Report, stage: str) -> dict[str, Any]:
    """The heat map of one stage, cut into tables of a few offerings each (A4 width)."""
    rows = report.heat_map(stage)
    caption = captions.heat_map_caption(rows, report.offerings, stage)
    # Even parts (13 offerings → 5 + 4 + 4, not 6 + 6 + 1).
    count = len(report.offerings)
    size = math.ceil(count / math.ceil(count / HEAT_COLUMNS)) if count else HEAT_COLUMNS
    parts = [
        {
            "offerings": report.offerings[start : start + size],
            "rows": [{"row": row, "cells": row.cells[start : start + size]} for row in rows],
        }
        for start in range(0, count, size)
    ]
    return {"stage": stage, "caption": caption, "parts": parts, "has_rows": bool(rows)}


def _top_barriers_by_offering(report: Report) -> list[dict[str, Any]]:
    """The most named barriers of each offering; how many more there are, in words."""
    entries = []
    for entry in report.barriers_by_offering():
        rows = entry["rows"]
        entries.append(
            {
                **entry,
                "rows": rows[:BARRIERS_PER_OFFERING],
                "more": len(rows) - BARRIERS_PER_OFFERING,
            }
        )
    return entries


def _diverse(statements: list[Statement], count: int) -> list[Statement]:
    """The first statement of each kind, then the rest in order: a short list of gaps
    should name different kinds of gap, not three offerings of the same kind."""
    chosen: list[Statement] = []
    kinds: set[str] = set()
    for statement in statements:
        if statement.kind not in kinds:
            chosen.append(statement)
            kinds.add(statement.kind)
    chosen += [s for s in statements if s not in chosen]
    return chosen[:count]


# --- plain sentences ------------------------------------------------------------------------


def _findings(
    report: Report,
    funnels: list[Any],
    barrier_table: dict[str, Any] | None,
    missing: dict[str, Any],
    heat_tables: list[dict[str, Any]],
) -> list[Statement]:
    """The strongest results in plain words, strongest first: the captions of the charts."""
    found: list[Statement] = []
    respondents = report.respondents
    if respondents.n is not None:
        found.append(
            Statement(
                ngettext(
                    "%(count)s family answered the survey.",
                    "%(count)s families answered the survey.",
                    respondents.n,
                )
                % {"count": number_text(respondents.n)},
                "respondents",
            )
        )
    for stage in ("known", "used"):
        widest = _widest_difference(funnels, stage)
        if widest is not None:
            funnel, difference = widest
            found.append(
                Statement(
                    captions.benefits_comparison(
                        funnel.offering.name,
                        funnel.cell("with_benefits", stage),
                        funnel.cell("without_benefits", stage),
                        stage,
                    ),
                    "reach",
                    abs(difference),
                )
            )
    if barrier_table and any(row["all"].n is not None for row in barrier_table["rows"]):
        found.append(Statement(captions.barrier_caption(barrier_table["rows"]), "barrier"))
    if any(row["count"].n is not None for row in missing["rows"]):
        found.append(Statement(captions.missing_caption(missing["rows"]), "missing"))
    best = _best_known(funnels)
    if best is not None:
        found.append(
            Statement(
                gettext("Best known offering: %(name)s, known by %(share)s of all families.")
                % {
                    "name": best.offering.name,
                    "share": percent_text(best.cell("all", "known").p, 0),
                },
                "best_known",
            )
        )
    if heat_tables and heat_tables[0]["has_rows"]:
        caption = heat_tables[0]["caption"]
        if caption != gettext("Too few answers to compare the areas."):
            found.append(Statement(caption, "areas"))
    # The difference between the groups is what the strategy is about: it comes first.
    reach = sorted((s for s in found if s.kind == "reach"), key=lambda s: -s.weight)
    others = [s for s in found if s.kind not in ("reach", "respondents")]
    ordered = reach + others
    if not ordered:
        ordered = [
            Statement(gettext("Too few answers to compare families with and without benefits."))
        ]
    return ordered


def _widest_difference(funnels: list[Any], stage: str) -> tuple[Any, float] | None:
    comparable = [
        (f, f.cell("with_benefits", stage).p - f.cell("without_benefits", stage).p)
        for f in funnels
        if "with_benefits" in f.cells
        and "without_benefits" in f.cells
        and f.cell("with_benefits", stage).p is not None
        and f.cell("without_benefits", stage).p is not None
    ]
    if not comparable:
        return None
    return max(comparable, key=lambda item: abs(item[1]))


def _best_known(funnels: list[Any]) -> Any | None:
    shown = [f for f in funnels if "all" in f.cells and f.cell("all", "known").p is not None]
    return max(shown, key=lambda f: f.cell("all", "known").p) if shown else None


def _gap_statements(report: Report, gaps: dict[str, Any]) -> list[Statement]:
    """Every gap as a sentence, largest first: clear poverty gaps, areas, goals, groups."""
    statements = []
    clear = sorted((g for g in gaps["poverty"] if g["clear"]), key=lambda g: g["difference"])
    for gap in clear:
        text = (
            gettext(
                "Families with benefits know %(name)s less often: %(with)s compared with "
                "%(without)s of other families (%(difference)s points)."
            )
            if gap["stage"] == "known"
            else gettext(
                "Families with benefits use %(name)s less often: %(with)s compared with "
                "%(without)s of other families (%(difference)s points)."
            )
        )
        statements.append(
            Statement(
                text
                % {
                    "name": gap["offering_name"],
                    "with": gap["with_text"],
                    "without": gap["without_text"],
                    "difference": gap["difference_text"],
                },
                "poverty",
                -gap["difference"],
            )
        )
    for area in gaps["areas"]:
        if area["reason"] == "no_answers":
            text = gettext(
                "%(area)s has high child poverty (%(poverty)s), but too few families there "
                "answered to say how well the offerings reach them."
            )
        else:
            text = gettext(
                "%(area)s has high child poverty (%(poverty)s), and only %(uses)s of the "
                "families who answered there use an offering of the survey."
            )
        statements.append(
            Statement(
                text
                % {
                    "area": area["name"],
                    "poverty": area["poverty_text"],
                    "uses": area["uses_text"],
                },
                "area",
            )
        )
    for goal in gaps["goals"]:
        statements.append(
            Statement(
                gettext("No offering works towards the goal “%(goal)s”.") % {"goal": goal["title"]},
                "goal",
            )
        )
    for group in gaps["target_groups"]:
        text = (
            gettext("No offering is meant for the life phase %(name)s.")
            if group["kind"] == "life_phase"
            else gettext("No offering is meant for the target group %(name)s.")
        )
        statements.append(Statement(text % {"name": group["name"]}, "target_group"))
    return statements


def _decisions(
    report: Report, gaps: dict[str, Any], barrier_table: dict[str, Any] | None
) -> list[Statement]:
    """What the strategy asks the district to decide, derived from the gaps."""
    decisions = []
    clear = sorted((g for g in gaps["poverty"] if g["clear"]), key=lambda g: g["difference"])
    names = list(dict.fromkeys(g["offering_name"] for g in clear))
    if names:
        decisions.append(
            Statement(
                gettext(
                    "Reach families with benefits better at %(names)s: ask them where they "
                    "would learn about these offerings and what keeps them from coming."
                )
                % {"names": _join(names)},
                "poverty",
            )
        )
    low = [a["name"] for a in gaps["areas"] if a["reason"] != "no_answers"]
    if low:
        decisions.append(
            Statement(
                gettext(
                    "Strengthen the offerings in %(areas)s, where child poverty is high and "
                    "few families use an offering."
                )
                % {"areas": _join(low)},
                "area",
            )
        )
    unheard = [a["name"] for a in gaps["areas"] if a["reason"] == "no_answers"]
    if unheard:
        decisions.append(
            Statement(
                gettext(
                    "Hear more families in %(areas)s: child poverty is high there, but too "
                    "few families answered; a collection point in the area would help."
                )
                % {"areas": _join(unheard)},
                "area_unheard",
            )
        )
    for goal in gaps["goals"]:
        decisions.append(
            Statement(
                gettext("Plan an offering for the goal “%(goal)s” or revise the goal.")
                % {"goal": goal["title"]},
                "goal",
            )
        )
    groups = [group["name"] for group in gaps["target_groups"]]
    if groups:
        decisions.append(
            Statement(
                gettext("Decide who offers something for %(names)s.") % {"names": _join(groups)},
                "target_group",
            )
        )
    top = _top_barrier(barrier_table)
    if top is not None:
        decisions.append(
            Statement(
                gettext("Reduce the most frequent barrier: “%(barrier)s”.")
                % {"barrier": top["label"]},
                "barrier",
            )
        )
    if not decisions:
        decisions.append(
            Statement(
                gettext(
                    "The survey shows no clear gap. Keep the offerings and ask families again "
                    "next year to see whether it stays that way."
                )
            )
        )
    return decisions


def _top_barrier(barrier_table: dict[str, Any] | None) -> dict[str, Any] | None:
    if not barrier_table:
        return None
    shown = [
        row
        for row in barrier_table["rows"]
        if row["all"].n is not None and row["code"] not in ("nothing", "other")
    ]
    return max(shown, key=lambda row: row["all"].n) if shown else None


def _join(names: list[str]) -> str:
    """ "A, B and C" in the active language."""
    if len(names) < 2:
        return "".join(names)
    return gettext("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _pairs(items: list[Any]) -> list[list[Any]]:
    """Two charts or tables side by side: the layout's rows (a row is never split)."""
    return [items[i : i + 2] for i in range(0, len(items), 2)]
