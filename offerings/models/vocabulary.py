"""Managed lists of the offerings app: categories (each with its sector) and outreach channels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from districts.models import Sector, Vocabulary


class OfferingCategory(Vocabulary):
    """Familienzentrum, Stadtteilmütter, Frühe Hilfen … with the sector it usually belongs to."""

    sector = models.ForeignKey(
        Sector, models.PROTECT, related_name="offering_categories", verbose_name=_("sector")
    )

    class Meta(Vocabulary.Meta):
        verbose_name = _("offering category")
        verbose_name_plural = _("offering categories")


class OutreachChannel(Vocabulary):
    """How families find an offering: outreach visits, daycare and school, doctors, word of mouth …"""

    class Meta(Vocabulary.Meta):
        verbose_name = _("outreach channel")
        verbose_name_plural = _("outreach channels")
