from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
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


# The layout of the social monitoring per Planungsraum as Open Lifeworlds publishes it:
# repeated `inhabitants`, z-score columns with class names in them.
MSS_HEADER = (
    "id,name,inhabitants,status_index,status_index_class,dynamic_index,dynamic_index_class,"
    "inhabitants,s1_percentage_unemployed,s3_percentage_transfer_payments_recipients,"
    "s4_percentage_transfer_payments_recipients_below_15_years,z_d3_percentage_transfer,"
    "k02_single_parent_households,k03_old_age_poverty\n"
)
MSS_ROWS = (
    "04100101,Jungfernheide/Plötzensee,11548.0,2.0,mittel,+,positiv,11548.0,4.1,9.2,43.97463,"
    "mittel,31.5,8.1\n"
    "04100102,Paul-Hertz-Siedlung,7855.0,4.0,sehr niedrig,-,negativ,7855.0,5.0,10.0,50.6,"
    "hoch,33.0,9.0\n"
)


@pytest.fixture
def areas_04() -> None:
    plan = area_import_plan(data=b"id,name\n04100101,Jungfernheide\n04100102,Paul-Hertz\n")
    area_import_apply(plan=plan)


@pytest.fixture
def area_07() -> None:
    area_import_apply(plan=area_import_plan(data=b"id,name\n07100101,Schoeneberg\n"))


def values() -> dict[tuple[str, str, int], float]:
    return {
        (v.area.code, v.indicator.key, v.year): v.value
        for v in AreaIndicatorValue.objects.select_related("area", "indicator")
    }


def run(data: bytes, **kwargs):
    plan = indicator_import_plan(data=data, **kwargs)
    assert plan.is_clean, [str(p) for p in plan.problems]
    indicator_import_apply(plan=plan)
    return plan


def test_social_monitoring_csv_maps_the_known_columns_and_takes_the_year_from_the_name(
    areas_04,
):
    plan = run((MSS_HEADER + MSS_ROWS).encode(), filename="mss-2021-planning-areas.csv")

    stored = values()
    assert stored[("04100101", "population", 2021)] == 11548
    assert stored[("04100101", "mss-status-class", 2021)] == 2
    assert stored[("04100102", "mss-status-class", 2021)] == 4
    assert stored[("04100101", "mss-dynamic-class", 2021)] == 1
    assert stored[("04100102", "mss-dynamic-class", 2021)] == -1
    assert stored[("04100101", "unemployment-mss", 2021)] == 4.1
    assert stored[("04100101", "transfer-benefits-mss", 2021)] == 9.2
    assert stored[("04100101", "child-poverty-mss", 2021)] == 43.97463
    assert stored[("04100101", "single-parent-households", 2021)] == 31.5
    assert len(stored) == 14
    assert any("z_d3_percentage_transfer, k03_old_age_poverty" in note for note in plan.notes)


def test_social_monitoring_values_carry_the_attribution(areas_04):
    run((MSS_HEADER + MSS_ROWS).encode(), filename="mss-2021-planning-areas.csv")

    assert set(AreaIndicatorValue.objects.values_list("source_note", flat=True)) == {
        "Monitoring Soziale Stadtentwicklung 2021 (SenStadt, Amt für Statistik "
        "Berlin-Brandenburg, CC BY 3.0 DE), via Open Lifeworlds (CC BY 4.0)"
    }


def test_a_given_source_replaces_the_default_attribution(areas_04):
    run((MSS_HEADER + MSS_ROWS).encode(), year=2023, source="Bezirksamt, eigene Auswertung")

    assert set(AreaIndicatorValue.objects.values_list("source_note", "year")) == {
        ("Bezirksamt, eigene Auswertung", 2023)
    }


def test_uninhabited_areas_without_index_values_are_skipped_not_errors(areas_04):
    empty_row = "04100102,Paul-Hertz-Siedlung,0.0,,,,,0.0,,,,,,\n"
    plan = run((MSS_HEADER + MSS_ROWS.splitlines()[0] + "\n" + empty_row).encode(), year=2021)

    assert values()[("04100102", "population", 2021)] == 0
    assert not [k for k in values() if k[0] == "04100102" and k[1] != "population"]
    assert any("empty values were skipped" in note for note in plan.notes)


def test_without_a_year_the_social_monitoring_file_is_refused(areas_04):
    plan = indicator_import_plan(data=(MSS_HEADER + MSS_ROWS).encode(), filename="mss.csv")

    assert "The year of the values is missing" in str(plan.problems[0])


