from __future__ import annotations

from offerings.models.adaptation import ChangeKind, OfferingAdaptation
from offerings.models.offering import (
    STALE_AFTER,
    Offering,
    OfferingGoal,
    OfferingPlace,
    OfferingQuerySet,
    OfferingResource,
)
from offerings.models.review import OfferingChange
from offerings.models.vocabulary import OfferingCategory, OutreachChannel

__all__ = [
    "STALE_AFTER",
    "ChangeKind",
    "Offering",
    "OfferingAdaptation",
    "OfferingCategory",
    "OfferingChange",
    "OfferingGoal",
    "OfferingPlace",
    "OfferingQuerySet",
    "OfferingResource",
    "OutreachChannel",
]
