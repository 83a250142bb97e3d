"""An outsider tries to work out hidden cells from everything a district publishes.

The survey is small and hand-made (tests/reports/attack_survey.py): three areas, four
languages, three collection points, many cells of 1 to 4 families. Its reports are built
and published through the real pipeline; the attacker (tests/reports/attacker.py) then reads
the public JSON file, compares the CSV files and the spreadsheet with it, reads the public
report page and every filter view of the dashboard, and asks a linear-programming solver
for the smallest and largest value of every hidden cell.
"""

from __future__ import annotations

import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.urls import reverse

from districts.models import Membership
from reports import services
from reports.models import ReportSnapshot
from surveys.models import Answer, Response
from tests.reports import attack_survey
from tests.reports.attacker import Attacker, Hidden, is_marker, page_value, rows_of

pytestmark = pytest.mark.django_db

MIN = 5
WAVE_1 = datetime.date(2026, 5, 4)
WAVE_2 = datetime.date(2026, 9, 14)


@pytest.fixture
def example(district_a):
    example = attack_survey.build(district_a)
    attack_survey.add_families(example, seed=16, count=90, day=WAVE_1)
    return example


@pytest.fixture
def coordinator(district_a, member):
    return member(district_a, Membership.Role.COORDINATOR).user


@pytest.fixture
def viewer(district_a, member):
    return member(district_a, Membership.Role.VIEWER).user


def build_and_publish(example, coordinator) -> ReportSnapshot:
    snapshot = ReportSnapshot.objects.create(
        district=example.survey.district,
        survey=example.survey,
        status=ReportSnapshot.Status.RUNNING,
        started_at=datetime.datetime(2026, 10, 1, 8, 0, tzinfo=datetime.UTC),
    )
    services.snapshot_build(snapshot=snapshot)
    snapshot.publish(by=coordinator)
    return snapshot


def urls(snapshot: ReportSnapshot) -> dict[str, str]:
    kwargs = {"district": snapshot.district.slug, "snapshot": snapshot.pk}
    return {
        "json": reverse("transparency:export_json", kwargs=kwargs),
        "xlsx": reverse("transparency:export_xlsx", kwargs=kwargs),
        "report": reverse("transparency:report", kwargs=kwargs),
    }


def public_json(client, snapshot) -> dict:
    response = client.get(urls(snapshot)["json"])
    assert response.status_code == 200
    return json.loads(response.content)


def as_text(value: object) -> str:
    if isinstance(value, dict):
        return "marker"
    if value is None:
        return ""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def assert_files_agree_with_json(client, snapshot, data: dict) -> None:
    """Every CSV file and every sheet of the spreadsheet holds exactly the JSON's values, so
    the attack on the JSON covers them (a number hidden in one is hidden in all)."""
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(urls(snapshot)["xlsx"]).content))
    for table in data["tables"]:
        kwargs = {"district": snapshot.district.slug, "snapshot": snapshot.pk}
        url = reverse("transparency:export_csv", kwargs={**kwargs, "table": table["slug"]})
        text = client.get(url).content.decode("utf-8-sig")
        csv_rows = list(csv.reader(io.StringIO(text), delimiter=";"))[1:]
        keys = [c["key"] for c in table["columns"]]
        kinds = [c["type"] for c in table["columns"]]
        assert len(csv_rows) == len(table["rows"]), table["slug"]
        sheet = next(ws for ws in workbook.worksheets if ws.title.startswith(table["title"][:20]))
        sheet_rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if any(r)]
        assert len(sheet_rows) == len(table["rows"]), table["slug"]
        for row, csv_row, sheet_row in zip(table["rows"], csv_rows, sheet_rows, strict=True):
            for i, (key, kind) in enumerate(zip(keys, kinds, strict=True)):
                if kind not in ("count", "percent"):
                    continue
                value = row[key]
                for other in (csv_row[i], sheet_row[i]):
                    if isinstance(value, dict):
                        assert is_marker(str(other)), (table["slug"], key, other)
                    elif value is None:
                        assert other in ("", None), (table["slug"], key, other)
                    else:
                        number = (
                            float(str(other).replace(".", "").replace(",", "."))
                            if (isinstance(other, str) and kind == "count")
                            else float(str(other).replace(",", "."))
                        )
                        assert number == pytest.approx(float(value)), (table["slug"], key)


def offering_ids(data: dict) -> dict[str, int]:
    return {row["offering"]: int(row["offering_id"]) for row in rows_of(data, "reach")}


def barrier_codes(data: dict) -> dict[str, str]:
    return {row["barrier"]: row["code"] for row in rows_of(data, "barriers")}


def read_funnel_table(attacker, atoms, view, offering, headers, rows) -> None:
    columns = ["all", "with_benefits", "without_benefits"][: len(headers) - 1]
    for stage, row in zip(("base", "known", "used", "helpful"), rows, strict=True):
        for column, text in zip(columns, row[1:], strict=True):
            count, percent = page_value(text)
            terms = attacker.terms(atoms, ("F", offering, stage), view, column)
            attacker.publish(f"page {view} {offering} {column} {stage}", count, terms)
            base = attacker.terms(atoms, ("F", offering, "base"), view, column)
            attacker.percent(percent, terms, base)


