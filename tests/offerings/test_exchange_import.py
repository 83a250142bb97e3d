from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from districts.models import Area, Language
from goals.models import TargetGroup
from offerings.exchange import (
    HEADERS,
    export_queryset,
    offering_import_apply,
    offering_import_plan,
    offering_rows,
    write_csv,
    write_xlsx,
)
from offerings.models import Offering, OfferingGoal, OfferingPlace
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(district_a):
    return f.StakeholderFactory(district=district_a, name="Familienzentrum Klausenerplatz")


@pytest.fixture
def planning_area(district_a):
    return f.AreaFactory(
        district=district_a, code="04300413", name="Klausenerplatz", level=Area.Level.PLANUNGSRAUM
    )


def csv_file(*rows: str, header: str = "Name;Träger;Kategorie") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


@pytest.fixture
def rich_offering(district_a, provider, planning_area):
    offering = f.OfferingFactory(
        district=district_a,
        provider=provider,
        name="Elterncafé am Klausenerplatz",
        description="Eltern treffen sich;\nKinder spielen.",
        age_from=0,
        age_to=6,
        capacity_per_month=40,
        reached_per_month=35,
        starts_on=datetime.date(2024, 1, 1),
        last_confirmed_on=datetime.date(2026, 5, 1),
        childcare=True,
    )
    offering.languages.set(Language.objects.filter(key__in=["de", "tr"]))
    offering.target_groups.set(TargetGroup.objects.filter(key="single-parents"))
    OfferingPlace.objects.create(
        offering=offering,
        name="Familienzentrum",
        address="Nehringstraße 8, 14059 Berlin",
        area=planning_area,
        latitude=52.5201,
        longitude=13.2912,
    )
    OfferingGoal.objects.create(
        offering=offering, goal=f.ActionGoalFactory(district=district_a), note="direkt im Kiez"
    )
    return offering


def _snapshot(district):
    offerings = export_queryset(Offering.objects.for_district(district))
    return (
        offering_rows(offerings),
        list(OfferingPlace.objects.values()),
        list(OfferingGoal.objects.values()),
        list(Offering.objects.values()),
    )


@pytest.mark.parametrize("writer", [write_csv, write_xlsx])
def test_importing_an_export_changes_nothing_and_adds_no_history(district_a, rich_offering, writer):
    f.OfferingFactory(district=district_a, name="Zweites Angebot")
    data = writer(offering_rows(export_queryset(Offering.objects.for_district(district_a))))
    before, history = _snapshot(district_a), Offering.history.count()

    plan = offering_import_plan(data=data, district=district_a)
    assert plan.is_clean, plan.problems
    assert (len(plan.creates), len(plan.updates), plan.unchanged) == (0, 0, 2)
    offering_import_apply(plan=plan)

    assert _snapshot(district_a) == before
    assert Offering.history.count() == history


def test_a_changed_row_reports_which_columns_changed_and_saves_them(district_a, rich_offering):
    rows = offering_rows(export_queryset(Offering.objects.for_district(district_a)))
    rows[0][HEADERS.index("Kapazität pro Monat")] = 50
    rows[0][HEADERS.index("Sprachen")] = "Deutsch | Arabisch"

    plan = offering_import_plan(data=write_csv(rows), district=district_a)
    assert plan.rows[0].changes == ["Kapazität pro Monat", "Sprachen"]
    offering_import_apply(plan=plan)

    rich_offering.refresh_from_db()
    assert rich_offering.capacity_per_month == 50
    assert set(rich_offering.languages.values_list("key", flat=True)) == {"de", "ar"}
    assert rich_offering.goal_links.get().note == "direkt im Kiez"


def test_a_new_row_creates_a_published_offering_with_places_and_lists(
    district_a, provider, planning_area
):
    data = csv_file(
        "Stadtteilmütter-Besuche;Familienzentrum Klausenerplatz;stadtteilmuetter;"
        'Alleinerziehende|migration;15.03.2025;"Zuhause; Klausenerplatz 1; 04300413"',
        header="Name;Träger;Kategorie;Zielgruppen;Beginn;Orte",
    )
    plan = offering_import_plan(data=data, district=district_a)
    assert plan.is_clean, plan.problems
    offering_import_apply(plan=plan)

    offering = Offering.objects.get(name="Stadtteilmütter-Besuche")
    assert offering.review_status == Offering.ReviewStatus.PUBLISHED
    assert offering.sector == offering.category.sector
    assert offering.starts_on == datetime.date(2025, 3, 15)
    assert set(offering.target_groups.values_list("key", flat=True)) == {
        "single-parents",
        "migration",
    }
    assert offering.places.get().area == planning_area


def test_importing_the_same_new_rows_twice_creates_them_once(district_a, provider):
    data = csv_file("Elternkurs;Familienzentrum Klausenerplatz;Familienbildung und Elternkurse")
    for _ in range(2):
        offering_import_apply(plan=offering_import_plan(data=data, district=district_a))
    assert Offering.objects.filter(name="Elternkurs").count() == 1


