"""The yearly strategy cycle: its figures, closing it, and comparing it with the one before.

A closed cycle keeps the figures it had on the day it was closed (`StrategyCycle.summary`),
so a comparison a year later reads what the district saw then, not today's recount. Goals,
offerings, findings and decisions belong to the district and simply carry on into the next
cycle: closing moves nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from districts.models import District
from goals.models import ActionGoal, Indicator
from reports.dashboard import CellView, date_text, number_text, percent_text, points_text
from reports.models import Decision, Finding, ReportSnapshot, StrategyCycle

# Bumped when the shape of the summary changes, so old frozen summaries can still be read.
SUMMARY_VERSION = 1


def _average(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def reach_figures(district: District, start: datetime.date, end: datetime.date) -> dict | None:
    """Reach from the newest ready snapshot requested in [start, end]; None without one.

    Only cells the snapshot shows are read (already protected against small numbers), so the
    summary can never hold a number the report itself withheld.
    """
    snapshot = (
        ReportSnapshot.objects.for_district(district)
        .ready()
        .filter(requested_at__date__gte=start, requested_at__date__lte=end)
        .select_related("survey")
        .only("pk", "requested_at", "min_group_size", "tables", "survey__id", "survey__title")
        .order_by("-requested_at", "-pk")
        .first()
    )
    if snapshot is None:
        return None
    tables = snapshot.tables or {}
    meta = tables.get("meta") or {}
    shares: dict[str, list[float]] = {"known": [], "used": []}
    for row in ((tables.get("reach") or {}).get("funnel") or {}).get("all", []):
        column = (row.get("columns") or {}).get("all") or {}
        for stage, values in shares.items():
            cell = column.get(stage) or {}
            if "s" not in cell and cell.get("p") is not None:
                values.append(float(cell["p"]))
    return {
        "snapshot": snapshot.pk,
        "survey": snapshot.survey.title,
        "requested_on": timezone.localdate(snapshot.requested_at).isoformat(),
        # The stored cell as it is: {"n": 120}, or {"s": "small"} when the report hid it.
        "respondents": meta.get("respondents") or {},
        "min_group_size": int(meta.get("min_group_size") or snapshot.min_group_size),
        "known": _average(shares["known"]),
        "known_offerings": len(shares["known"]),
        "used": _average(shares["used"]),
        "used_offerings": len(shares["used"]),
    }


def goal_figures(district: District) -> dict[str, int]:
    """Current action goals and where their indicators stand today (as the home page counts)."""
    goals = ActionGoal.objects.for_district(district).current().filter(kind=ActionGoal.Kind.ACTION)
    states = Indicator.objects.for_district(district).of_current_action_goals().curve_counts()
    return {
        "action_goals": goals.count(),
        "indicators": sum(states.values()),
        "on_track": states["on_track"],
        "off_track": states["off_track"],
        "no_data": states["no_data"],
    }


def decision_figures(
    district: District, start: datetime.date, end: datetime.date, today: datetime.date
) -> dict[str, int]:
    decisions = Decision.objects.for_district(district)
    in_span = Q(discarded_on__gte=start, discarded_on__lte=end)
    # A decision discarded without a date (e.g. through the admin) counts by its last change.
    undated = Q(discarded_on__isnull=True, updated_at__date__gte=start, updated_at__date__lte=end)
    return {
        "done": decisions.done().filter(done_on__gte=start, done_on__lte=end).count(),
        "open": decisions.open().count(),
        "overdue": decisions.overdue(today).count(),
        "discarded": decisions.filter(status=Decision.Status.DISCARDED)
        .filter(in_span | undated)
        .count(),
    }


def cycle_figures(district: District, start: datetime.date, end: datetime.date) -> dict:
    """The figures of one cycle, JSON-serialisable, as frozen into `StrategyCycle.summary`.

    Reach comes from the newest ready report of the span, decisions done and findings made
    count within [start, end]; goals, indicator states and open or overdue decisions are
    today's (at closing, that is the state the cycle ends with).
    """
    today = timezone.localdate()
    return {
        "version": SUMMARY_VERSION,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "reach": reach_figures(district, start, end),
        "goals": goal_figures(district),
        "decisions": decision_figures(district, start, end, today),
        "findings": {
            "made": Finding.objects.for_district(district)
            .filter(created_at__date__gte=start, created_at__date__lte=end)
            .count()
        },
    }


def default_title(year: int) -> str:
    """ "Zyklus 2026": stored data, so in the site's language whoever opens the page first."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("Cycle %(year)s") % {"year": year}


def next_title(cycle: StrategyCycle, today: datetime.date | None = None) -> str:
    """Suggested title of the cycle after `cycle`: the year after the one most of it lay in,
    so a cycle closed in December or, late, in January both suggest the same next year."""
    today = today or timezone.localdate()
    middle = cycle.started_on + (today - cycle.started_on) / 2
    return default_title(middle.year + 1)


