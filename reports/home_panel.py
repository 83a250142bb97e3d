"""Steps 4 and 5 on the district home page: the newest ready report ("evaluation and
transparency"), and the findings and decisions of the adaptation step."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from districts.home_panels import HomePanel
from districts.models import District
from reports.dashboard import report_for
from reports.models import Decision, Finding, ReportSnapshot
from reports.next_actions import DUE_SOON_DAYS


def panel(district: District) -> list[HomePanel]:
    return [report_panel(district), adaptation_panel(district)]


def report_panel(district: District) -> HomePanel:
    """Headline numbers of the newest ready snapshot: one query, numbers from its tables."""
    newest = ReportSnapshot.objects.for_district(district).newest_ready()
    context: dict[str, object] = {"report_newest": newest}
    if newest is not None:
        report = report_for(newest)
        gaps = report.tables.get("gaps") or {}
        context.update(
            {
                "report_respondents": report.respondents,
                "report_clear_gaps": sum(1 for g in gaps.get("poverty_gaps", []) if g.get("clear")),
                "report_low_reach_areas": len(gaps.get("areas_low_reach", [])),
            }
        )
    return HomePanel(step=4, template="reports/_home_reports.html", context=context)


def adaptation_counts(district: District, today: datetime.date) -> dict[str, int]:
    """Findings waiting for a decision; decisions open, due soon, overdue and done. Two queries.

    The filters are the querysets' own rules (waiting, due_soon, overdue, done) as subqueries,
    so the panel counts exactly what the lists behind its links show.
    """
    findings = Finding.objects.for_district(district)
    decisions = Decision.objects.for_district(district)
    counts = findings.aggregate(
        findings=Count("pk"),
        waiting=Count("pk", filter=Q(pk__in=findings.waiting().values("pk"))),
    )
    counts.update(
        decisions.aggregate(
            decisions=Count("pk"),
            open=Count("pk", filter=Q(pk__in=decisions.open().values("pk"))),
            due=Count("pk", filter=Q(pk__in=decisions.due_soon(today, DUE_SOON_DAYS).values("pk"))),
            overdue=Count("pk", filter=Q(pk__in=decisions.overdue(today).values("pk"))),
            done=Count("pk", filter=Q(pk__in=decisions.done().values("pk"))),
        )
    )
    return counts


def adaptation_panel(district: District, today: datetime.date | None = None) -> HomePanel:
    counts = adaptation_counts(district, today or timezone.localdate())
    findings = reverse("reports:findings", kwargs={"district": district.slug})
    decisions = reverse("reports:decisions", kwargs={"district": district.slug})
    return HomePanel(
        step=5,
        template="reports/_home_adaptation.html",
        context={
            "adaptation": counts,
            "adaptation_due_days": DUE_SOON_DAYS,
            "adaptation_urls": {
                "findings": findings,
                "waiting": f"{findings}?status=waiting",
                "decisions": decisions,
                "due": f"{decisions}?status=due",
                "overdue": f"{decisions}?status=overdue",
                "done": f"{decisions}?status=done",
            },
        },
    )
