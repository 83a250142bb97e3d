"""Reach as a number: families an offering reaches per month against the children it is for.

The provider reports how many families an offering reaches per month
(Offering.reached_per_month). Its eligible children are the children of the areas it serves,
of the age bands its ages overlap, times the child poverty share of each area:

    eligible(area, band) = children(area, band) × child poverty(area) / 100

An offering serves the Bezirksregionen of its places (a place's planning-area code starts
with its region's code, as in offerings/gaps.py); a district-wide or mobile offering, or one
without a place in the current LOR edition, serves every region of the district. Its age
bands are those of 0–5, 6–11 and 12–17 that overlap age_from … age_to (an open end reaches to
0 or 17; no ages at all: every band).

Per area and life phase, an offering's reach is split over the (area, band) cells it serves
in proportion to their eligible children, so the cells of one offering add up to its reach
again and no family is counted twice; the cell's figure is the sum of these parts of all
offerings against the cell's eligible children. The result is an estimate: families are not
children, and providers count differently. It is labelled as such on the pages.

Counting is done in the database (six queries whatever the number of offerings); pandas
only shapes the per-area statistics.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from django.db.models import Q
from django.db.models.functions import Substr

from districts.models import Area, District
from offerings import gaps as offering_gaps
from offerings.models import OfferingPlace
from reports.schema import Coverage, CoverageArea, CoverageOffering

LEVEL = Area.Level.BEZIRKSREGION
CODE_LENGTH = 6
# Life phase key, first and last year of age, and the statistics indicator of the band.
BANDS: list[tuple[str, int, int, str]] = [
    ("0-5", 0, 5, "population-0-5"),
    ("6-11", 6, 11, "population-6-11"),
    ("12-17", 12, 17, "population-12-17"),
]


@dataclass
class _Region:
    code: str
    name: str
    poverty: float | None
    children: dict[str, int]  # band → children

    def eligible(self, band: str) -> float | None:
        children = self.children.get(band)
        if children is None or self.poverty is None:
            return None
        return children * self.poverty / 100


def coverage(district: District) -> Coverage:
    """Coverage per offering (with a reported reach) and per Bezirksregion × life phase."""
    edition = offering_gaps.area_edition(district)
    areas = list(
        Area.objects.for_district(district)
        .filter(valid_from=edition, level=LEVEL)
        .order_by("code")
        .values_list("code", "name")
    )
    frame = offering_gaps.indicator_frame(district, edition)
    numbers, poverty_year, children_year = offering_gaps.area_numbers(frame, LEVEL)
    bands = band_children(frame)
    regions = {
        code: _Region(
            code=code,
            name=name,
            poverty=numbers.get(code, (None, None, False))[1],
            children=bands.get(code, {}),
        )
        for code, name in areas
    }

    offerings = list(
        offering_gaps.counted_offerings(district)
        .filter(reached_per_month__isnull=False)
        .order_by("name", "pk")
        .values(
            "pk", "name", "reached_per_month", "age_from", "age_to", "is_district_wide", "is_mobile"
        )
    )
    served = _served_regions(district, edition, set(regions))

    reached: dict[tuple[str, str], float] = {}
    rows: list[CoverageOffering] = []
    for offering in offerings:
        everywhere = offering["is_district_wide"] or offering["is_mobile"]
        codes = [] if everywhere else sorted(served.get(offering["pk"], ()))
        cells = [
            (code, band)
            for code in (codes or list(regions))
            for band in offering_bands(offering["age_from"], offering["age_to"])
        ]
        weights = [regions[code].eligible(band) for code, band in cells]
        eligible = None if not cells or None in weights else sum(weights)  # type: ignore[arg-type]
        _split(offering["reached_per_month"], cells, weights, reached)
        rows.append(
            {
                "offering": offering["pk"],
                "name": offering["name"],
                "reached_per_month": offering["reached_per_month"],
                "eligible_children": None if eligible is None else round(eligible),
                "coverage_pct": _percent(offering["reached_per_month"], eligible),
                "areas": codes,
            }
        )

    area_rows: list[CoverageArea] = []
    for region in regions.values():
        for band, *_ in BANDS:
            eligible = region.eligible(band)
            count = reached.get((region.code, band), 0.0)
            area_rows.append(
                {
                    "code": region.code,
                    "name": region.name,
                    "life_phase": band,
                    "reached_per_month": round(count),
                    "eligible_children": None if eligible is None else round(eligible),
                    "coverage_pct": _percent(count, eligible),
                }
            )
    return {
        "offerings": rows,
        "areas": area_rows,
        "statistics_year": children_year or poverty_year,
    }


def offering_bands(age_from: int | None, age_to: int | None) -> list[str]:
    """The life phases an offering's ages overlap; every band when it names no age."""
    low = 0 if age_from is None else age_from
    high = 17 if age_to is None else age_to
    return [key for key, first, last, _ in BANDS if first <= high and low <= last]


def band_children(frame: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Children per age band and Bezirksregion, from offerings.gaps.indicator_frame.

    A region's own value wins; a band it has no value for is the sum of its planning areas
    (whose codes start with the region's code).
    """
    keys = {indicator: band for band, _, _, indicator in BANDS}
    values = frame[frame["key"].isin(list(keys))] if not frame.empty else frame
    if values.empty:
        return {}
    values = values.assign(band=values["key"].map(keys), value=values["value"].astype(float))
    planning = values[values["level"] == Area.Level.PLANUNGSRAUM]
    summed = (
        planning.assign(code=planning["code"].str[:CODE_LENGTH])
        .groupby(["code", "band"])["value"]
        .sum()
    )
    own = values[values["level"] == LEVEL].groupby(["code", "band"])["value"].sum()
    result: dict[str, dict[str, int]] = {}
    for series in (summed, own):
        for (code, band), value in series.items():
            result.setdefault(str(code), {})[str(band)] = round(float(value))
    return result


def _served_regions(district: District, edition: object, known: set[str]) -> dict[int, set[str]]:
    """Offering id → the regions of its places: one query."""
    places = (
        OfferingPlace.objects.filter(
            Q(offering__district=district), area__valid_from=edition, area__isnull=False
        )
        .annotate(region=Substr("area__code", 1, CODE_LENGTH))
        .values_list("offering_id", "region")
        .distinct()
        .order_by()
    )
    served: dict[int, set[str]] = {}
    for offering_id, region in places:
        if region in known:
            served.setdefault(offering_id, set()).add(region)
    return served


def _split(
    reach: int,
    cells: list[tuple[str, str]],
    weights: list[float | None],
    into: dict[tuple[str, str], float],
) -> None:
    """Add `reach` to the cells in proportion to their eligible children.

    Cells without statistics get no part; when no cell has any, the reach is split evenly, so
    it still shows where the offering works.
    """
    if not cells:
        return
    known = [w or 0.0 for w in weights]
    total = sum(known)
    shares = [w / total for w in known] if total > 0 else [1 / len(cells)] * len(cells)
    for cell, share in zip(cells, shares, strict=True):
        into[cell] = into.get(cell, 0.0) + reach * share


def _percent(count: float, base: float | None) -> float | None:
    if base is None or base <= 0:
        return None
    return round(100 * count / base, 1)
