"""Real PDFs from a real snapshot: the numbers, the method, small cells, no free text and no
contact data, one page for the brief, English text, title and language in the metadata.

Rendering costs seconds (the report starts Chromium for its charts), so there are only three
renderings here and each test checks everything about its file.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zlib

import pytest

from reports.documents.build import build_document_pdf, render_snapshot_pdf
from reports.models import ReportDocument, ReportSnapshot
from reports.services import snapshot_build
from tests.factories import ReportDocumentFactory, StakeholderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pdf_tools() -> None:
    """Chromium draws the charts, poppler-utils reads the PDFs: required in CI (.ci/run
    installs both), skipped on a laptop without them like the browser tests."""
    os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")
    missing = [
        tool
        for tool in (os.environ["BROWSER_PATH"], "pdftotext", "pdfinfo")
        if not shutil.which(tool)
    ]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"needed in CI: {', '.join(missing)}")
        pytest.skip(f"not installed: {', '.join(missing)} (Debian: chromium, poppler-utils)")


def pdf_text(pdf: bytes) -> str:
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return re.sub(r"[ \t]+", " ", text)


def pdf_info(pdf: bytes) -> dict[str, str]:
    """pdfinfo's fields ("Title", "Tagged", …) and the XMP metadata as "xmp"."""

    def run(*options: str) -> str:
        return subprocess.run(
            ["pdfinfo", *options, "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()

    info = dict(re.findall(r"^(\w[\w ]*?):\s+(.*)$", run(), re.MULTILINE))
    info["xmp"] = run("-meta")
    return info


def pdf_languages(pdf: bytes) -> set[str]:
    """The /Lang entries of the PDF, also inside compressed object streams."""
    streams = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            streams.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    found = re.findall(rb"/Lang\s*\(([^)]*)\)", b"".join([pdf, *streams]))
    return {value.decode() for value in found}


@pytest.fixture
def example_snapshot(survey_example) -> ReportSnapshot:
    """A snapshot built from the example survey, whose offering's provider has contact data."""
    provider = StakeholderFactory(
        contact_person="Erika Kontaktperson", email="erika@traeger.example", phone="030 1234567"
    )
    survey_example.a.provider = provider
    survey_example.a.save(update_fields=["provider"])
    snapshot = ReportSnapshot.objects.create(
        survey=survey_example.survey,
        district=survey_example.survey.district,
        status=ReportSnapshot.Status.RUNNING,
    )
    return snapshot_build(snapshot=snapshot)


def test_the_report_pdf_holds_the_numbers_the_method_and_nothing_private(example_snapshot):
    document = ReportDocumentFactory(
        snapshot=example_snapshot, status=ReportDocument.Status.RUNNING, pdf=b""
    )
    build_document_pdf(document)

    document.refresh_from_db()
    assert document.status == ReportDocument.Status.READY
    pdf = bytes(document.pdf)
    assert pdf.startswith(b"%PDF-1.7")
    assert document.pages >= 8
    assert document.size == len(pdf)
    text = pdf_text(pdf)
    assert "Transparenzbericht" in text
    assert "Familien, die geantwortet haben: 30." in text
    assert "Familienzentrum A" in text
    # Offering A, counted by hand in test_build_tables: 24 of 29 know it, 19 use it; the
    # poverty gap for "know" is −41.7 points.
    assert "24 (82,8 %)" in text
    assert "19 (65,5 %)" in text
    assert "41,7" in text
    assert "weniger als 5" in text
    assert "Wie kleine Zahlen geschützt werden" in text
    assert "keine Zufallsstichprobe" in text
    assert "Öffnungszeiten" in text  # the staff tag of the free text, counted
    assert "Samstags wäre gut" not in text  # the free text itself never
    for private in ("Erika", "erika@traeger.example", "030 1234567", "@"):
        assert private not in text
    assert "Seite 3 von" in text
    info = pdf_info(pdf)
    assert info["Title"].startswith("Transparenzbericht: ")
    assert info["Tagged"] == "yes"
    assert "pdfuaid" in info["xmp"]  # declared PDF/UA-1
    assert "de" in pdf_languages(pdf)


def test_the_brief_is_one_page_in_german_and_in_english(example_snapshot):
    german = render_snapshot_pdf(example_snapshot, kind="brief", language="de")
    english = render_snapshot_pdf(example_snapshot, kind="brief", language="en")

    assert german.pages == 1
    assert english.pages == 1
    de_text, en_text = pdf_text(german.pdf), pdf_text(english.pdf)
    assert "Die drei wichtigsten Ergebnisse" in de_text
    assert "Entscheidungen, die die Strategie verlangt" in de_text
    assert "mitwirkung-bericht-" in de_text
    assert "The three strongest findings" in en_text
    assert "Decisions the strategy asks for" in en_text
    assert "families answered" in en_text
    assert "Die drei" not in en_text
    assert pdf_info(english.pdf)["Title"].startswith("One-page brief: ")
    assert pdf_languages(english.pdf) == {"en"}
