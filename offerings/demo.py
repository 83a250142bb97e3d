"""Demo offerings for seed_demo, imported from a CSV file with the offerings importer.

The file holds about 40 invented offerings with deliberate gaps, so the gap views have
something to show: almost nothing in Charlottenburg Nord (the planning areas with the
highest synthetic child poverty), nothing at Schaperstraße, few offerings in Arabic or
Ukrainian, none for homeless families, three not confirmed for over a year, one paused,
and one goal (Lernförderung) that no offering contributes to.
"""

from __future__ import annotations

from pathlib import Path

from districts.models import District
from offerings.exchange import offering_import_apply, offering_import_plan
from offerings.models import Offering

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo-04-offerings.csv"


def seed(district: District) -> list[str]:
    """Create or refresh the demo offerings; a second run changes nothing."""
    plan = offering_import_plan(data=DEMO_FILE.read_bytes(), district=district)
    if not plan.is_clean:
        problems = "\n".join(str(p) for p in plan.problems)
        raise RuntimeError(f"{DEMO_FILE.name} cannot be imported:\n{problems}")
    offering_import_apply(plan=plan)
    return [f"  Angebote: {Offering.objects.for_district(district).count()}"]
