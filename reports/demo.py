"""Demo content for seed_demo: a ready snapshot of the demo survey, so dashboards show data."""

from __future__ import annotations

from districts.models import District
from reports.models import ReportSnapshot
from reports.services import effective_min_group_size, snapshot_build
from surveys.models import Survey


def seed(district: District) -> list[str]:
    """Replace the demo survey's demo snapshot by a fresh one, built right here (no queue)."""
    survey = Survey.objects.for_district(district).filter(is_demo=True).order_by("pk").first()
    if survey is None:
        return []
    # seed_demo regenerates the survey's answers, so the last demo snapshot describes
    # nothing any more; snapshots people built themselves stay.
    ReportSnapshot.objects.filter(district=district, is_demo=True).delete()
    snapshot = ReportSnapshot.objects.create(
        district=district,
        survey=survey,
        kind=ReportSnapshot.Kind.MANUAL,
        min_group_size=effective_min_group_size(survey),
        is_demo=True,
    )
    snapshot.claim()
    snapshot_build(snapshot=snapshot)
    return [f"  Berichtsstand: {snapshot.pk} ({snapshot.get_status_display()})"]
