"""Dashboards of strategy step 4: every number comes from a stored ReportSnapshot.

Pages read `ReportSnapshot.tables` (reports/schema.py) through reports.dashboard.Report and
never recount answers, so a page costs a handful of queries however many families answered.
The snapshot list is loaded without its tables (they can be large); only the shown snapshot's
tables are read.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext
from django.views.generic import TemplateView

from districts.models import Membership
from districts.scoping import DistrictMixin
from mitwirkung.process_cache import ProcessCache
from reports import captions, charts
from reports.dashboard import Report, compare_rows, heat_legend, report_for
from reports.models import ReportSnapshot
from surveys.models import Survey

LIST_FIELDS = (
    "pk",
    "survey_id",
    "district_id",
    "kind",
    "status",
    "progress",
    "progress_step",
    "failure_reason",
    "requested_at",
    "finished_at",
    "period_start",
    "period_end",
    "collection_points",
    "min_group_size",
    "is_demo",
)
HEAT_STAGES = ("known", "used")


def _snapshot_list(queryset: Any) -> list[ReportSnapshot]:
    return list(queryset.only(*LIST_FIELDS).order_by("-requested_at", "-pk"))


def _int_param(request: Any, name: str) -> int | None:
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise Http404(name) from None


def _indicator_charts(report: Report) -> list[tuple[Any, dict[str, Any] | None, int]]:
    return [
        (charts.indicator_chart(s), report.from_survey(s), s.get("id")) for s in report.indicators
    ]


def _finding_base(view: DistrictMixin, snapshot: ReportSnapshot) -> str:
    """Where a report item's lightbulb leads: staff record findings, viewers only read."""
    if not Membership.Role.allows(view.district_role, Membership.Role.STAFF):
        return ""
    url = reverse("reports:finding_add", kwargs={"district": view.district.slug})
    return f"{url}?snapshot={snapshot.pk}"


# Drawn once per process and snapshot (see reports.dashboard.report_for).
KEY_CHARTS: ProcessCache[dict[str, Any]] = ProcessCache(64)


def _key_charts(report: Report, prefix: str, snapshot: ReportSnapshot) -> dict[str, Any]:
    """The charts both dashboards show for the "all" view of a snapshot."""

    def draw() -> dict[str, Any]:
        funnels = report.funnels("all")
        return {
            "known_chart": charts.overview_chart(funnels, "known", f"{prefix}-known"),
            "used_chart": charts.overview_chart(funnels, "used", f"{prefix}-used"),
            "barrier_chart": charts.barrier_chart(
                report.barrier_table("all"), f"{prefix}-barriers"
            ),
            "indicator_charts": _indicator_charts(report),
            "gaps": report.gaps(),
        }

    key = (snapshot.pk, snapshot.finished_at, prefix, get_language())
    return KEY_CHARTS.get_or_create(key, draw)


def _filter_charts(
    report: Report, snapshot: ReportSnapshot, filter_key: str, funnels: list[Any]
) -> dict[str, Any]:
    """The survey dashboard's charts for one view of a snapshot (kept like the key charts)."""

    def draw() -> dict[str, Any]:
        return {
            "funnel_charts": [
                (f.offering.name, charts.funnel_chart(f, f"funnel-{i}"), f.offering.id)
                for i, f in enumerate(funnels, 1)
            ],
            "barrier_chart": charts.barrier_chart(
                report.barrier_table(filter_key), "survey-barriers"
            ),
        }

    key = (snapshot.pk, snapshot.finished_at, "filter", filter_key, get_language())
    return KEY_CHARTS.get_or_create(key, draw)


REPORT_BODY = (
    "reach_withheld",
    "barriers_withheld",
    "funnel_charts",
    "barrier_chart",
    "barriers_by_offering",
    "barrier_rows",
    "missing_rows",
    "heat_rows",
    "heat_legend",
    "heat_caption",
    "missing",
    "missing_chart",
    "respondent_areas",
    "respondents_chart",
    "respondent_groups",
    "gaps",
    "coverage",
    "resources",
    "indicator_charts",
)


def _part(body: Callable[[], dict[str, Any]], name: str) -> Any:
    return body()[name]


def _report_body(
    report: Report, snapshot: ReportSnapshot, filter_key: str, stage: str
) -> dict[str, Any]:
    """What the survey dashboard's report body shows for one view of a snapshot."""
    funnels = report.funnels(filter_key)
    heat_rows = report.heat_map(stage)
    missing = report.missing()
    areas = report.respondent_areas()
    return {
        "reach_withheld": report.withheld_table(filter_key, "reach"),
        "barriers_withheld": report.withheld_table(filter_key, "barriers"),
        **_filter_charts(report, snapshot, filter_key, funnels),
        "barriers_by_offering": report.barriers_by_offering(),
        "barrier_rows": [
            r
            for r in (report.barrier_table("all") or {}).get("rows", [])[:8]
            if not r["all"].suppressed
        ],
        "missing_rows": [
            {"code": raw["code"], "label": row["label"]}
            for raw, row in zip(
                (report.tables.get("missing") or {}).get("rows", []),
                missing["rows"],
                strict=False,
            )
        ],
        "heat_rows": heat_rows,
        "heat_legend": heat_legend(),
        "heat_caption": captions.heat_map_caption(heat_rows, report.offerings, stage),
        "missing": missing,
        "missing_chart": charts.missing_chart(missing, "survey-missing"),
        "respondent_areas": areas,
        "respondents_chart": charts.respondents_chart(areas, "survey-respondents"),
        "respondent_groups": report.respondent_groups(),
        "gaps": report.gaps(),
        "coverage": report.coverage(),
        "resources": report.resources(),
        "indicator_charts": _indicator_charts(report),
    }


