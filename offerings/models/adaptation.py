"""Dated changes the district made to an offering because of what families said (step 5).

A decision (reports.models.adaptation.Decision) writes one row per offering it changes when
it is marked done, through `OfferingAdaptation.objects.record`; the offering's page shows
them on its timeline. The row keeps its own text, so the timeline still reads right if the
decision is edited or removed later.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from offerings.models.offering import Offering


class ChangeKind(models.TextChoices):
    """What kind of change: the same list for decisions and for an offering's timeline."""

    OPENING_TIMES = "opening_times", _("Opening times")
    LANGUAGE = "language", _("Language")
    PLACE = "place", _("Place")
    COST = "cost", _("Cost")
    INFORMATION = "information", _("Information and outreach")
    NEW_OFFERING = "new_offering", _("New offering")
    ENDED_OFFERING = "ended_offering", _("Offering ended")
    COOPERATION = "cooperation", _("Cooperation")
    OTHER = "other", _("Other")


class OfferingAdaptationQuerySet(models.QuerySet["OfferingAdaptation"]):
    def for_district(self, district: object) -> OfferingAdaptationQuerySet:
        return self.filter(offering__district=district)

    def record(
        self,
        *,
        offering: Offering,
        changed_on: datetime.date,
        kind: str,
        text: str,
        source: str,
    ) -> OfferingAdaptation:
        """One row per offering and source: marking a decision done twice changes nothing
        but the date and text of its row."""
        row, _created = self.update_or_create(
            offering=offering,
            source=source,
            defaults={"changed_on": changed_on, "kind": kind, "text": text[:300]},
        )
        return row


class OfferingAdaptation(models.Model):
    offering = models.ForeignKey(
        Offering, models.CASCADE, related_name="adaptations", verbose_name=_("offering")
    )
    changed_on = models.DateField(_("changed on"))
    kind = models.CharField(_("kind of change"), max_length=16, choices=ChangeKind)
    text = models.CharField(_("what changed"), max_length=300)
    # Who wrote it, e.g. "decision:12": the key that keeps a decision to one row per offering.
    source = models.CharField(_("source"), max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OfferingAdaptationQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_on", "-pk"]
        verbose_name = _("change to an offering")
        verbose_name_plural = _("changes to offerings")
        constraints = [
            models.UniqueConstraint(
                fields=["offering", "source"], name="one_adaptation_per_offering_and_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.changed_on}: {self.text}"

    def source_url_name(self) -> str:
        """The page of what wrote the row; the offerings app only knows its URL's name."""
        return "reports:decision" if self.source.startswith("decision:") else ""

    def source_url_kwargs(self, offering: Offering) -> dict[str, object]:
        return {"district": offering.district.slug, "decision": int(self.source.split(":")[1])}
