from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from districts.importers import area_import_apply, area_import_plan
from districts.models import Area, District
from tests.factories import AreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English; the German catalogue is tested with the pages."""
    with translation.override("en"):
        yield


ETRS89 = "urn:ogc:def:crs:EPSG::25833"
# Around the Brandenburger Tor in EPSG:25833 (ETRS89 / UTM zone 33N), 100 m squares.
X, Y = 389_900.0, 5_819_500.0


def square(dx: float = 0, dy: float = 0) -> dict:
    x, y = X + dx, Y + dy
    ring = [[x, y], [x + 100, y], [x + 100, y + 100], [x, y + 100], [x, y]]
    return {"type": "MultiPolygon", "coordinates": [[ring]]}


def geojson(features: list[dict], crs: str | None = ETRS89) -> bytes:
    document: dict = {"type": "FeatureCollection", "features": features}
    if crs:
        document["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(document).encode()


def plr_feature(plr: str, name: str, *, upper: bool = True, **extra: str) -> dict:
    properties = {
        "PLR_ID": plr,
        "PLR_NAME": name,
        "BZR_ID": plr[:6],
        "BZR_NAME": f"Region {plr[:6]}",
        "PGR_ID": plr[:4],
        "PGR_NAME": f"Prognoseraum {plr[:4]}",
        "BEZ": plr[:2],
        **extra,
    }
    if not upper:
        properties = {k.lower(): v for k, v in properties.items()}
    return {"type": "Feature", "properties": properties, "geometry": square()}


def run(data: bytes, **kwargs):
    plan = area_import_plan(data=data, **kwargs)
    assert plan.is_clean, [str(p) for p in plan.problems]
    return area_import_apply(plan=plan)


def test_geoportal_geojson_in_etrs89_is_stored_in_wgs84_with_its_parents():
    run(geojson([plr_feature("04100101", "Jungfernheide/Plötzensee", GROESSE_M2="12")]))

    area = Area.objects.get(code="04100101")
    lon, lat = area.geometry["coordinates"][0][0][0]
    assert 13.3 < lon < 13.45
    assert 52.45 < lat < 52.6
    assert area.level == Area.Level.PLANUNGSRAUM
    assert area.district.number == "04"
    assert area.parent.code == "041001"
    assert area.parent.name == "Region 041001"
    assert not area.parent.name_is_placeholder
    assert area.parent.parent.code == "0410"
    assert area.parent.parent.parent is None


def test_lower_case_wfs_properties_are_read_like_the_upper_case_ones():
    run(geojson([plr_feature("11501341", "Karlshorst Süd", upper=False)]))

    area = Area.objects.get(code="11501341")
    assert area.name == "Karlshorst Süd"
    assert area.district.name == "Lichtenberg"
    assert Area.objects.get(code="1150").name == "Prognoseraum 1150"


def test_unknown_properties_are_named_in_a_note_not_as_errors():
    plan = area_import_plan(data=geojson([plr_feature("04100101", "X", STAND="2021")]))

    assert plan.is_clean
    assert any("stand" in note for note in plan.notes)


def test_coordinates_without_a_crs_member_are_recognised_as_etrs89_by_their_size():
    plan = area_import_plan(data=geojson([plr_feature("04100101", "X")], crs=None))
    area_import_apply(plan=plan)

    assert any("EPSG:25833" in note for note in plan.notes)
    lon, lat = Area.objects.get(code="04100101").geometry["coordinates"][0][0][0]
    assert 13 < lon < 14
    assert 52 < lat < 53


def test_wgs84_coordinates_are_stored_as_they_are():
    feature = {
        "type": "Feature",
        "properties": {"id": "0410", "name": "Charlottenburg Nord"},
        "geometry": {"type": "Point", "coordinates": [13.2912345678, 52.5312345678]},
    }
    run(geojson([feature], crs="urn:ogc:def:crs:OGC:1.3:CRS84"))

    assert Area.objects.get(code="0410").geometry == {
        "type": "Point",
        "coordinates": [13.2912345678, 52.5312345678],
    }


def test_swapped_longitude_and_latitude_is_an_error():
    feature = {
        "type": "Feature",
        "properties": {"id": "0410", "name": "Charlottenburg Nord"},
        "geometry": {"type": "Point", "coordinates": [52.53, 13.29]},
    }
    plan = area_import_plan(data=geojson([feature], crs="EPSG:4326"))

    assert [str(p) for p in plan.problems] == [
        "Feature 1: The shape lies outside Berlin (e.g. 52.53, 13.29). Is the coordinate "
        "system right, or are longitude and latitude swapped?"
    ]


def test_plain_csv_keeps_leading_zeros_and_lists_the_columns_it_ignores():
    run(b"id,name,inhabitants\n01100101,St\xc3\xbclerstra\xc3\x9fe,3419\n0110,Zentrum\n")

    area = Area.objects.get(code="01100101")
    assert area.name == "Stülerstraße"
    assert area.parent.parent == Area.objects.get(code="0110", name="Zentrum")
    plan = area_import_plan(data=b"id,name,inhabitants\n01100101,X\n")
    assert "Columns not used: inhabitants" in plan.notes


def test_excel_csv_with_semicolons_and_windows_encoding_is_read():
    run("ID;Name\n04100101;Plötzensee\n".encode("cp1252"))

    assert Area.objects.get(code="04100101").name == "Plötzensee"


def test_a_file_with_bad_rows_imports_nothing_and_reports_every_bad_row_with_its_line():
    data = (
        b"id,name\n"
        b"04100101,Gut\n"
        b"4100102,Null verloren\n"
        b"04-1001,Buchstaben\n"
        b"04100101,Doppelt\n"
        b"99100101,Kein Bezirk\n"
    )

    plan = area_import_plan(data=data)

    assert [p.line for p in plan.problems] == [3, 4, 5, 6]
    assert "leading zero" in str(plan.problems[0])
    assert "appears more than once (also line 2)" in str(plan.problems[2])
    assert "no Berlin district with the number 99" in str(plan.problems[3])
    with pytest.raises(ValueError, match="problems"):
        area_import_apply(plan=plan)
    assert Area.objects.count() == 0


def test_a_child_that_does_not_belong_to_its_named_parent_is_an_error():
    feature = plr_feature("04100101", "X")
    feature["properties"]["BZR_ID"] = "041002"

    plan = area_import_plan(data=geojson([feature]))

    assert [str(p) for p in plan.problems] == [
        "Feature 1: 04100101 does not belong to 041002: its number must start with it."
    ]


def test_a_bez_column_that_contradicts_the_number_is_an_error():
    plan = area_import_plan(data=geojson([plr_feature("04100101", "X", BEZ="07")]))

    assert "BEZ says 07, but 04100101 lies in Charlottenburg-Wilmersdorf." in str(plan.problems[0])


def test_importing_again_changes_nothing_and_a_changed_name_is_updated():
    data = b"id,name\n0410,Nord\n04100101,Alt\n04100102,Paul-Hertz-Siedlung\n"
    run(data)
    count = Area.objects.count()

    again = area_import_plan(data=data)
    renamed = area_import_plan(data=data.replace(b"Alt", b"Jungfernheide"))
    area_import_apply(plan=renamed)

    assert (len(again.creates), len(again.updates), again.unchanged) == (0, 0, 3)
    assert [(c.code, c.old_name) for c in renamed.updates] == [("04100101", "Alt")]
    assert Area.objects.count() == count
    assert Area.objects.get(code="04100101").name == "Jungfernheide"


def test_missing_parents_get_a_placeholder_name_that_a_later_import_replaces():
    run(b"id,name\n04100101,Jungfernheide\n")

    region = Area.objects.get(code="041001")
    assert region.name == "Bezirksregion 041001 (Name noch unbekannt)"
    assert region.name_is_placeholder
    assert Area.objects.get(code="0410").name == "Prognoseraum 0410 (Name noch unbekannt)"

    run(b"id,name\n041001,Charlottenburg Nord\n")

    region.refresh_from_db()
    assert (region.name, region.name_is_placeholder) == ("Charlottenburg Nord", False)
    assert Area.objects.count() == 3


def test_a_file_without_names_keeps_existing_names():
    run(b"id,name\n041001,Charlottenburg Nord\n")
    plan = area_import_plan(data=b"id,inhabitants\n041001,100\n041002,200\n")
    area_import_apply(plan=plan)

    assert Area.objects.get(code="041001").name == "Charlottenburg Nord"
    assert Area.objects.get(code="041002").name_is_placeholder
    assert any("no name column" in note for note in plan.notes)


def test_an_existing_area_without_its_parent_gets_the_parent_linked():
    orphan = AreaFactory(code="041001", level=Area.Level.BEZIRKSREGION, parent=None)

    run(b"id,name\n0410,Nord\n")
    run(b"id,name\n041001,Region\n")

    orphan.refresh_from_db()
    assert orphan.parent == Area.objects.get(code="0410")


def test_rows_of_another_district_are_errors_when_the_import_is_for_one_district(district_a):
    plan = area_import_plan(
        data=b"id,name\n04100101,Gut\n07100101,Schoeneberg\n", district=district_a
    )

    assert [str(p) for p in plan.problems] == [
        "Line 3: Area 07100101 belongs to Tempelhof-Schöneberg, not to Charlottenburg-Wilmersdorf."
    ]
    assert any("skip rows of other districts" in note for note in plan.notes)


def test_rows_of_other_districts_can_be_skipped_on_request(district_a):
    plan = area_import_plan(
        data=b"id,name\n04100101,Gut\n07100101,X\n07100102,Y\n",
        district=district_a,
        skip_other_districts=True,
    )
    area_import_apply(plan=plan)

    assert plan.is_clean
    assert any("2 rows of other districts were skipped" in note for note in plan.notes)
    assert not Area.objects.filter(district__number="07").exists()


def test_district_rows_are_only_checked(district_a):
    plan = area_import_plan(data=b"id,name\n04,Charlottenburg-Wilmersdorf\n13,Umland\n")

    assert [str(p) for p in plan.problems] == [
        "Line 3: There is no Berlin district with the number 13."
    ]
    assert not plan.creates


def test_within_finds_all_areas_below_an_area_in_one_query(django_assert_num_queries):
    run(b"id,name\n04100101,A\n04100102,B\n04200203,C\n")
    region = Area.objects.get(code="0410")

    with django_assert_num_queries(1):
        codes = [a.code for a in Area.objects.within(region)]

    assert codes == ["041001", "04100101", "04100102"]


def test_the_command_reports_every_bad_row_and_imports_nothing(tmp_path):
    path = tmp_path / "areas.csv"
    path.write_text("id,name\n04100101,Gut\n0410010,Kaputt\n", encoding="utf-8")

    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_areas", str(path))

    assert Area.objects.count() == 0


def test_the_command_imports_for_one_district_and_prints_a_summary(tmp_path, capsys):
    path = tmp_path / "areas.csv"
    path.write_text("id,name,extra\n04100101,Gut\n", encoding="utf-8")

    with translation.override("en"):
        call_command("import_areas", str(path), "--district", "04", "--valid-from", "2021-01-01")

    out = capsys.readouterr().out
    assert "Areas: 3 new (2 of them with a placeholder name), 0 changed, 0 unchanged." in out
    assert "Columns not used: extra" in out
    assert Area.objects.filter(district=District.objects.get(number="04")).count() == 3


def test_a_dry_run_imports_nothing(tmp_path):
    path = tmp_path / "areas.csv"
    path.write_text("id,name\n04100101,Gut\n", encoding="utf-8")

    call_command("import_areas", str(path), "--dry-run")

    assert Area.objects.count() == 0