def read_barrier_table(attacker, atoms, view, codes, headers, rows) -> None:
    for row in rows:
        code = codes.get(row[0])
        if code is None:
            continue
        for column, text in zip(
            ("all", "with_benefits", "without_benefits"), row[1:], strict=False
        ):
            count, _ = page_value(text)
            if count is not None:
                terms = attacker.terms(atoms, ("W", code), view, column)
                attacker.publish(f"page {view} {code} {column}", count, terms)


def read_pages(attacker, client, viewer_client, snapshot, atoms, data) -> int:
    """The public report page and the dashboard's filter views, as their views render them.
    Returns how many filter views were read."""
    names, codes = offering_ids(data), barrier_codes(data)
    page = client.get(urls(snapshot)["report"])
    assert page.status_code == 200
    body = next(c for c in page.context if "heat_tables" in c)
    for funnel, _chart in body["funnel_charts"]:
        for column, stages in funnel.cells.items():
            for stage, cell in stages.items():
                terms = attacker.terms(atoms, ("F", funnel.offering.id, stage), "all", column)
                attacker.publish(
                    f"public {funnel.offering.id} {column} {stage}",
                    cell.n if not cell.suppressed else {"s": 1},
                    terms,
                )
    for table in body["heat_tables"]:
        for part in table["parts"]:
            for entry in part["rows"]:
                view = f"area:{entry['row'].code}"
                for offering, heat in zip(part["offerings"], entry["cells"], strict=True):
                    terms = attacker.terms(atoms, ("F", offering.id, table["stage"]), view)
                    cell = heat.cell
                    if cell.n is not None or cell.suppressed:
                        attacker.publish(
                            f"heat {view} {offering.id}",
                            cell.n if not cell.suppressed else {"s": 1},
                            terms,
                        )
                        base = attacker.terms(atoms, ("F", offering.id, "base"), view)
                        attacker.percent(cell.p, terms, base)
    for area in body["respondent_areas"]:
        cell = area["respondents"]
        terms = attacker.terms(atoms, ("R",), f"area:{area['code']}")
        attacker.publish(
            f"public area {area['code']}", cell.n if not cell.suppressed else {"s": 1}, terms
        )
    if body["barrier_chart"]:
        chart = body["barrier_chart"].chart
        read_barrier_table(attacker, atoms, "all", codes, chart.table_headers, chart.table_rows)

    views = [
        "all",
        *[row["view_key"] for row in rows_of(data, "filters") if row["view_key"] != "all"],
    ]
    for view in views:
        url = reverse("reports:survey_dashboard", args=[snapshot.district.slug, snapshot.survey_id])
        response = viewer_client.get(url, {"snapshot": snapshot.pk, "filter": view})
        assert response.status_code == 200
        assert response.context["filter_key"] == view
        for name, chart, _offering in response.context["funnel_charts"]:
            read_funnel_table(
                attacker, atoms, view, names[name], chart.table_headers, chart.table_rows
            )
        if response.context["barrier_chart"]:
            chart = response.context["barrier_chart"]
            read_barrier_table(attacker, atoms, view, codes, chart.table_headers, chart.table_rows)
    return len(views)


def attack(client, viewer_client, snapshots, example) -> tuple[Attacker, list]:
    """snapshots: [(snapshot, atoms)], atoms naming the waves each one counts."""
    attacker = Attacker(atoms=tuple(sorted({a for _s, atoms in snapshots for a in atoms})))
    files = [(snapshot, atoms, public_json(client, snapshot)) for snapshot, atoms in snapshots]
    for _snapshot, _atoms, data in files:
        attacker.learn_dimensions(data)
    offerings = [o.pk for o in example.offerings]
    codes = sorted({row["code"] for _s, _a, data in files for row in rows_of(data, "barriers")})
    attacker.structure(offerings, codes, areas_used=True)
    for snapshot, atoms, data in files:
        attacker.read_json(data, atoms, example.indicator_offering)
        assert_files_agree_with_json(client, snapshot, data)
        attacker.pages += read_pages(attacker, client, viewer_client, snapshot, atoms, data)
    narrow = [
        (label, low, high) for label, low, high in attacker.intervals() if high - low < MIN - 1e-6
    ]
    return attacker, narrow


def test_the_attacker_works_out_cells_that_are_only_protected_table_by_table(example, monkeypatch):
    """The attack itself is real: on the tables as they were protected one by one (before
    the linked audit), it pins hidden cells down."""
    from reports.aggregation import disclosure

    monkeypatch.setattr(disclosure, "protect_snapshot", lambda *args, **kwargs: _no_audit(*args))
    snapshot = ReportSnapshot.objects.create(
        district=example.survey.district,
        survey=example.survey,
        status=ReportSnapshot.Status.RUNNING,
    )
    from reports.aggregation import build_tables

    tables = build_tables(snapshot)
    attacker = Attacker(atoms=("w1",))
    data = _json_of(tables, snapshot)
    attacker.learn_dimensions(data)
    attacker.structure(
        [o.pk for o in example.offerings],
        sorted({r["code"] for r in rows_of(data, "barriers")}),
        True,
    )
    attacker.read_json(data, ("w1",), example.indicator_offering)
    narrow = [cell for cell in attacker.intervals() if cell[2] - cell[1] < MIN - 1e-6]
    assert len(narrow) >= 3, narrow


