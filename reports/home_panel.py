"""Step 4 on the district home page ("evaluation and transparency"): the newest ready report."""

from __future__ import annotations

from districts.home_panels import HomePanel
from districts.models import District
from reports.dashboard import Report
from reports.models import ReportSnapshot


def panel(district: District) -> HomePanel:
    """Headline numbers of the newest ready snapshot: one query, numbers from its tables."""
    newest = (
        ReportSnapshot.objects.for_district(district)
        .ready()
        .select_related("survey")
        .only("pk", "survey__id", "survey__title", "requested_at", "tables")
        .first()
    )
    context: dict[str, object] = {"report_newest": newest}
    if newest is not None:
        report = Report(newest.tables)
        gaps = (newest.tables or {}).get("gaps") or {}
        context.update(
            {
                "report_respondents": report.respondents,
                "report_clear_gaps": sum(1 for g in gaps.get("poverty_gaps", []) if g.get("clear")),
                "report_low_reach_areas": len(gaps.get("areas_low_reach", [])),
            }
        )
    return HomePanel(step=4, template="reports/_home_reports.html", context=context)
