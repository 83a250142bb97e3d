"""Every table of a snapshot as a flat export table, in a fixed order with fixed slugs.

The slugs are part of public URLs (/transparenz/<district>/<id>/daten/<slug>.csv) and of the
JSON format, so they never change; titles and headers follow the reader's language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from reports.exports import district_rows, survey_rows
from reports.exports.cells import Column, ExportTable, Value
from reports.exports.source import Source

Builder = Callable[[Source], tuple[list[Column], list[list[Value]]]]


@dataclass(frozen=True)
class TableSpec:
    slug: str
    title: Promise
    description: Promise
    build: Builder


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "reach",
        pgettext_lazy("data export", "Reach per offering"),
        pgettext_lazy(
            "data export",
            "How many families know, use and find helpful each offering, in every view "
            "(everyone, groups, areas, collection points, languages) and column (all "
            "families, with and without benefits). One row per view, offering, column and "
            "stage; the percentage is of the base (families who answered for that offering).",
        ),
        survey_rows.reach,
    ),
    TableSpec(
        "filters",
        pgettext_lazy("data export", "Views and respondents"),
        pgettext_lazy(
            "data export", "Every view of the data with the number of families who answered in it."
        ),
        survey_rows.filters,
    ),
    TableSpec(
        "barriers",
        pgettext_lazy("data export", "Barriers"),
        pgettext_lazy(
            "data export",
            "Why families who know an offering do not use it: families naming each barrier "
            "for at least one offering, per view, for all families and with and without "
            "benefits. The base is the families who answered a barrier question.",
        ),
        survey_rows.barriers,
    ),
    TableSpec(
        "barriers-by-offering",
        pgettext_lazy("data export", "Barriers per offering"),
        pgettext_lazy("data export", "Families naming each barrier, per offering."),
        survey_rows.barriers_by_offering,
    ),
    TableSpec(
        "missing",
        pgettext_lazy("data export", "What families miss"),
        pgettext_lazy(
            "data export", "What families said is missing, from the answer options of the survey."
        ),
        survey_rows.missing,
    ),
    TableSpec(
        "missing-tags",
        pgettext_lazy("data export", "What is missing (tags)"),
        pgettext_lazy(
            "data export",
            "Topics the staff assigned to the families' own words about what is missing. "
            "Only the topic and the count are published, never the words themselves.",
        ),
        survey_rows.missing_tags,
    ),
    TableSpec(
        "respondents-areas",
        pgettext_lazy("data export", "Respondents per area"),
        pgettext_lazy(
            "data export",
            "Families who answered per home area, with children and child poverty from the "
            "official statistics, and families who use at least one offering of the survey.",
        ),
        survey_rows.respondents_areas,
    ),
    TableSpec(
        "respondents-groups",
        pgettext_lazy("data export", "Respondents per group"),
        pgettext_lazy(
            "data export",
            "Families who answered per group, survey language, collection point and channel.",
        ),
        survey_rows.respondents_groups,
    ),
    TableSpec(
        "poverty-gaps",
        pgettext_lazy("data export", "Gaps by benefits"),
        pgettext_lazy(
            "data export",
            "Share of families with and without benefits who know or use each offering; the "
            "difference in percentage points with its 95 % confidence interval (Newcombe). "
            "A clear gap: even the upper end of the interval is below zero.",
        ),
        survey_rows.poverty_gaps,
    ),
    TableSpec(
        "area-gaps",
        pgettext_lazy("data export", "Areas with low reach"),
        pgettext_lazy(
            "data export",
            "Areas with high child poverty where few of the families who answered are reached.",
        ),
        survey_rows.area_gaps,
    ),
    TableSpec(
        "goals-without-offerings",
        pgettext_lazy("data export", "Goals without offerings"),
        pgettext_lazy(
            "data export", "Goals of the district strategy that no offering works towards."
        ),
        district_rows.goals_without_offerings,
    ),
    TableSpec(
        "target-groups-without-offerings",
        pgettext_lazy("data export", "Target groups without offerings"),
        pgettext_lazy(
            "data export",
            "Target groups and life phases that no offering of the district addresses.",
        ),
        district_rows.target_groups_without_offerings,
    ),
    TableSpec(
        "coverage-offerings",
        pgettext_lazy("data export", "Coverage per offering"),
        pgettext_lazy(
            "data export",
            "Families reached per month as the providers report them, compared with the "
            "children in the areas and ages an offering serves.",
        ),
        district_rows.coverage_offerings,
    ),
    TableSpec(
        "coverage-areas",
        pgettext_lazy("data export", "Coverage per area"),
        pgettext_lazy(
            "data export",
            "Families reached per month per area and life phase, compared with the children.",
        ),
        district_rows.coverage_areas,
    ),
    TableSpec(
        "resources",
        pgettext_lazy("data export", "Resources per family"),
        pgettext_lazy(
            "data export", "Budget per year of each offering and the cost per family reached."
        ),
        district_rows.resources,
    ),
    TableSpec(
        "indicators",
        pgettext_lazy("data export", "Indicators"),
        pgettext_lazy(
            "data export",
            "The indicators of the district's goals with baseline, target and every measured "
            "value; a row “this report” holds the value this survey gives.",
        ),
        district_rows.indicators,
    ),
)

BY_SLUG: dict[str, TableSpec] = {spec.slug: spec for spec in TABLES}


def table_catalogue() -> list[tuple[str, str]]:
    """(slug, title) of every export table in a fixed order, titles in the active language."""
    return [(spec.slug, str(spec.title)) for spec in TABLES]


def export_tables(
    tables: dict[str, Any], language: str, *, only: str | None = None
) -> list[ExportTable]:
    """Every table of a snapshot (or only the one named by slug) flattened in `language`.

    Reads the frozen tables only, never live data: the names of offerings and areas are the
    ones stored with the snapshot.
    """
    specs = [BY_SLUG[only]] if only is not None else list(TABLES)
    with translation.override(language):
        source = Source(tables or {})
        out = []
        for spec in specs:
            columns, values = spec.build(source)
            out.append(
                ExportTable(spec.slug, str(spec.title), str(spec.description), columns, values)
            )
        return out