def current_cycle(district: District) -> StrategyCycle:
    """The district's open cycle; on first use one for this year is made.

    Two first requests at once may both try to create it: the unique constraint
    `one_open_cycle_per_district` lets one win, and the other reads the winner's row.
    """
    cycles = StrategyCycle.objects.for_district(district)
    cycle = cycles.current()
    if cycle is not None:
        return cycle
    today = timezone.localdate()
    started_on = datetime.date(today.year, 1, 1)
    # A cycle closed this year without a successor (through the admin): the new one starts
    # where it ended, so the two do not count the same days twice.
    last_closed = cycles.filter(closed_on__isnull=False).order_by("-closed_on", "-pk").first()
    if last_closed is not None and last_closed.closed_on > started_on:
        started_on = last_closed.closed_on
    try:
        with transaction.atomic():
            return StrategyCycle.objects.create(
                district=district, title=default_title(today.year), started_on=started_on
            )
    except IntegrityError:
        cycle = cycles.current()
        if cycle is None:
            raise
        return cycle


def close_cycle(cycle: StrategyCycle, *, by: Any, next_title: str) -> StrategyCycle:
    """Freeze the cycle's figures, close it today and open the next one; returns the next.

    Raises ValidationError (code "closed") when the cycle was closed meanwhile, by a second
    click or in another tab: then nothing is written.
    """
    title = (next_title or "").strip()
    if not title:
        raise ValidationError(gettext("Please give the next cycle a title."), code="title")
    with transaction.atomic():
        # The row lock makes a second close wait and then see the first one's closed_on.
        locked = StrategyCycle.objects.select_for_update().get(pk=cycle.pk)
        if locked.closed_on is not None:
            raise ValidationError(gettext("This cycle is already closed."), code="closed")
        today = timezone.localdate()
        locked.summary = cycle_figures(locked.district, locked.started_on, today)
        locked.closed_on, locked.closed_by = today, by
        locked.save(update_fields=["summary", "closed_on", "closed_by"])
        following = StrategyCycle.objects.create(
            district=locked.district, title=title[:100], started_on=today
        )
    cycle.summary, cycle.closed_on, cycle.closed_by = locked.summary, today, by
    return following


# --- reading summaries for the pages ---------------------------------------------------------


def _percent(value: float | None) -> str:
    return percent_text(value) if value is not None else "–"


def figures_view(summary: dict | None) -> dict[str, Any] | None:
    """A summary with the texts a page prints (percentages, the respondents cell)."""
    if not summary:
        return None
    reach = summary.get("reach")
    view: dict[str, Any] = {**summary, "reach": None}
    view["start_text"] = date_text(summary.get("start"))
    view["end_text"] = date_text(summary.get("end"))
    if reach:
        view["reach"] = {
            **reach,
            "respondents_cell": CellView.of(
                reach.get("respondents"), int(reach.get("min_group_size") or 5)
            ),
            "known_text": _percent(reach.get("known")),
            "used_text": _percent(reach.get("used")),
            "requested_text": date_text(reach.get("requested_on")),
        }
    return view


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    before: str
    after: str
    change: float | None
    change_text: str
    unit: str  # "points" or "count"


def _signed(value: int) -> str:
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{number_text(abs(value))}"


def _count_row(label: str, before: int | None, after: int | None) -> ComparisonRow:
    change = after - before if before is not None and after is not None else None
    return ComparisonRow(
        label,
        number_text(before),
        number_text(after),
        change,
        "–" if change is None else _signed(change),
        "count",
    )


def _share_row(label: str, before: float | None, after: float | None) -> ComparisonRow:
    change = round(after - before, 1) if before is not None and after is not None else None
    return ComparisonRow(
        label,
        _percent(before),
        _percent(after),
        change,
        "–" if change is None else points_text(change),
        "points",
    )


def compare_summaries(before: dict | None, after: dict | None) -> list[ComparisonRow]:
    """Reach, indicators on track and decisions done of two cycles, with the change.

    A change is given only where both sides have a figure: a hidden respondents count or a
    cycle without a report stays "–" rather than counting as 0.
    """
    before, after = before or {}, after or {}

    def reach(summary: dict, key: str) -> Any:
        return (summary.get("reach") or {}).get(key)

    def respondents(summary: dict) -> int | None:
        cell = reach(summary, "respondents") or {}
        return None if "s" in cell else cell.get("n")

    def section(summary: dict, name: str, key: str) -> int | None:
        value = (summary.get(name) or {}).get(key)
        return int(value) if value is not None else None

    return [
        _count_row(gettext("Families who answered"), respondents(before), respondents(after)),
        _share_row(
            gettext("Know an offering (average share)"),
            reach(before, "known"),
            reach(after, "known"),
        ),
        _share_row(
            gettext("Use an offering (average share)"), reach(before, "used"), reach(after, "used")
        ),
        _count_row(
            gettext("Indicators on track"),
            section(before, "goals", "on_track"),
            section(after, "goals", "on_track"),
        ),
        _count_row(
            gettext("Decisions done"),
            section(before, "decisions", "done"),
            section(after, "decisions", "done"),
        ),
    ]
