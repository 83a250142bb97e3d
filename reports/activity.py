"""What happened in a district lately: who created, changed or deleted goals, indicators,
offerings, findings and decisions, who commented, and who published or withdrew a report.

Everything comes from records the app keeps anyway (django-simple-history, comments,
publication events). Each source is read newest first and only as far as the requested page
reaches, then merged here: a page costs the same fixed number of queries however long the
district's history is. Members only; comment texts are internal and never shown here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from districts.models import District, Membership
from goals.models import ActionGoal, Indicator
from offerings.models import Offering
from reports.dashboard import date_text
from reports.models import Decision, Finding, FindingComment, PublicationEvent

PAGE_SIZE = 30
# Older activity is in each object's own history; a feed this deep is not read page by page.
MAX_PAGE = 50

# Records of one object by one person this close together are one change (see _collapse).
SAME_CHANGE = datetime.timedelta(seconds=5)
# Extra history rows read beyond the page, so a record at the page's end still finds the
# earlier record it belongs to.
CONTEXT_ROWS = 10

USER_FIELDS = ("history_user__first_name", "history_user__last_name", "history_user__username")


@dataclass(frozen=True)
class Tracked:
    """A model with django-simple-history records that the feed shows."""

    model: type[models.Model]
    district_lookup: str
    label_field: str
    url_name: str
    url_kwarg: str
    icon: str
    # history_type ("+", "~", "-") -> what happened, e.g. "Goal created"
    actions: dict[str, Promise]


TRACKED = (
    Tracked(
        ActionGoal,
        "district",
        "title",
        "goals:detail",
        "goal",
        "bi-bullseye",
        {"+": _("Goal created"), "~": _("Goal changed"), "-": _("Goal deleted")},
    ),
    Tracked(
        Indicator,
        "goal__district",
        "name",
        "goals:indicator_detail",
        "indicator",
        "bi-graph-up",
        {"+": _("Indicator created"), "~": _("Indicator changed"), "-": _("Indicator deleted")},
    ),
    Tracked(
        Offering,
        "district",
        "name",
        "offerings:detail",
        "offering",
        "bi-shop",
        {"+": _("Offering created"), "~": _("Offering changed"), "-": _("Offering deleted")},
    ),
    Tracked(
        Finding,
        "district",
        "title",
        "reports:finding",
        "finding",
        "bi-lightbulb",
        {"+": _("Finding created"), "~": _("Finding changed"), "-": _("Finding deleted")},
    ),
    Tracked(
        Decision,
        "district",
        "title",
        "reports:decision",
        "decision",
        "bi-signpost-split",
        {"+": _("Decision created"), "~": _("Decision changed"), "-": _("Decision deleted")},
    ),
)


@dataclass(frozen=True)
class ActivityEntry:
    at: datetime.datetime
    who: str  # full name or user name, never the e-mail address; "" when unknown
    icon: str
    action: str
    label: str
    url: str  # "" when the object no longer exists or has no page

    @property
    def day(self) -> datetime.date:
        return timezone.localdate(self.at)


@dataclass(frozen=True)
class ActivityPage:
    entries: list[ActivityEntry]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def next_number(self) -> int:
        return self.number + 1


def name_of(user: Any) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def object_url(url_name: str, district: District, kwarg: str, pk: int) -> str:
    """The object's page, or "" while that page does not exist (yet) in this version."""
    try:
        return reverse(url_name, kwargs={"district": district.slug, kwarg: pk})
    except NoReverseMatch:
        return ""


def _collapse(records: list[Any]) -> list[Any]:
    """Drop a "changed" record that follows the same person's previous record of the same
    object within seconds: saving a form writes one record for the fields and one per changed
    list, which is one change to the reader. `records` is newest first."""
    kept: list[Any] = []
    last: dict[int, Any] = {}
    for record in reversed(records):
        before = last.get(record.id)
        last[record.id] = record
        if (
            before is not None
            and record.history_type == "~"
            and record.history_user_id == before.history_user_id
            and record.history_date - before.history_date <= SAME_CHANGE
        ):
            continue
        kept.append(record)
    kept.reverse()
    return kept


