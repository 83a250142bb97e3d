"""A report PDF without a working Chromium ends failed, in bounded time, saying how to fix it.

The missing and the silent browser are simulated (a path that does not exist, a script that
never answers), so these tests run the same on a machine with Chromium (CI) and without.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path

import pytest

from reports.documents import chart_process
from reports.documents.chart_process import ChartsUnavailable, draw_svgs
from reports.models import ReportDocument, ReportSnapshot
from reports.services import snapshot_build
from reports.tasks import build_document
from tests.factories import ReportDocumentFactory
from tests.fake_services import fake_browser

pytestmark = pytest.mark.django_db

FIGURE = ({"data": [{"type": "bar", "x": ["a"], "y": [1]}], "layout": {}}, 200, 100)


def running_processes_mentioning(text: str) -> list[int]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if text.encode() in cmdline.read_bytes():
                found.append(int(cmdline.parent.name))
        except OSError:
            continue
    return found


@pytest.fixture
def report_document(survey_example) -> ReportDocument:
    snapshot = ReportSnapshot.objects.create(
        survey=survey_example.survey,
        district=survey_example.survey.district,
        status=ReportSnapshot.Status.RUNNING,
    )
    snapshot_build(snapshot=snapshot)
    return ReportDocumentFactory(
        snapshot=snapshot, status=ReportDocument.Status.PENDING, pdf=b"", size=0, pages=0
    )


def test_a_missing_browser_fails_the_report_at_once_with_cause_and_fix(
    report_document, settings, tmp_path
):
    settings.BROWSER_PATH = str(tmp_path / "no-such-chromium")
    started = time.monotonic()
    build_document(report_document.pk)
    elapsed = time.monotonic() - started

    report_document.refresh_from_db()
    assert report_document.status == ReportDocument.Status.FAILED
    reason = report_document.failure_reason
    assert reason.startswith("Für die Diagramme im PDF fehlt Chromium")
    assert "apt install chromium" in reason
    assert f"BROWSER_PATH: {tmp_path / 'no-such-chromium'}" in reason
    assert elapsed < 30  # content and checks only; no browser was started


def test_a_browser_that_never_answers_is_killed_and_the_report_fails(
    report_document, settings, tmp_path
):
    marker = f"sleep 600.{secrets.randbelow(10**6):06d}"  # a command line found nowhere else
    settings.BROWSER_PATH = fake_browser(tmp_path, f"exec {marker}")
    settings.MITWIRKUNG_CHART_START_TIMEOUT = 2
    settings.MITWIRKUNG_CHART_FIGURE_TIMEOUT = 1
    started = time.monotonic()
    build_document(report_document.pk)
    elapsed = time.monotonic() - started

    report_document.refresh_from_db()
    assert report_document.status == ReportDocument.Status.FAILED
    assert report_document.failure_reason.startswith(
        "Chromium hat beim Zeichnen der Diagramme für das PDF 3 Sekunden lang nicht geantwortet"
    )
    assert settings.BROWSER_PATH in report_document.failure_reason
    assert elapsed < 30
    # Neither the chart process nor the "browser" it started is left running.
    assert running_processes_mentioning(marker) == []


def test_a_browser_that_crashes_at_start_fails_within_the_bound(settings, tmp_path):
    settings.BROWSER_PATH = fake_browser(tmp_path, "echo 'cannot open display' >&2; exit 1")
    settings.MITWIRKUNG_CHART_START_TIMEOUT = 3
    settings.MITWIRKUNG_CHART_FIGURE_TIMEOUT = 1
    started = time.monotonic()
    with pytest.raises(ChartsUnavailable) as failure:
        draw_svgs([FIGURE], plotlyjs="/nonexistent/plotly.js")
    assert time.monotonic() - started < 20
    assert "Chromium" in failure.value.reason
    assert settings.BROWSER_PATH in failure.value.reason


def test_the_reason_is_put_into_words_in_the_language_that_reads_it(settings, tmp_path):
    from django.utils import translation

    settings.BROWSER_PATH = str(tmp_path / "gone")
    problem = chart_process.browser_problem()
    assert problem is not None
    with translation.override("en"):
        assert problem.reason.startswith("The PDF's charts need Chromium")
    with translation.override("de"):
        assert problem.reason.startswith("Für die Diagramme im PDF fehlt Chromium")


def test_the_version_probe_is_bounded_too(settings, tmp_path):
    settings.BROWSER_PATH = str(fake_browser(tmp_path, "exec sleep 300"))
    started = time.monotonic()
    problem = chart_process.browser_start_problem(timeout=1)
    assert time.monotonic() - started < 10
    assert problem == f"{settings.BROWSER_PATH} --version did not answer within 1 s"
