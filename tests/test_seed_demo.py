from __future__ import annotations

import io
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from districts.models import Area, AreaIndicatorValue, Membership, Stakeholder
from goals.models import ActionGoal, Indicator, IndicatorValue, Resource
from reports.models import PublicationEvent, ReportDocument, ReportSnapshot
from surveys.models import Answer, CollectionPoint, CollectionPointDay, Response, Survey
from tests.fake_services import fake_browser

pytestmark = pytest.mark.django_db


DEMO_MODELS = [
    Membership,
    Area,
    AreaIndicatorValue,
    Stakeholder,
    ActionGoal,
    Indicator,
    IndicatorValue,
    Resource,
    Survey,
    CollectionPoint,
    Response,
    Answer,
    CollectionPointDay,
    ReportSnapshot,
    PublicationEvent,
    ReportDocument,
]


def test_seed_demo_refuses_without_debug_unless_forced(settings, monkeypatch):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
    assert not get_user_model().objects.filter(username="koordination").exists()
    # What --force lets through is the same seeding the other tests here run in full; the
    # logins (the districts app's part) show it ran.
    monkeypatch.setattr("districts.management.commands.seed_demo.DEMO_APPS", ["districts"])
    call_command("seed_demo", "--force")
    assert get_user_model().objects.filter(username="koordination").exists()


def demo_documents() -> dict[str, tuple[str, str]]:
    return {
        kind: (status, reason)
        for kind, status, reason in ReportDocument.objects.filter(
            snapshot__is_demo=True
        ).values_list("kind", "status", "failure_reason")
    }


def demo_pdf_lines(output: io.StringIO) -> list[str]:
    return [line for line in output.getvalue().splitlines() if "Demo-PDF" in line]


@pytest.mark.django_db(transaction=True)
def test_seed_demo_twice_creates_nothing_new_and_says_why_a_demo_pdf_is_missing(settings, tmp_path):
    """Two full seeds (seconds each), so each run also checks what its PDFs did: the first
    without Chromium, the second with a browser that never answers. Transactional, so the
    PDFs are built when seed_demo commits, as on `make run`.

    Each run leaves one ready demo snapshot of the demo survey (dashboards show data on the
    first `make run`), a second run replaces it, and the survey-fed indicator keeps one value
    (tests/reports/test_pipeline_demo.py did this with two more runs)."""
    settings.DEBUG = True
    settings.MITWIRKUNG_DEMO_PDFS = True

    # Run 1, without Chromium: the report PDF is skipped with the reason and the fix, the
    # brief (no charts) and everything else is built.
    settings.BROWSER_PATH = str(tmp_path / "chromium")
    output = io.StringIO()
    started = time.monotonic()
    call_command("seed_demo", stdout=output)
    assert time.monotonic() - started < 60
    assert demo_pdf_lines(output) == [
        "  Demo-PDF-Bericht übersprungen: Für die Diagramme im PDF fehlt Chromium auf dem Server "
        f"(BROWSER_PATH: {tmp_path / 'chromium'}). Abhilfe: Chromium installieren (apt install "
        "chromium) oder BROWSER_PATH auf ein Chromium setzen; dann erneut versuchen. Alles "
        "andere der Demo ist da."
    ]
    assert demo_documents() == {"brief": ("ready", "")}
    counts = {model.__name__: model.objects.count() for model in DEMO_MODELS}
    first = ReportSnapshot.objects.get()
    survey = Survey.objects.get(is_demo=True)
    assert first.survey == survey
    assert first.is_demo
    assert first.status == ReportSnapshot.Status.READY
    assert ReportSnapshot.objects.published().get(is_demo=True) == first
    assert first.tables["meta"]["is_demo"] is True
    assert first.tables["meta"]["respondents"]["n"] == survey.responses.count()
    assert 550 <= survey.responses.count() <= 650
    survey_values = IndicatorValue.objects.filter(indicator__survey_link__question__survey=survey)
    assert survey_values.count() == 1
    assert survey_values.get().source_note.startswith(f"Umfrage {survey.title}, Stand ")

    # Run 2, with a browser that never answers: seed_demo ends and names the failed PDF.
    settings.BROWSER_PATH = fake_browser(tmp_path, "exec sleep 300")
    settings.MITWIRKUNG_CHART_START_TIMEOUT = 2
    settings.MITWIRKUNG_CHART_FIGURE_TIMEOUT = 1
    output = io.StringIO()
    started = time.monotonic()
    call_command("seed_demo", stdout=output)
    assert time.monotonic() - started < 90
    documents = demo_documents()
    assert documents["brief"] == ("ready", "")
    status, reason = documents["report"]
    assert status == "failed"
    assert reason.startswith("Chromium hat beim Zeichnen der Diagramme für das PDF 3 Sekunden")
    assert demo_pdf_lines(output) == [f"  Demo-PDF „Transparenzbericht“ nicht erstellt: {reason}"]

    # Nothing new but the report PDF that run 1 skipped (the old snapshot's PDFs went with it).
    again = {model.__name__: model.objects.count() for model in DEMO_MODELS}
    assert again == {**counts, "ReportDocument": counts["ReportDocument"] + 1}
    second = ReportSnapshot.objects.get()
    assert second.pk != first.pk
    assert second.is_ready
    assert survey_values.count() == 1