def _history(tracked: Tracked, district: District, limit: int, visible: Any) -> list[Any]:
    model: Any = tracked.model
    records = model.history.filter(**{tracked.district_lookup: district})
    if visible is not None:
        records = records.filter(id__in=visible)
    return _collapse(
        list(
            records.select_related("history_user")
            .only(
                "history_id",
                "history_date",
                "history_type",
                "history_user",
                "id",
                tracked.label_field,
                *USER_FIELDS,
            )
            # Whether the object still exists, in the same query: its link is shown only then.
            .annotate(alive=Exists(model.objects.filter(pk=OuterRef("id"))))
            .order_by("-history_date", "-history_id")[: limit + CONTEXT_ROWS]
        )
    )


def activity_page(
    district: District, *, user: Any, role: str | None, page: int = 1
) -> ActivityPage:
    """One page of the district's activity, newest first. `page` counts from 1."""
    page = max(1, min(page, MAX_PAGE))
    # One row more than the pages up to this one, to know whether an older page exists.
    limit = page * PAGE_SIZE + 1
    # (time, tie-break, builder): entries are built only for the rows the page shows.
    rows: list[tuple[datetime.datetime, tuple[int, int], Any]] = []

    # Offerings waiting for review are shown to coordinators and their provider only, as in
    # the catalogue; the feed must not name them to anyone else.
    visible = None
    if not Membership.Role.allows(role, Membership.Role.COORDINATOR):
        visible = Offering.objects.visible_to(user, district).values("pk")
    for index, tracked in enumerate(TRACKED):
        scope = visible if tracked.model is Offering else None
        for record in _history(tracked, district, limit, scope):
            rows.append(
                (record.history_date, (index, record.history_id), (_from_history, tracked, record))
            )

    comments = (
        FindingComment.objects.filter(finding__district=district)
        .select_related("author", "finding")
        .only(
            "pk",
            "created_at",
            "author__first_name",
            "author__last_name",
            "author__username",
            "finding__id",
            "finding__title",
        )
        .order_by("-created_at", "-pk")[:limit]
    )
    for comment in comments:
        rows.append((comment.created_at, (len(TRACKED), comment.pk), (_from_comment, comment)))

    events = (
        PublicationEvent.objects.for_district(district)
        .select_related("by", "snapshot__survey")
        .only(
            "pk",
            "action",
            "at",
            "by_name",
            "by__first_name",
            "by__last_name",
            "by__username",
            "snapshot__id",
            "snapshot__requested_at",
            "snapshot__survey__id",
            "snapshot__survey__title",
        )
        .order_by("-at", "-pk")[:limit]
    )
    for event in events:
        rows.append((event.at, (len(TRACKED) + 1, event.pk), (_from_event, event)))

    rows.sort(key=lambda row: (row[0], row[1]), reverse=True)
    start = (page - 1) * PAGE_SIZE
    shown = rows[start : start + PAGE_SIZE]
    entries = [build(district, *args) for _at, _key, (build, *args) in shown]
    return ActivityPage(entries, page, has_next=len(rows) > start + PAGE_SIZE and page < MAX_PAGE)


def _from_history(district: District, tracked: Tracked, record: Any) -> ActivityEntry:
    url = ""
    if record.alive:
        url = object_url(tracked.url_name, district, tracked.url_kwarg, record.id)
    return ActivityEntry(
        at=record.history_date,
        who=name_of(record.history_user),
        icon=tracked.icon if record.history_type != "-" else "bi-trash",
        action=str(tracked.actions.get(record.history_type, tracked.actions["~"])),
        label=str(getattr(record, tracked.label_field)),
        url=url,
    )


def _from_comment(district: District, comment: FindingComment) -> ActivityEntry:
    # The text stays on the finding's page: the feed says only that someone commented.
    return ActivityEntry(
        at=comment.created_at,
        who=name_of(comment.author),
        icon="bi-chat-left-text",
        action=gettext("Commented on a finding"),
        label=comment.finding.title,
        url=object_url("reports:finding", district, "finding", comment.finding.pk),
    )


def _from_event(district: District, event: PublicationEvent) -> ActivityEntry:
    snapshot = event.snapshot
    published = event.action == PublicationEvent.Action.PUBLISH
    return ActivityEntry(
        at=event.at,
        who=name_of(event.by) or event.by_name,
        icon="bi-globe2" if published else "bi-eye-slash",
        action=gettext("Report published") if published else gettext("Report withdrawn"),
        label=gettext("%(survey)s, report of %(date)s")
        % {
            "survey": snapshot.survey.title,
            "date": date_text(timezone.localdate(snapshot.requested_at)),
        },
        url=object_url("reports:snapshot_share", district, "snapshot", snapshot.pk),
    )
