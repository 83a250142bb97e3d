"""The five guiding questions of the district strategy, answered from the district's data.

Reach, shared goals, resources, offerings and gaps, political support (DESIGN.md): each answer
is a sentence or two and a few figures, each figure linking to the page that shows where it
comes from. Everything is scoped to one district and costs a fixed number of queries.

Every number that describes families is read from the newest ready snapshot's cells, which
the build already suppressed: a figure prints a CellView's text ("fewer than 5" included) and
is never recounted from responses, so this page can show nothing a report did not.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Q, Sum
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from districts.models import District
from goals.models import ActionGoal, Indicator, Resource
from offerings.gaps import counted_offerings, target_group_coverage
from offerings.models import OfferingGoal, OfferingResource
from reports.dashboard import CellView, Report, euro_text, number_text, report_for
from reports.models import Decision, ReportSnapshot

BUDGET, STAFF_HOURS = Resource.Kind.BUDGET, Resource.Kind.STAFF_HOURS


@dataclass(frozen=True)
class Figure:
    label: str
    value: str  # printed as is: a number, a sum or a protected cell's text
    url: str  # the page that shows where the figure comes from
    tone: str = ""  # "", "success", "warning" or "danger": only a hint for the eye


@dataclass(frozen=True)
class GuidingAnswer:
    number: int
    key: str
    icon: str  # a bootstrap-icons name
    title: str  # the short name of the question
    question: str
    sentences: list[str]
    figures: list[Figure] = field(default_factory=list)
    link_text: str = ""
    link_url: str = ""


def _url(name: str, district: District, query: str = "") -> str:
    url = reverse(name, kwargs={"district": district.slug})
    return f"{url}?{query}" if query else url


# --- 1. Reach --------------------------------------------------------------------------------


def _snapshot_url(district: District, snapshot: ReportSnapshot, anchor: str) -> str:
    url = reverse(
        "reports:survey_dashboard", kwargs={"district": district.slug, "survey": snapshot.survey_id}
    )
    return f"{url}?snapshot={snapshot.pk}#{anchor}"


def _group_cell(report: Report, key: str) -> CellView:
    groups = (report.tables.get("respondents") or {}).get("groups", [])
    found = next((g for g in groups if g.get("key") == key), None)
    return report.cell(found.get("respondents") if found else None)


def reach_answer(
    district: District, snapshot: ReportSnapshot | None, report: Report | None
) -> GuidingAnswer:
    answer = {
        "number": 1,
        "key": "reach",
        "icon": "people",
        "title": _("Reach"),
        "question": _("Who knows and uses the offerings – by group and by area?"),
    }
    if snapshot is None or report is None:
        return GuidingAnswer(
            **answer,
            sentences=[
                _("No report is ready yet. The answer comes from what families say in a survey.")
            ],
            link_text=_("All reports"),
            link_url=_url("reports:dashboard", district),
        )
    gaps = report.tables.get("gaps") or {}
    clear_gaps = sum(1 for g in gaps.get("poverty_gaps", []) if g.get("clear"))
    low_reach = len(gaps.get("areas_low_reach", []))
    meta = report.methodology()
    sentences = [
        _("The newest report, “%(title)s”, counts answers from %(respondents)s families.")
        % {"title": snapshot.survey.title, "respondents": report.respondents.text}
    ]
    if meta["first_answer"] and meta["last_answer"]:
        sentences.append(
            _("They answered between %(first)s and %(last)s.")
            % {"first": meta["first_answer"], "last": meta["last_answer"]}
        )
    sentences.append(
        ngettext(
            "It shows %(gaps)s clear gap between families with and without benefits.",
            "It shows %(gaps)s clear gaps between families with and without benefits.",
            clear_gaps,
        )
        % {"gaps": clear_gaps}
    )
    sentences.append(
        ngettext(
            "%(areas)s area with high child poverty is reached little.",
            "%(areas)s areas with high child poverty are reached little.",
            low_reach,
        )
        % {"areas": low_reach}
    )
    return GuidingAnswer(
        **answer,
        sentences=sentences,
        figures=[
            Figure(
                _("Families who answered"),
                report.respondents.text,
                _snapshot_url(district, snapshot, "wer"),
            ),
            Figure(
                _("Of them with benefits"),
                _group_cell(report, "with_benefits").text,
                _snapshot_url(district, snapshot, "wer"),
            ),
            Figure(
                _("Clear gaps for families with benefits"),
                number_text(clear_gaps),
                _snapshot_url(district, snapshot, "luecken"),
                "warning" if clear_gaps else "success",
            ),
            Figure(
                _("Areas with high child poverty and low reach"),
                number_text(low_reach),
                _snapshot_url(district, snapshot, "luecken"),
                "warning" if low_reach else "success",
            ),
        ],
        link_text=_("Open the report"),
        link_url=_snapshot_url(district, snapshot, "erreichen"),
    )


# --- 2. Shared goals -------------------------------------------------------------------------


def _goal_counts(district: District) -> dict[str, int]:
    """Current goals by kind, and those no counted offering contributes to (the gap page's
    rule: published, active offerings of the district). One query."""
    contributes = OfferingGoal.objects.filter(
        goal=OuterRef("pk"), offering__in=counted_offerings(district)
    )
    return (
        ActionGoal.objects.for_district(district)
        .current()
        .aggregate(
            action=Count("pk", filter=Q(kind=ActionGoal.Kind.ACTION)),
            impact=Count("pk", filter=Q(kind=ActionGoal.Kind.IMPACT)),
            without_offerings=Count("pk", filter=~Exists(contributes)),
        )
    )


def goals_answer(
    district: District, goal_counts: dict[str, int], curves: Counter[str]
) -> GuidingAnswer:
    indicators = sum(curves.values())
    goals = goal_counts["action"]
    sentences = [
        ngettext(
            "The district works towards %(goals)s action goal.",
            "The district works towards %(goals)s action goals.",
            goals,
        )
        % {"goals": goals}
    ]
    if indicators:
        sentences.append(
            ngettext(
                "%(indicators)s indicator measures them: %(on)s on track, %(off)s off track, "
                "%(none)s without data or target.",
                "%(indicators)s indicators measure them: %(on)s on track, %(off)s off track, "
                "%(none)s without data or target.",
                indicators,
            )
            % {
                "indicators": indicators,
                "on": curves["on_track"],
                "off": curves["off_track"],
                "none": curves["no_data"],
            }
        )
    elif goals:
        sentences.append(_("No indicator measures them yet."))
    goal_list = _url("goals:list", district)
    return GuidingAnswer(
        number=2,
        key="goals",
        icon="bullseye",
        title=_("Shared goals"),
        question=_("Which goals do we pursue together, and are we on track?"),
        sentences=sentences,
        figures=[
            Figure(_("Action goals"), number_text(goals), goal_list),
            Figure(_("On track"), number_text(curves["on_track"]), goal_list, "success"),
            Figure(
                _("Off track"),
                number_text(curves["off_track"]),
                goal_list,
                "danger" if curves["off_track"] else "",
            ),
            Figure(
                _("No data"),
                number_text(curves["no_data"]),
                _url("goals:data_agenda", district),
                "warning" if curves["no_data"] else "",
            ),
        ],
        link_text=_("All goals"),
        link_url=goal_list,
    )


# --- 3. Resources ----------------------------------------------------------------------------


def _sums_per_year(queryset: Any) -> dict[int | None, dict[str, Decimal | None]]:
    """Budget (€ per year) and staff hours (per week) per year, summed in the database.

    The two kinds are never added up: they have different units."""
    rows = (
        queryset.filter(kind__in=[BUDGET, STAFF_HOURS])
        .order_by()
        .values("year")
        .annotate(
            budget=Sum("amount", filter=Q(kind=BUDGET)),
            hours=Sum("amount", filter=Q(kind=STAFF_HOURS)),
        )
    )
    return {row["year"]: {"budget": row["budget"], "hours": row["hours"]} for row in rows}


def _shown_year(years: set[int | None], today: datetime.date) -> int | None:
    """This year if anything is booked to it, else the newest earlier year, else the nearest
    later one; None (undated resources only) when no resource has a year."""
    dated = {y for y in years if y is not None}
    if not dated:
        return None
    if today.year in dated:
        return today.year
    earlier = [y for y in dated if y < today.year]
    return max(earlier) if earlier else min(dated)


def resources_answer(district: District, today: datetime.date) -> GuidingAnswer:
    goal_sums = _sums_per_year(Resource.objects.for_district(district))
    offering_sums = _sums_per_year(OfferingResource.objects.filter(offering__district=district))
    year = _shown_year(set(goal_sums) | set(offering_sums), today)
    empty: dict[str, Decimal | None] = {"budget": None, "hours": None}
    goals = goal_sums.get(year, empty)
    offerings = offering_sums.get(year, empty)

    # "–" in a figure, "nothing recorded" in a sentence: no row is not the same as 0 €.
    def euro(value: Decimal | None) -> str:
        return euro_text(float(value)) if value is not None else "–"

    def hours(value: Decimal | None) -> str:
        if value is None:
            return "–"
        return number_text(float(value), 0 if value == int(value) else 1)

    def said(text: str) -> str:
        return _("nothing recorded") if text == "–" else text

    resource_list = _url("goals:resources", district)
    year_query = f"year={year}&" if year is not None else ""
    if not (goal_sums or offering_sums):
        sentences = [_("No budget or staff hours are recorded yet, for goals or for offerings.")]
    else:
        when = str(year) if year is not None else _("without a year")
        sentences = [
            _("Budget %(when)s – goals: %(goals)s, offerings: %(offerings)s.")
            % {
                "when": when,
                "goals": said(euro(goals["budget"])),
                "offerings": said(euro(offerings["budget"])),
            },
            _("Staff hours per week %(when)s – goals: %(goals)s, offerings: %(offerings)s.")
            % {
                "when": when,
                "goals": said(hours(goals["hours"])),
                "offerings": said(hours(offerings["hours"])),
            },
            _("Goals and offerings are shown apart, so nothing is counted twice."),
        ]
    label_year = f" ({year})" if year is not None else ""
    catalogue = _url("offerings:catalogue", district)
    return GuidingAnswer(
        number=3,
        key="resources",
        icon="piggy-bank",
        title=_("Resources"),
        question=_("Which budget and staff are there for the goals and the offerings?"),
        sentences=sentences,
        figures=[
            Figure(
                _("Budget for goals") + label_year,
                euro(goals["budget"]),
                f"{resource_list}?{year_query}kind={BUDGET}",
            ),
            Figure(_("Budget of offerings") + label_year, euro(offerings["budget"]), catalogue),
            Figure(
                _("Staff hours per week for goals") + label_year,
                hours(goals["hours"]),
                f"{resource_list}?{year_query}kind={STAFF_HOURS}",
            ),
            Figure(
                _("Staff hours per week in offerings") + label_year,
                hours(offerings["hours"]),
                catalogue,
            ),
        ],
        link_text=_("All resources"),
        link_url=resource_list,
    )


# --- 4. Offerings and gaps -------------------------------------------------------------------


def _missing_most(report: Report | None) -> tuple[str, CellView] | None:
    """The answer families chose most often to "what is missing", among the shown cells."""
    if report is None:
        return None
    shown = [row for row in report.missing()["rows"] if row["count"].n is not None]
    if not shown:
        return None
    top = max(shown, key=lambda row: row["count"].n)
    return top["label"], top["count"]


def offerings_answer(
    district: District,
    goal_counts: dict[str, int],
    snapshot: ReportSnapshot | None,
    report: Report | None,
) -> GuidingAnswer:
    active = counted_offerings(district).count()
    groups_without = sum(1 for row in target_group_coverage(district) if row.is_gap)
    without = goal_counts["without_offerings"]
    gaps_url = _url("offerings:gaps", district)
    sentences = [
        ngettext(
            "%(active)s offering is published and running.",
            "%(active)s offerings are published and running.",
            active,
        )
        % {"active": active},
        ngettext(
            "%(goals)s goal has no offering contributing to it yet.",
            "%(goals)s goals have no offering contributing to them yet.",
            without,
        )
        % {"goals": without},
    ]
    figures = [
        Figure(_("Active offerings"), number_text(active), _url("offerings:catalogue", district)),
        Figure(
            _("Goals without an offering"),
            number_text(without),
            f"{gaps_url}#ziele",
            "warning" if without else "success",
        ),
        Figure(
            _("Target groups without an offering"),
            number_text(groups_without),
            f"{gaps_url}#zielgruppen",
            "warning" if groups_without else "success",
        ),
    ]
    missing = _missing_most(report)
    if missing is not None and snapshot is not None:
        label, cell = missing
        sentences.append(
            _("What families miss most: %(what)s (%(count)s families).")
            % {"what": label, "count": cell.text}
        )
        figures.append(
            Figure(
                _("Families who miss: %(what)s") % {"what": label},
                cell.text,
                _snapshot_url(district, snapshot, "fehlt"),
            )
        )
    return GuidingAnswer(
        number=4,
        key="offerings",
        icon="grid-3x3",
        title=_("Offerings and gaps"),
        question=_("Which offerings are there, and where are the gaps?"),
        sentences=sentences,
        figures=figures,
        link_text=_("Coverage and gaps"),
        link_url=gaps_url,
    )


# --- 5. Political support --------------------------------------------------------------------


def support_answer(district: District) -> GuidingAnswer:
    published = (
        ReportSnapshot.objects.for_district(district)
        .published()
        .aggregate(n=Count("pk"), newest=Max("published_at"))
    )
    done = (
        Decision.objects.for_district(district)
        .done()
        .aggregate(done=Count("pk"), public=Count("pk", filter=Q(is_public=True)))
    )
    public_page = reverse("transparency:district", kwargs={"district": district.slug})
    newest = (
        formats.date_format(timezone.localdate(published["newest"]), "SHORT_DATE_FORMAT")
        if published["newest"]
        else ""
    )
    if published["n"]:
        sentences = [
            ngettext(
                "%(count)s report is published on the public transparency page, the newest on "
                "%(date)s.",
                "%(count)s reports are published on the public transparency page, the newest on "
                "%(date)s.",
                published["n"],
            )
            % {"count": published["n"], "date": newest}
        ]
    else:
        sentences = [
            _("No report is published yet: politics and the public see nothing of it so far.")
        ]
    if done["done"]:
        sentences.append(
            ngettext(
                "Public, with its evidence: %(public)s of %(done)s decision carried out.",
                "Public, with their evidence: %(public)s of %(done)s decisions carried out.",
                done["done"],
            )
            % {"public": done["public"], "done": done["done"]}
        )
    else:
        sentences.append(_("No decision has been carried out yet."))
    figures = [
        Figure(_("Published reports"), number_text(published["n"]), public_page),
        Figure(_("Newest publication"), newest or "–", public_page),
        Figure(_("Public decisions carried out"), number_text(done["public"]), public_page),
        Figure(
            _("Decisions carried out"),
            number_text(done["done"]),
            _url("reports:decisions", district, "status=done"),
        ),
    ]
    return GuidingAnswer(
        number=5,
        key="support",
        icon="megaphone",
        title=_("Political support"),
        question=_("What can politics and the public see, and what has changed because of it?"),
        sentences=sentences,
        figures=figures,
        link_text=_("Public transparency page"),
        link_url=public_page,
    )


def guiding_answers(district: District, today: datetime.date) -> list[GuidingAnswer]:
    """The five answers for one district. Ten queries, however much data there is."""
    snapshot = ReportSnapshot.objects.for_district(district).newest_ready()
    report = report_for(snapshot) if snapshot is not None else None
    if report is not None and report.is_empty:
        report = None
    goal_counts = _goal_counts(district)
    return [
        reach_answer(district, snapshot, report),
        goals_answer(
            district,
            goal_counts,
            Indicator.objects.for_district(district).of_current_action_goals().curve_counts(),
        ),
        resources_answer(district, today),
        offerings_answer(district, goal_counts, snapshot, report),
        support_answer(district),
    ]