def test_a_comma_separated_file_with_bom_is_read(district_a, provider):
    data = (
        "\ufeffName,Träger,Kategorie\nElternkurs,Familienzentrum Klausenerplatz,familienbildung\n"
    )
    plan = offering_import_plan(data=data.encode("utf-8"), district=district_a)
    assert plan.is_clean, plan.problems
    assert len(plan.creates) == 1


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_imported(
    district_a, district_b, provider
):
    f.AreaFactory(district=district_b, code="11100101", level=Area.Level.PLANUNGSRAUM)
    data = csv_file(
        "Gut;Familienzentrum Klausenerplatz;familienzentrum;;;;;",
        "Falsche Kategorie;Familienzentrum Klausenerplatz;Zauberschule;;;;;",
        "Unbekannte Gruppe;Familienzentrum Klausenerplatz;kita;Drachen;;;;",
        'Fremder Ort;Familienzentrum Klausenerplatz;kita;;;;;"Hort; Straße 1; 11100101"',
        "Kaputte Zahl;Familienzentrum Klausenerplatz;kita;;zwölf;;;",
        "Negativ;Familienzentrum Klausenerplatz;kita;;-5;;;",
        "Rückwärts;Familienzentrum Klausenerplatz;kita;;;2026-05-01;01.01.2026;",
        ";;kita;;;;;",
        "Unbekannte ID;Familienzentrum Klausenerplatz;kita;;;;;;999999",
        "Gut;Familienzentrum Klausenerplatz;familienzentrum;;;;;",
        header="Name;Träger;Kategorie;Zielgruppen;Kapazität pro Monat;Beginn;Ende;Orte;ID",
    )
    plan = offering_import_plan(data=data, district=district_a)
    lines = {problem.line for problem in plan.problems}
    assert lines == {3, 4, 5, 6, 7, 8, 9, 10, 11}
    text = " ".join(str(p) for p in plan.problems)
    assert "Zauberschule" in text
    assert "Drachen" in text
    assert "11100101" in text
    assert "zwölf" in text
    assert "negative" in text or "negativ" in text
    assert "more than once" in text or "mehr als einmal" in text
    with pytest.raises(ValueError, match="problems"):
        offering_import_apply(plan=plan)
    assert Offering.objects.count() == 0


def test_a_file_without_the_required_columns_names_the_missing_ones(district_a):
    plan = offering_import_plan(data=csv_file("x;y", header="Titel;Anbieter"), district=district_a)
    assert len(plan.problems) == 1
    message = str(plan.problems[0])
    assert "Name" in message
    assert "Träger" in message
    assert "Kategorie" in message


@pytest.mark.parametrize(
    "data", [b"%PDF-1.4 binary\x00\x01", b"PK\x03\x04 not really a workbook", b"\xd0\xcf\x11\xe0xx"]
)
def test_a_file_that_is_not_a_spreadsheet_gets_a_clear_error(district_a, data):
    plan = offering_import_plan(data=data, district=district_a)
    assert not plan.is_clean
    assert plan.rows == []


def test_an_unknown_provider_suggests_the_closest_stakeholder(district_a, provider):
    data = csv_file("Kurs;Familienzentrum Klausener Platz;kita")
    plan = offering_import_plan(data=data, district=district_a)
    assert "Familienzentrum Klausenerplatz" in str(plan.problems[0])


def test_a_pending_offering_invisible_to_the_importer_cannot_be_named_by_id(
    district_a, provider, member
):
    pending = f.OfferingFactory(
        district=district_a, provider=provider, review_status=Offering.ReviewStatus.PENDING
    )
    staff = member(district_a).user
    data = csv_file(
        f"{pending.pk};{pending.name};Familienzentrum Klausenerplatz;familienzentrum",
        header="ID;Name;Träger;Kategorie",
    )
    plan = offering_import_plan(
        data=data, district=district_a, visible=Offering.objects.visible_to(staff, district_a)
    )
    assert [p.line for p in plan.problems] == [2]


def test_the_import_command_checks_then_imports(district_a, provider, tmp_path):
    path = tmp_path / "angebote.csv"
    path.write_bytes(csv_file("Elternkurs;Familienzentrum Klausenerplatz;familienbildung"))
    out = io.StringIO()
    call_command("import_offerings", str(path), "--district", "04", "--dry-run", stdout=out)
    assert Offering.objects.count() == 0
    call_command("import_offerings", str(path), "--district", "04", stdout=out)
    assert Offering.objects.count() == 1


def test_the_import_command_fails_on_a_bad_file_and_imports_nothing(district_a, tmp_path):
    path = tmp_path / "angebote.csv"
    path.write_bytes(csv_file("Elternkurs;Niemand;familienbildung"))
    with pytest.raises(CommandError):
        call_command("import_offerings", str(path), "--district", "04", stderr=io.StringIO())
    assert Offering.objects.count() == 0


def test_the_export_command_writes_a_file_the_import_reads_back(
    district_a, rich_offering, tmp_path
):
    path = tmp_path / "angebote.xlsx"
    call_command(
        "export_offerings",
        "--district",
        "04",
        "--format",
        "xlsx",
        "-o",
        str(path),
        stdout=io.StringIO(),
    )
    plan = offering_import_plan(data=path.read_bytes(), district=district_a)
    assert plan.is_clean
    assert plan.unchanged == 1
