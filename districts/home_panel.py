"""Step 1 on the district home page: who is at the table, and which sectors are missing."""

from __future__ import annotations

from django.db.models import Count, Q

from districts.home_panels import HomePanel
from districts.models import District, Sector


def panel(district: District) -> HomePanel:
    sectors = list(
        Sector.objects.filter(is_active=True).annotate(
            n=Count("stakeholders", filter=Q(stakeholders__district=district))
        )
    )
    return HomePanel(
        step=1,
        template="districts/_home_stakeholders.html",
        context={
            "stakeholder_count": sum(s.n for s in sectors),
            "sectors_covered": sum(1 for s in sectors if s.n),
            "sector_total": len(sectors),
            "sector_gaps": [s for s in sectors if not s.n],
        },
    )