def test_long_csv_accepts_german_decimal_commas_and_class_names(areas_04):
    run(
        b"area_id,key,year,value,source\n"
        b'04100101,child-poverty-mss,2022,"19,4",Demo\n'
        b"04100101,population-0-5,2022,412,Demo\n"
        b"04100101,mss-status-class,2022,niedrig,Demo\n"
    )

    assert values() == {
        ("04100101", "child-poverty-mss", 2022): 19.4,
        ("04100101", "population-0-5", 2022): 412,
        ("04100101", "mss-status-class", 2022): 3,
    }
    assert set(AreaIndicatorValue.objects.values_list("source_note", flat=True)) == {"Demo"}


def test_a_file_with_bad_rows_imports_nothing_and_reports_every_bad_row(areas_04):
    data = (
        b"area_id,key,year,value\n"
        b"04100101,population-0-5,2022,412\n"
        b"04100199,population-0-5,2022,10\n"
        b"04100101,child-poverty-mss,2022,120\n"
        b"04100101,unknown-key,2022,1\n"
        b"04100101,population-6-11,zwanzig,1\n"
        b"04100101,mss-status-class,2022,7\n"
        b"04100101,population-12-17,2022,-3\n"
        b"04100101,population-12-17,2022,viele\n"
    )

    plan = indicator_import_plan(data=data)

    assert [p.line for p in plan.problems] == [4, 5, 6, 7, 8, 9]
    messages = [str(p) for p in plan.problems]
    assert "120 is not a percentage between 0 and 100" in messages[0]
    assert 'Unknown indicator "unknown-key"' in messages[1]
    assert '"zwanzig" is not a year' in messages[2]
    assert '"7" is not a class of' in messages[3]
    assert "-3 is not a whole number of 0 or more" in messages[4]
    assert '"viele" is not a number' in messages[5]
    assert AreaIndicatorValue.objects.count() == 0


def test_values_for_unknown_areas_ask_to_import_the_areas_first(areas_04):
    plan = indicator_import_plan(data=b"area_id,key,year,value\n04100199,population,2022,10\n")

    assert [str(p) for p in plan.problems] == [
        "Line 2: Area 04100199 is unknown: import the areas first."
    ]


def test_the_same_value_twice_in_a_file_is_an_error(areas_04):
    plan = indicator_import_plan(
        data=b"area_id,key,year,value\n04100101,population,2022,10\n04100101,population,2022,11\n"
    )

    assert [p.line for p in plan.problems] == [3]
    assert "2022 for area 04100101 appears more than once" in str(plan.problems[0])


def test_importing_again_updates_and_never_duplicates(areas_04):
    data = b"area_id,key,year,value\n04100101,population,2022,10\n04100102,population,2022,20\n"
    run(data)

    again = indicator_import_plan(data=data)
    changed = run(data.replace(b",20\n", b",25\n"))

    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    assert [(c.code, c.old, c.new) for c in changed.changes] == [("04100102", 20, 25)]
    assert AreaIndicatorValue.objects.count() == 2
    assert values()[("04100102", "population", 2022)] == 25


def test_rows_of_another_district_are_errors_for_a_district_import(areas_04, area_07, district_a):
    plan = indicator_import_plan(
        data=b"area_id,key,year,value\n04100101,population,2022,10\n07100101,population,2022,5\n",
        district=district_a,
    )

    assert [str(p) for p in plan.problems] == [
        "Line 3: Area 07100101 belongs to Tempelhof-Schöneberg, not to Charlottenburg-Wilmersdorf."
    ]


def test_district_level_rows_are_reported_as_not_imported(areas_04):
    plan = run(b"area_id,key,year,value\n04,population,2022,340000\n04100101,population,2022,10\n")

    assert AreaIndicatorValue.objects.count() == 1
    assert any(note.startswith("Not imported: district level (1 row") for note in plan.notes)


def test_the_command_reports_bad_rows_and_imports_nothing(areas_04, tmp_path):
    path = tmp_path / "values.csv"
    path.write_text("area_id,key,year,value\n04100101,population,2022,-1\n", encoding="utf-8")

    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_area_indicators", str(path))

    assert AreaIndicatorValue.objects.count() == 0


def test_the_command_imports_an_mss_file_with_a_given_year(areas_04, tmp_path, capsys):
    path = tmp_path / "monitoring.csv"
    path.write_text(MSS_HEADER + MSS_ROWS, encoding="utf-8")

    with translation.override("en"):
        call_command("import_area_indicators", str(path), "--year", "2019", "--district", "04")

    assert "Indicator values: 14 new, 0 changed, 0 unchanged." in capsys.readouterr().out
    assert set(AreaIndicatorValue.objects.values_list("year", flat=True)) == {2019}
    assert Area.objects.count() == 4
