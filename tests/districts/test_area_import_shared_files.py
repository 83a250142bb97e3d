"""The importers read the real LOR and social monitoring files in ../shared/data/berlin-lor."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from django.utils import translation

from districts.importers import (
    area_import_apply,
    area_import_plan,
    indicator_import_apply,
    indicator_import_plan,
)
from districts.models import Area, AreaIndicatorValue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English; the German catalogue is tested with the pages."""
    with translation.override("en"):
        yield


# The repository's parent holds shared/ (in CI it always does).
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "berlin-lor"


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SHARED} is missing; CI must test the importers on the real files")
        pytest.skip(f"{SHARED} not found: the real LOR files live beside the repository")
    return SHARED


def import_areas(path: Path):
    plan = area_import_plan(data=path.read_bytes())
    assert plan.is_clean, [str(p) for p in plan.problems[:5]]
    area_import_apply(plan=plan)
    return plan


def import_indicators(path: Path):
    plan = indicator_import_plan(data=path.read_bytes(), filename=path.name)
    assert plan.is_clean, [str(p) for p in plan.problems[:5]]
    indicator_import_apply(plan=plan)
    return plan


def test_the_social_monitoring_file_imports_as_an_area_list(shared):
    plan = import_areas(shared / "mss-2021-planning-areas.csv")

    assert Area.objects.level(Area.Level.PLANUNGSRAUM).count() == 534
    assert Area.objects.level(Area.Level.BEZIRKSREGION).count() == 143
    assert Area.objects.level(Area.Level.PROGNOSERAUM).count() == 58
    assert len(plan.placeholders) == 143 + 58
    assert Area.objects.get(code="01100101").name == "Stülerstraße"
    assert any(note.startswith("Columns not used: inhabitants") for note in plan.notes)


def test_the_forecast_area_shapes_import_with_their_names(shared):
    plan = import_areas(shared / "lor-2021-forecast-areas.geojson")

    assert plan.notes == ["Properties not used: area, bounding_box"]
    forecast_areas = Area.objects.level(Area.Level.PROGNOSERAUM)
    assert forecast_areas.count() == 58
    assert forecast_areas.get(code="0410").name == "Charlottenburg Nord"
    lon, lat = forecast_areas.get(code="0410").geometry["coordinates"][0][0][0]
    assert 13 < lon < 14
    assert 52 < lat < 53


def test_the_forecast_areas_replace_the_placeholders_of_the_monitoring_file(shared):
    import_areas(shared / "mss-2021-planning-areas.csv")
    plan = import_areas(shared / "lor-2021-forecast-areas.geojson")

    assert (len(plan.creates), len(plan.updates)) == (0, 58)
    assert not Area.objects.level(Area.Level.PROGNOSERAUM).filter(name_is_placeholder=True)


def test_the_district_shapes_are_checked_and_not_imported(shared):
    plan = import_areas(shared / "lor-districts.geojson")

    assert Area.objects.count() == 0
    assert "12 rows at district level were checked" in plan.notes[0]


def test_the_monitoring_values_per_planning_area_import_quickly_with_real_numbers(shared):
    import_areas(shared / "mss-2021-planning-areas.csv")

    started = time.monotonic()
    import_indicators(shared / "mss-2021-planning-areas.csv")
    elapsed = time.monotonic() - started

    child_poverty = AreaIndicatorValue.objects.get(
        area__code="01100101", indicator__key="child-poverty-mss"
    )
    assert (child_poverty.year, child_poverty.value) == (2021, 19.39799)
    assert "Monitoring Soziale Stadtentwicklung 2021" in child_poverty.source_note
    assert "Open Lifeworlds (CC BY 4.0)" in child_poverty.source_note
    status = AreaIndicatorValue.objects.get(
        area__code="01100101", indicator__key="mss-status-class"
    )
    assert status.value == 2
    assert AreaIndicatorValue.objects.filter(indicator__key="population").count() == 534
    assert elapsed < 10


def test_importing_the_monitoring_values_twice_changes_nothing(shared):
    import_areas(shared / "mss-2021-planning-areas.csv")
    import_indicators(shared / "mss-2021-planning-areas.csv")
    count = AreaIndicatorValue.objects.count()

    again = import_indicators(shared / "mss-2021-planning-areas.csv")

    assert (again.created, again.updated) == (0, 0)
    assert again.unchanged == count


def test_the_monitoring_values_per_district_region_import(shared):
    import_areas(shared / "mss-2021-planning-areas.csv")

    import_indicators(shared / "mss-2021-district-regions.csv")

    regions = AreaIndicatorValue.objects.filter(area__level=Area.Level.BEZIRKSREGION)
    assert regions.filter(indicator__key="child-poverty-mss").count() == 142


def test_the_district_file_skips_its_deviation_row_and_reports_the_district_level(shared):
    plan = import_indicators(shared / "mss-2021-districts.csv")

    assert AreaIndicatorValue.objects.count() == 0
    assert "Line 2 holds standard deviations, not an area, and was skipped." in plan.notes
    assert any(note.startswith("Not imported: district level (12 rows") for note in plan.notes)


def test_the_district_region_file_without_names_imports_as_an_area_list(shared):
    import_areas(shared / "mss-2021-planning-areas.csv")

    plan = import_areas(shared / "mss-2021-district-regions.csv")

    assert (len(plan.creates), len(plan.updates), plan.unchanged) == (0, 0, 142)
    assert any("no name column" in note for note in plan.notes)
