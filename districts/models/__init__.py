from __future__ import annotations

from districts.models.areas import Area, AreaIndicator, AreaIndicatorValue
from districts.models.district import District, DistrictQuerySet, Membership, MembershipQuerySet
from districts.models.stakeholders import Sector, Stakeholder
from districts.models.vocabulary import Language, Vocabulary

__all__ = [
    "Area",
    "AreaIndicator",
    "AreaIndicatorValue",
    "District",
    "DistrictQuerySet",
    "Language",
    "Membership",
    "MembershipQuerySet",
    "Sector",
    "Stakeholder",
    "Vocabulary",
]
