"""Findings about an offering and decisions that change it, for the offering's timeline
(offerings/timeline.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from offerings.models import Offering
from offerings.timeline import TimelineEntry
from reports.models import Decision, Finding


def entries(offering: Offering) -> list[TimelineEntry]:
    slug = offering.district.slug
    found = [
        TimelineEntry(
            on=finding.created_at.date(),
            kind="finding",
            kind_label=str(_("Finding")),
            title=finding.title,
            status=finding.get_status_display(),
            url=reverse("reports:finding", kwargs={"district": slug, "finding": finding.pk}),
        )
        for finding in Finding.objects.for_district(offering.district_id).filter(offering=offering)
    ]
    decided = [
        TimelineEntry(
            on=decision.created_at.date(),
            kind="decision",
            kind_label=str(_("Decision")),
            title=decision.title,
            status=decision.get_status_display(),
            url=reverse("reports:decision", kwargs={"district": slug, "decision": decision.pk}),
        )
        for decision in Decision.objects.for_district(offering.district_id).filter(
            offerings=offering
        )
    ]
    return found + decided
