"""Step 3 on the district home page: how many offerings run, and how fresh the list is."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from districts.home_panels import HomePanel
from districts.models import District
from offerings.models import Offering, OfferingChange


def panel(district: District) -> HomePanel:
    offerings = Offering.objects.for_district(district)
    counts = offerings.aggregate(
        active=Count(
            "pk",
            filter=Q(review_status=Offering.ReviewStatus.PUBLISHED, status=Offering.Status.ACTIVE),
        ),
        pending=Count("pk", filter=Q(review_status=Offering.ReviewStatus.PENDING)),
    )
    # Same rule as the list of stale offerings: ended ones need no confirmation.
    stale = (
        offerings.published()
        .stale(timezone.localdate())
        .exclude(status=Offering.Status.ENDED)
        .count()
    )
    pending_changes = OfferingChange.objects.for_district(district).pending().count()
    return HomePanel(
        step=3,
        template="offerings/_home_offerings.html",
        context={
            "offering_active_count": counts["active"],
            "offering_stale_count": stale,
            # Shown to coordinators only: they are the ones who review.
            "offering_pending_count": counts["pending"] + pending_changes,
        },
    )
