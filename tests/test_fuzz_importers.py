"""Fuzzing the upload importers (areas/indicators, offerings): random bytes, junk CSV rows,
empty, binary and oversized files, a zip bomb, damaged workbooks, formulas.

Whatever is uploaded: never a 500, never a row written, a message in German on the form or a
preview that lists the problems and offers no import; forcing the import anyway writes
nothing either. Hypothesis runs a fixed, small number of examples (derandomised for CI).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from openpyxl import Workbook

from districts.models import Area, AreaIndicatorValue, District, Membership
from offerings.exchange.reader import MAX_UNPACKED_BYTES, read_sheet
from offerings.models import Offering
from tests import factories as f

pytestmark = pytest.mark.django_db
# Hypothesis caches Unicode tables in .hypothesis/ under the working directory: keep the
# checkout clean and put them in the temporary directory instead.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "mitwirkung-hypothesis")

FUZZ = settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
IMPORT_BUTTON = 'name="action" value="import"'
HEADER = "Name;Träger;Kategorie"
NOT_A_SPREADSHEET = (
    "The file is not a spreadsheet: please upload a CSV file or an Excel workbook (.xlsx)."
)
OLD_EXCEL = (
    "This is an old Excel file (.xls). Please save it as Excel workbook "
    "(.xlsx) or as CSV and upload it again."
)

# Cells a fuzzer should try: formulas, separators, quotes, line breaks, other scripts, huge.
NASTY_CELLS = st.one_of(
    st.sampled_from(
        [
            "=cmd|' /C calc'!A0",
            '=HYPERLINK("http://evil.example")',
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            '"',
            ";",
            "\n",
            "ä€𝔘",
            "٣",
            "x" * 5000,
            "",
        ]
    ),
    st.text(max_size=40),
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def staff(district_a: District, member: Callable[..., Membership]) -> Client:
    client = Client()
    client.force_login(member(district_a, Membership.Role.COORDINATOR).user)
    return client


def counts() -> tuple[int, int, int]:
    return Offering.objects.count(), Area.objects.count(), AreaIndicatorValue.objects.count()


def german(message: str) -> str:
    with translation.override("de"):
        return gettext(message)


def upload_offerings(client: Client, district: District, name: str, data: bytes):
    url = reverse("offerings:exchange", kwargs={"district": district.slug})
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def upload_areas(client: Client, district: District, name: str, data: bytes, kind: str):
    url = reverse("districts:area_import", kwargs={"district": district.slug})
    return client.post(url, {"kind": kind, "file": SimpleUploadedFile(name, data)})


def check_refused_or_not_importable(client: Client, response, preview_url: str) -> str:
    """Never a 500; the form shows an error, or the preview lists problems without an import
    button, and a forged "import" writes nothing. Returns the page shown."""
    before = counts()
    assert response.status_code < 500
    if response.status_code == 200:
        assert "invalid-feedback" in response.text or "errorlist" in response.text
        return response.text
    assert response.status_code == 302
    assert response["Location"] == preview_url
    preview = client.get(preview_url)
    assert preview.status_code == 200
    # Problems listed, or a file with nothing to change: either way no import button.
    assert IMPORT_BUTTON not in preview.text
    token = client.session
    forced = client.post(preview_url, {"action": "import", "token": _token(token)})
    assert forced.status_code < 500
    assert counts() == before
    return preview.text


def _token(session) -> str:
    for key in ("offering_imports", "area_imports"):
        for entry in (session.get(key) or {}).values():
            return entry["token"]
    return ""


def offerings_preview(district: District) -> str:
    return reverse("offerings:exchange_preview", kwargs={"district": district.slug})


def areas_preview(district: District) -> str:
    return reverse("districts:area_import_preview", kwargs={"district": district.slug})


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """A workbook-shaped zip of ~0.5 MB whose sheet unpacks to more than the limit."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        chunk = b"\0" * (1024 * 1024)
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            for _ in range(MAX_UNPACKED_BYTES // len(chunk) + 1):
                member.write(chunk)
    return buffer.getvalue()


def workbook(*rows: list[object]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- random bytes and junk rows ------------------------------------------------------------


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_random_bytes_never_reach_an_import_of_offerings(staff, district_a, data, suffix):
    before = counts()
    response = upload_offerings(staff, district_a, "angebote" + suffix, data)
    check_refused_or_not_importable(staff, response, offerings_preview(district_a))
    assert counts() == before


@FUZZ
@given(
    data=st.binary(max_size=3000),
    suffix=st.sampled_from([".csv", ".geojson"]),
    kind=st.sampled_from(["areas", "indicators"]),
)
def test_random_bytes_never_reach_an_import_of_areas(staff, district_a, data, suffix, kind):
    before = counts()
    response = upload_areas(staff, district_a, "gebiete" + suffix, data, kind)
    check_refused_or_not_importable(staff, response, areas_preview(district_a))
    assert counts() == before


@settings(FUZZ, max_examples=4)
@given(
    rows=st.lists(st.lists(NASTY_CELLS, min_size=0, max_size=5), max_size=6),
    delimiter=st.sampled_from([";", ",", "\t"]),
    header=st.sampled_from(
        [HEADER, "id;name;level", "area_id,key,year,value", '{"type": "FeatureCollection"', ""]
    ),
)
def test_junk_rows_with_formulas_never_write_half_a_file(
    staff, district_a, rows, delimiter, header
):
    text = "\n".join([header, *(delimiter.join(row) for row in rows)])
    data = text.encode("utf-8")
    before = counts()
    check_refused_or_not_importable(
        staff,
        upload_offerings(staff, district_a, "angebote.csv", data),
        offerings_preview(district_a),
    )
    check_refused_or_not_importable(
        staff,
        upload_areas(staff, district_a, "gebiete.csv", data, "indicators"),
        areas_preview(district_a),
    )
    assert counts() == before


# --- files that are refused on the form -----------------------------------------------------


def test_empty_binary_and_old_excel_files_are_refused_on_the_form(staff, district_a):
    cases = [
        ("angebote.csv", b"", "The submitted file is empty."),  # Django's own check
        ("angebote.csv", b"  \r\n ", "The file is empty."),
        ("angebote.xlsx", b"\xd0\xcf\x11\xe0" + b"\0" * 600, OLD_EXCEL),
        ("angebote.csv", b"%PDF-1.7\n...", NOT_A_SPREADSHEET),
        ("angebote.xlsx", b"PK\x03\x04 broken", NOT_A_SPREADSHEET),
    ]
    for name, data, message in cases:
        response = upload_offerings(staff, district_a, name, data)
        assert response.status_code == 200, name
        assert german(message) in response.text.replace("&#x27;", "'"), (name, data[:10])
    areas = upload_areas(staff, district_a, "gebiete.csv", b"PK\x03\x04\0\0", "areas")
    assert areas.status_code == 200
    assert german(
        "The file is not a text file: please upload a CSV or GeoJSON file (.csv, .geojson)."
    ) in areas.text.replace("&#x27;", "'")
    assert counts() == (0, 0, 0)


def test_a_zip_bomb_is_refused_without_unpacking_it(staff, district_a, zip_bomb):
    assert len(zip_bomb) < 1024 * 1024
    response = upload_offerings(staff, district_a, "angebote.xlsx", zip_bomb)
    assert response.status_code == 200
    message = german(
        "The workbook unpacks to more than %(size)s MB and is not read. Please save only "
        "the offerings sheet, or save it as CSV."
    ) % {"size": 100}
    assert message in response.text.replace("&#x27;", "'")
    # The management command reads through the same reader: refused there too.
    (problem,) = read_sheet(zip_bomb).problems
    assert "100" in str(problem)
    assert not staff.session.get("offering_imports")


def test_a_50_mb_upload_is_refused_with_a_message(staff, district_a):
    big = b"Name;Tr\xc3\xa4ger;Kategorie\n" + b"x;y;z\n" * (50 * 1024 * 1024 // 6)
    # Both forms share the size check; the area form gets just over the limit (faster).
    over = big[: 10 * 1024 * 1024 + 1]
    for response in (
        upload_offerings(staff, district_a, "angebote.csv", big),
        upload_areas(staff, district_a, "gebiete.csv", over, "areas"),
    ):
        assert response.status_code == 200
        assert "10 MB" in response.text
    assert counts() == (0, 0, 0)
    assert not staff.session.get("offering_imports")
    assert not staff.session.get("area_imports")


def test_a_workbook_with_damaged_sheet_xml_shows_a_problem_not_a_500(staff, district_a):
    good = workbook(["Name", "Träger", "Kategorie"], ["Kurs", "Zentrum", "familienbildung"])
    source = zipfile.ZipFile(io.BytesIO(good))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as damaged:
        for item in source.infolist():
            content = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                content = content[: len(content) // 2]  # cut in the middle of the XML
            damaged.writestr(item, content)
    page = check_refused_or_not_importable(
        staff,
        upload_offerings(staff, district_a, "angebote.xlsx", buffer.getvalue()),
        offerings_preview(district_a),
    )
    assert german(NOT_A_SPREADSHEET) in page.replace("&#x27;", "'")


# --- formulas are stored as text and leave quoted -------------------------------------------


def test_a_formula_in_an_uploaded_workbook_is_stored_as_text_and_exported_quoted(staff, district_a):
    f.StakeholderFactory(district=district_a, name="Familienzentrum West")
    book = Workbook()
    book.active.append(["Name", "Träger", "Kategorie"])
    book.active.append(["placeholder", "Familienzentrum West", "familienbildung"])
    book.active["A2"].value = '=HYPERLINK("http://evil.example","Klick")'
    book.active["A2"].data_type = "s"  # typed as text, as a spreadsheet would keep it
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload_offerings(staff, district_a, "angebote.xlsx", buffer.getvalue())
    preview_url = offerings_preview(district_a)
    assert response["Location"] == preview_url
    assert IMPORT_BUTTON in staff.get(preview_url).text
    staff.post(preview_url, {"action": "import", "token": _token(staff.session)})
    offering = Offering.objects.get()
    assert offering.name == '=HYPERLINK("http://evil.example","Klick")'
    export = staff.get(
        reverse("offerings:export", kwargs={"district": district_a.slug}), {"format": "csv"}
    )
    assert "'=HYPERLINK(" in export.content.decode("utf-8-sig")
