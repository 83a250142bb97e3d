"""An offering's timeline: what families said about it, what the district decided, what changed.

The dated changes are the offerings app's own (OfferingAdaptation). Findings and decisions
belong to the reports app, which this app must not import (data flows from offerings to
reports): an app that has them adds `<app>/offering_timeline.py` with
`entries(offering) -> list[TimelineEntry]`, the same way apps add district home panels.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse

from mitwirkung.app_modules import app_modules
from offerings.models import Offering

TIMELINE_APPS = ["reports"]


@dataclass(frozen=True)
class TimelineEntry:
    on: datetime.date
    kind: str  # "finding" | "decision" | "change"
    kind_label: str
    title: str
    status: str = ""
    url: str = ""


def timeline(offering: Offering) -> list[TimelineEntry]:
    """Newest first; a fixed number of queries (one per source)."""
    from django.utils.translation import gettext as _

    entries = [
        TimelineEntry(
            on=change.changed_on,
            kind="change",
            kind_label=str(_("Change")),
            title=change.text,
            status=change.get_kind_display(),
            url=reverse(change.source_url_name(), kwargs=change.source_url_kwargs(offering))
            if change.source_url_name()
            else "",
        )
        for change in offering.adaptations.all()
    ]
    for module in app_modules(TIMELINE_APPS, "offering_timeline"):
        entries += module.entries(offering)
    order = {"change": 0, "decision": 1, "finding": 2}
    return sorted(entries, key=lambda e: (e.on, -order[e.kind]), reverse=True)