class DistrictDashboardView(DistrictMixin, TemplateView):
    """All surveys of the district with their newest report, and the key charts of the newest."""

    template_name = "reports/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        surveys = list(Survey.objects.for_district(self.district).only("pk", "title", "status"))
        snapshots = _snapshot_list(ReportSnapshot.objects.for_district(self.district))
        entries = []
        for survey in surveys:
            own = [s for s in snapshots if s.survey_id == survey.pk]
            ready = next((s for s in own if s.is_ready), None)
            # Builds newer than the shown report: running, waiting or failed ones.
            pending = [
                s
                for s in own
                if not s.is_ready
                and (ready is None or (s.requested_at, s.pk) > (ready.requested_at, ready.pk))
            ]
            entries.append({"survey": survey, "ready": ready, "pending": pending})
        newest = next((s for s in snapshots if s.is_ready), None)
        context.update({"entries": entries, "newest": None, "report": None})
        if newest is not None:
            newest = (
                ReportSnapshot.objects.select_related("survey").defer("tables").get(pk=newest.pk)
            )
            report = report_for(newest)
            context.update(
                {"newest": newest, "report": report, "finding_base": _finding_base(self, newest)}
            )
            if not report.is_empty:
                context.update(_key_charts(report, "district", newest))
        return context


class SurveyContextMixin(DistrictMixin):
    def get_survey(self) -> Survey:
        return get_object_or_404(
            Survey.objects.for_district(self.district).only("pk", "title", "status", "district"),
            pk=self.kwargs["survey"],
        )


class SurveyDashboardView(SurveyContextMixin, TemplateView):
    """One survey: pick a snapshot and a view (?snapshot=<id>&filter=<key>), all charts."""

    template_name = "reports/survey_dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        survey = self.get_survey()
        snapshots = _snapshot_list(survey.report_snapshots.filter(district=self.district))
        wanted = _int_param(self.request, "snapshot")
        if wanted is not None:
            selected = next((s for s in snapshots if s.pk == wanted), None)
            if selected is None:
                raise Http404("snapshot")
        else:
            selected = next((s for s in snapshots if s.is_ready), None)
        context.update(
            {
                "survey": survey,
                "snapshots": snapshots,
                "ready_snapshots": [s for s in snapshots if s.is_ready],
                "selected": selected,
                "report": None,
            }
        )
        if selected is None or not selected.is_ready:
            return context
        report = report_for(selected)
        context["report"] = report
        if report.is_empty:
            return context

        filter_key = self.request.GET.get("filter", "all") or "all"
        option = report.filter_option(filter_key)
        if option is None:
            # An old bookmark, a typed URL or a view the report does not publish: say so
            # (and why) and show everyone rather than a 404.
            context["unknown_filter"] = filter_key
            context["withheld_filter"] = next(
                (view for view in report.withheld() if view["key"] == filter_key), None
            )
            filter_key, option = "all", report.filter_option("all")
        stage = self.request.GET.get("stage", "known")
        if stage not in HEAT_STAGES:
            stage = "known"
        context.update(
            {
                "filter_key": filter_key,
                "filter_option": option,
                "withheld_views": report.withheld(),
                "stage": stage,
                "finding_base": _finding_base(self, selected),
            }
        )
        # The rest only the report's body shows, which is kept per process once rendered
        # ({% keep %} in the template): computed when the template first asks for it.
        body = functools.cache(lambda: _report_body(report, selected, filter_key, stage))
        context.update(
            {name: SimpleLazyObject(functools.partial(_part, body, name)) for name in REPORT_BODY}
        )
        return context


class CompareView(SurveyContextMixin, TemplateView):
    """Two ready snapshots of one survey side by side (?before=<id>&after=<id>)."""

    template_name = "reports/compare.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        survey = self.get_survey()
        ready = _snapshot_list(survey.report_snapshots.filter(district=self.district).ready())
        by_pk = {s.pk: s for s in ready}
        before_pk = _int_param(self.request, "before")
        after_pk = _int_param(self.request, "after")
        context.update({"survey": survey, "ready_snapshots": ready, "rows": None})
        if before_pk is None and after_pk is None:
            if len(ready) < 2:
                return context
            after_pk, before_pk = ready[0].pk, ready[1].pk
        if before_pk not in by_pk or after_pk not in by_pk:
            # Another survey's, another district's or an unfinished snapshot.
            raise Http404("snapshot")
        tables = dict(
            ReportSnapshot.objects.filter(pk__in=[before_pk, after_pk]).values_list("pk", "tables")
        )
        before, after = Report(tables[before_pk]), Report(tables[after_pk])
        if before_pk == after_pk:
            messages.info(self.request, gettext("You chose the same report twice."))
        rows = compare_rows(before, after)
        context.update(
            {
                "before": by_pk[before_pk],
                "after": by_pk[after_pk],
                "before_report": before,
                "after_report": after,
                "rows": rows,
                "known_chart": charts.compare_chart(rows, "known", "compare-known"),
                "used_chart": charts.compare_chart(rows, "used", "compare-used"),
            }
        )
        return context
