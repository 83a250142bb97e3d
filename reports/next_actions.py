"""Steps 4 and 5 of the next steps on the district home page: reports nobody published yet,
findings waiting for a decision, and decisions that are due, overdue or not yet measured."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils.translation import gettext, ngettext

from districts.models import District
from districts.next_actions import LOW, NORMAL, URGENT, Action, Rule
from reports.models import Decision, Finding, ReportSnapshot
from surveys.models import Response, Survey

SURVEYS_SHOWN = 3  # one line each; more closed surveys wait behind the report list
DUE_SOON_DAYS = 14


def closed_surveys_without_report(district: District, today: datetime.date) -> list[Action]:
    """Closed surveys families answered, with no published report yet: longest closed first."""
    surveys = (
        Survey.objects.for_district(district)
        .filter(status=Survey.Status.CLOSED)
        .filter(Exists(Response.objects.filter(survey=OuterRef("pk"))))
        .exclude(Exists(ReportSnapshot.objects.published().filter(survey=OuterRef("pk"))))
        .order_by(F("closes_on").asc(nulls_last=True), "pk")
        .only("pk", "title", "closes_on")[:SURVEYS_SHOWN]
    )
    actions = []
    for survey in surveys:
        # A survey closed early keeps its planned closing day: then the days are unknown.
        days = (today - survey.closes_on).days if survey.closes_on else 0
        if days > 0:
            text = ngettext(
                "Survey “%(title)s” closed %(days)s day ago – no report published yet",
                "Survey “%(title)s” closed %(days)s days ago – no report published yet",
                days,
            ) % {"title": survey.title, "days": days}
        else:
            text = gettext("Survey “%(title)s” is closed – no report published yet") % {
                "title": survey.title
            }
        actions.append(
            Action(
                step=4,
                text=text,
                # The survey's dashboard: coordinators build and publish from there.
                url_name="reports:survey_dashboard",
                url_kwargs={"district": district.slug, "survey": survey.pk},
                priority=URGENT,
            )
        )
    return actions


def findings_waiting(district: District, today: datetime.date) -> Action | None:
    count = Finding.objects.for_district(district).waiting().count()
    if not count:
        return None
    return Action(
        step=5,
        text=ngettext(
            "%(count)s finding is waiting for a decision",
            "%(count)s findings are waiting for a decision",
            count,
        )
        % {"count": count},
        url_name="reports:findings",
        url_kwargs={"district": district.slug},
        query="status=waiting",
        priority=URGENT,
    )


def decisions_due(district: District, today: datetime.date) -> list[Action]:
    """Overdue decisions, and those due within two weeks: one query for both lines."""
    decisions = Decision.objects.for_district(district)
    counts = decisions.aggregate(
        overdue=Count("pk", filter=Q(pk__in=decisions.overdue(today).values("pk"))),
        due=Count("pk", filter=Q(pk__in=decisions.due_soon(today, DUE_SOON_DAYS).values("pk"))),
    )
    actions = []
    if counts["overdue"]:
        actions.append(
            Action(
                step=5,
                text=ngettext(
                    "%(count)s decision is overdue",
                    "%(count)s decisions are overdue",
                    counts["overdue"],
                )
                % {"count": counts["overdue"]},
                url_name="reports:decisions",
                url_kwargs={"district": district.slug},
                query="status=overdue",
                priority=URGENT,
            )
        )
    if counts["due"]:
        actions.append(
            Action(
                step=5,
                text=ngettext(
                    "%(count)s decision is due in the next %(days)s days",
                    "%(count)s decisions are due in the next %(days)s days",
                    counts["due"],
                )
                % {"count": counts["due"], "days": DUE_SOON_DAYS},
                url_name="reports:decisions",
                url_kwargs={"district": district.slug},
                query="status=due",
                priority=NORMAL,
            )
        )
    return actions


def done_without_later_survey(district: District, today: datetime.date) -> Action | None:
    """Done decisions with no survey since: without one, nobody can see whether they worked.

    A survey counts once it is planned after the change (created or opening on or after the
    day it was done), so the line goes away as soon as someone sets the next wave up.
    """
    later = Survey.objects.filter(district=OuterRef("district")).filter(
        Q(opens_on__gte=OuterRef("done_on")) | Q(created_at__date__gte=OuterRef("done_on"))
    )
    count = (
        Decision.objects.for_district(district)
        .done()
        .filter(done_on__isnull=False)
        .exclude(Exists(later))
        .count()
    )
    if not count:
        return None
    return Action(
        step=5,
        text=ngettext(
            "%(count)s decision is carried out, but no survey has asked families since",
            "%(count)s decisions are carried out, but no survey has asked families since",
            count,
        )
        % {"count": count},
        url_name="surveys:list",
        url_kwargs={"district": district.slug},
        priority=LOW,
    )


RULES: list[Rule] = [
    closed_surveys_without_report,
    findings_waiting,
    decisions_due,
    done_without_later_survey,
]
