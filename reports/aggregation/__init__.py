"""Build the tables of a ReportSnapshot (reports/schema.py) from the database.

build_tables counts the survey part itself (scope → its counts per dimension, from one
statement over the answers on PostgreSQL (onepass/) or the portable grouped query
elsewhere (counting.py) → the small-cell rule per table) and asks the district part (gaps,
coverage, resources, indicator series) from the modules next to it. Nothing here writes to
the database.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext

from mitwirkung.disclosure.cells import MIN_PERCENT_BASE
from offerings.models import Offering
from reports.aggregation import barriers as barrier_tables
from reports.aggregation import coverage as coverage_module
from reports.aggregation import disclosure
from reports.aggregation import gaps as gaps_module
from reports.aggregation import resources as resources_module
from reports.aggregation import series as series_module
from reports.aggregation.cells import single
from reports.aggregation.counting import count
from reports.aggregation.filters import views as filter_views
from reports.aggregation.indicators import survey_values, with_survey_values
from reports.aggregation.missing import missing as missing_table
from reports.aggregation.reach import funnels
from reports.aggregation.respondents import respondents as respondents_tables
from reports.aggregation.scope import responses, span, structure
from reports.aggregation.stats import poverty_gaps
from reports.models import ReportSnapshot
from reports.schema import TABLES_VERSION, OfferingRef, Tables
from surveys.languages import GERMAN
from surveys.models import CollectionPoint

Progress = Callable[[int, str], None]

__all__ = ["Progress", "build_tables"]


def _no_progress(percent: int, step: str) -> None:
    return None


def build_tables(snapshot: ReportSnapshot, progress: Progress = _no_progress) -> Tables:
    """Every table of the snapshot, already protected. Deterministic: the same data give an
    equal dict (built_at is the snapshot's own start time, not the clock's).

    The survey part is counted (one statement over the answers on PostgreSQL) and protected
    table by table, then protected together (reports/aggregation/linked/) with the earlier
    published snapshots of the survey; the district part (gaps, coverage, resources,
    indicator series) follows from what is published. Sets `snapshot.last_response_id`
    (saved with the tables), `snapshot.answer_version` (the answers and tag rows the
    statement counted, or None) and `snapshot.response_version` (the responses counted, or
    None), for the fingerprint (reports.services).
    """
    survey = snapshot.survey
    district = snapshot.district
    min_size = snapshot.min_group_size

    progress(5, gettext("Reading the survey"))
    s = structure(survey.pk)
    # Before a first build the scope has no upper bound yet: its last id becomes the bound.
    answered = span(responses(snapshot))
    unbounded = snapshot.last_response_id is None
    if unbounded:
        snapshot.last_response_id = answered.last_id or 0
    scope = responses(snapshot)
    points = list(CollectionPoint.objects.filter(survey=survey).order_by("pk"))
    if snapshot.collection_points:
        chosen = {int(p) for p in snapshot.collection_points}
        points = [p for p in points if p.pk in chosen]

    progress(15, gettext("Counting the answers"))
    narrow = bool(snapshot.period_start or snapshot.period_end or snapshot.collection_points)
    counts = count(
        scope, s, survey_id=survey.pk, narrow=narrow, ids=(answered.first_id, answered.last_id)
    )
    snapshot.answer_version = (
        {"answers": counts.answers, "tags": counts.answer_tags}
        if counts.answers is not None
        else None
    )
    # What reports.services.data_version asks of the responses (all of the scope, no bound),
    # as counted: the same figures while the scope had no bound before this build.
    snapshot.response_version = (
        {"n": counts.total(), "last": answered.last_id} if unbounded else None
    )

    progress(30, gettext("Who answered"))
    respondents, filter_cells = respondents_tables(counts, s, district, points, min_size)
    views = filter_views(counts, s, points)
    total_cell = single(counts.total(), min_size)
    filter_cells["all"] = total_cell

    progress(40, gettext("Reach and barriers"))
    funnel = funnels(counts, views, s, min_size)
    codes = barrier_tables.codes(s)
    barriers = {
        "codes": codes,
        "by_filter": barrier_tables.by_filter(counts, views, codes, min_size),
        "by_offering": barrier_tables.by_offering(counts, s, codes, min_size),
    }
    missing = missing_table(counts, s, min_size)
    indicators = with_survey_values(
        series_module.indicator_series(district), survey_values(counts.links, min_size)
    )
    offerings = {
        o.pk: o for o in Offering.objects.filter(pk__in=s.offerings).select_related("category")
    }
    built_at = snapshot.started_at or snapshot.requested_at or timezone.now()
    tables: Tables = {
        "version": TABLES_VERSION,
        "meta": {
            "survey_id": survey.pk,
            "survey_title": survey.title,
            "district": district.name,
            "period_start": snapshot.period_start.isoformat() if snapshot.period_start else None,
            "period_end": snapshot.period_end.isoformat() if snapshot.period_end else None,
            "first_answer_on": answered.first_on,
            "last_answer_on": answered.last_on,
            "min_group_size": min_size,
            "min_percent_base": MIN_PERCENT_BASE,
            "respondents": total_cell,
            "languages": [GERMAN, *[code for code in survey.languages if code != GERMAN]],
            "collection_points": [{"id": p.pk, "name": str(p)} for p in points],
            "level": "bezirksregion",
            "built_at": built_at.isoformat(),
            "is_demo": snapshot.is_demo,
        },
        "filters": [
            {
                "key": view.key,
                "kind": view.kind,
                "label": view.label,
                "respondents": filter_cells[view.key],
            }
            for view in views
        ],
        "withheld": [],
        "reach": {
            "offerings": [_offering_ref(offerings[pk]) for pk in s.offerings if pk in offerings],
            "funnel": funnel,
        },
        "barriers": barriers,
        "missing": missing,
        "respondents": respondents,
        "indicators": indicators,
    }

    progress(55, gettext("Protecting small numbers across all tables"))
    disclosure.protect_together(
        snapshot, tables, disclosure.Counted(s, survey.pk, scope, counts, views)
    )

    progress(75, gettext("Gaps and coverage"))
    # From the protected tables only (the protection may have replaced the dicts above).
    poverty = poverty_gaps(tables["reach"]["funnel"].get("all", []))
    tables["gaps"] = gaps_module.district_gaps(
        district, areas=tables["respondents"]["areas"], poverty_gaps=poverty
    )
    tables["coverage"] = coverage_module.coverage(district)
    tables["resources"] = resources_module.resources(district)
    # Step 5: what the district changed, with its evidence from public reports and this one.
    from reports.evidence import changes_section  # it reads aggregation.stats: no cycle

    changes = changes_section(snapshot, tables)
    if changes:
        tables["changes"] = changes
    progress(95, gettext("Saving the report"))
    return tables


def _offering_ref(offering: Offering) -> OfferingRef:
    category = offering.category.name_de if offering.category_id else ""
    return {"id": offering.pk, "name": offering.name, "category": category}
