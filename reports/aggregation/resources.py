"""Resources against reach: what an offering costs per family it reaches in a year.

Money is only OfferingResource.Kind.BUDGET ("€ per year"): staff hours are hours per week,
and rooms and other resources carry no amount. An offering's budget is the sum of its budget
rows of the newest year that has amounts (rows without a year count as one more "year", older
than any dated one, so undated budgets are used only when nothing is dated). Families reached
in a year are the provider's families per month × 12: the same families come again, so this
is a cost per monthly place rather than per person, and the pages say so.
"""

from __future__ import annotations

from django.db.models import Sum

from districts.models import District
from offerings import gaps as offering_gaps
from offerings.models import OfferingResource
from reports.schema import ResourceRow

MONEY_KINDS = [OfferingResource.Kind.BUDGET]


def resources(district: District) -> list[ResourceRow]:
    """Budget per family reached for counted offerings with budget data: one query.

    Sorted by cost per family (unknown last), then by name.
    """
    sums = (
        OfferingResource.objects.filter(
            offering__in=offering_gaps.counted_offerings(district),
            kind__in=MONEY_KINDS,
            amount__isnull=False,
        )
        .values("offering_id", "offering__name", "offering__reached_per_month", "year")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    newest: dict[int, dict] = {}
    for row in sums:
        current = newest.get(row["offering_id"])
        if current is None or _year(row["year"]) > _year(current["year"]):
            newest[row["offering_id"]] = row

    rows: list[ResourceRow] = []
    for offering_id, row in newest.items():
        budget = float(row["total"])
        monthly = row["offering__reached_per_month"]
        per_year = None if monthly is None else monthly * 12
        rows.append(
            {
                "offering": offering_id,
                "name": row["offering__name"],
                "budget_per_year": round(budget, 2),
                "reached_per_year": per_year,
                "per_family": round(budget / per_year, 2) if per_year else None,
            }
        )
    rows.sort(
        key=lambda r: (r["per_family"] is None, r["per_family"] or 0.0, r["name"], r["offering"])
    )
    return rows


def _year(year: int | None) -> int:
    return -1 if year is None else year
