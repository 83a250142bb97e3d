"""Demo planning areas for seed_demo: real LOR numbers and names, synthetic indicator values."""

from __future__ import annotations

from pathlib import Path

from districts.importers import (
    area_import_apply,
    area_import_plan,
    indicator_import_apply,
    indicator_import_plan,
)
from districts.models import Area, AreaIndicatorValue, District

DATA = Path(__file__).resolve().parent / "data"
# Shipped for Charlottenburg-Wilmersdorf (04); a coordinator can import them in the UI, too.
AREAS_FILE = DATA / "demo-04-areas.csv"
INDICATORS_FILE = DATA / "demo-04-indicators.csv"


def seed(district: District) -> list[str]:
    """Import the demo areas and values into the demo district; running it again changes nothing."""
    areas = area_import_plan(data=AREAS_FILE.read_bytes(), district=district)
    if not areas.is_clean:
        raise ValueError("; ".join(map(str, areas.problems)))
    area_import_apply(plan=areas)
    values = indicator_import_plan(
        data=INDICATORS_FILE.read_bytes(), filename=INDICATORS_FILE.name, district=district
    )
    if not values.is_clean:
        raise ValueError("; ".join(map(str, values.problems)))
    indicator_import_apply(plan=values)
    planning_areas = Area.objects.for_district(district).level(Area.Level.PLANUNGSRAUM).count()
    indicator_values = AreaIndicatorValue.objects.for_district(district).count()
    return [f"  Planungsräume: {planning_areas}, Kennzahlen: {indicator_values}"]