def _no_audit(tables, s, atoms, snapshots, min_size, withheld):
    from reports.aggregation.linked import Outcome, one_marker

    one_marker(tables)
    return Outcome()


def _json_of(tables: dict, snapshot: ReportSnapshot) -> dict:
    from reports.exports.json_export import snapshot_json

    snapshot.tables = tables
    snapshot.status = ReportSnapshot.Status.READY
    return json.loads(json.dumps(snapshot_json(snapshot, "de")))


def test_no_hidden_cell_of_a_published_report_can_be_narrowed(client, example, coordinator, viewer):
    snapshot = build_and_publish(example, coordinator)
    viewer_client = type(client)()
    viewer_client.force_login(viewer)
    attacker, narrow = attack(client, viewer_client, [(snapshot, ("w1",))], example)
    assert len(attacker.hidden) >= 20, "the survey has hidden cells to attack"
    assert attacker.pages >= 6, "filter views of the dashboard were read"
    assert attacker.shown >= 200
    assert narrow == []


def test_two_waves_of_a_survey_do_not_give_each_other_away(client, example, coordinator, viewer):
    first = build_and_publish(example, coordinator)
    attack_survey.add_families(example, seed=17, count=30, day=WAVE_2)
    second = build_and_publish(example, coordinator)
    assert second.tables["disclosure"]["protected_with"] == [first.pk]
    viewer_client = type(client)()
    viewer_client.force_login(viewer)
    attacker, narrow = attack(
        client, viewer_client, [(first, ("w1",)), (second, ("w1", "w2"))], example
    )
    assert narrow == []
    # The families new in the second wave (the second report minus the first), per view:
    # no small count of them is narrowed below the minimum group size.
    new = [
        (Hidden(str(key), ((index, 1.0),)), true_count(example, key[1:]))
        for key, index in attacker.index.items()
        if key[0] == "w2"
        and key[1] in ("R", "F")
        and key[-2] in ("total", "ben", "lang", "point", "area")
    ]
    small = [cell for cell, truth in new if 0 < truth < MIN]
    assert len(small) >= 10, "the second wave has small counts to attack"
    narrowed = [
        (label, low, high)
        for label, low, high in attacker.intervals(small)
        if high - low < MIN - 1e-6
    ]
    assert narrowed == []


def true_count(example, key: tuple) -> int:
    """Families of the second wave in one view, counted from the answers themselves."""
    families = Response.objects.filter(survey=example.survey, submitted_on=WAVE_2)
    if key[0] == "F":
        offering, stage = key[1], key[2]
        codes = {
            "base": ("not_known", "known_not_used", "used"),
            "known": ("known_not_used", "used"),
            "used": ("used",),
            "helpful": ("used",),
        }[stage]
        families = families.filter(
            answers__question__offering_id=offering,
            answers__question__block_key="known",
            answers__option__code__in=codes,
        )
        if stage == "helpful":
            families = families.filter(
                pk__in=Answer.objects.filter(
                    question__offering_id=offering,
                    question__block_key="helpful",
                    option__code__in=("scale_4", "scale_5"),
                ).values("response_id")
            )
        key = key[3:]
    else:
        key = key[1:]
    dim = key[0]
    if dim == "lang":
        families = families.filter(language=key[1])
    elif dim == "point":
        families = (
            families.exclude(pk__in=families.values("pk"))
            if key[1] == "rest"
            else families.filter(collection_point_id=int(key[1]))
        )
    elif dim == "area":
        in_areas = Answer.objects.filter(option__area__isnull=False).values("response_id")
        families = (
            families.exclude(pk__in=in_areas)
            if key[1] == "rest"
            else families.filter(
                pk__in=Answer.objects.filter(option__area__code=key[1]).values("response_id")
            )
        )
    elif dim == "ben":
        with_ = Answer.objects.filter(option__code="basic_income_support").values("response_id")
        none = Answer.objects.filter(option__code="none").values("response_id")
        families = {
            "with": families.filter(pk__in=with_),
            "without": families.filter(pk__in=none).exclude(pk__in=with_),
            "not_stated": families.exclude(pk__in=with_).exclude(pk__in=none),
        }[key[1]]
    return families.distinct().count()


def test_a_rebuilt_snapshot_publishes_the_same_pattern(example, coordinator):
    first = build_and_publish(example, coordinator)
    again = ReportSnapshot.objects.create(
        district=example.survey.district,
        survey=example.survey,
        status=ReportSnapshot.Status.RUNNING,
        started_at=first.started_at,
    )
    services.snapshot_build(snapshot=again)
    for key in ("filters", "withheld", "reach", "barriers", "respondents", "missing"):
        assert again.tables[key] == first.tables[key], key
    assert again.tables["disclosure"]["protected_with"] == [first.pk]
