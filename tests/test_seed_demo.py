from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from districts.models import Area, AreaIndicatorValue, District, Membership, Stakeholder
from goals.models import ActionGoal, Indicator, IndicatorValue, Resource
from offerings.models import Offering
from reports.models import PublicationEvent, ReportDocument, ReportSnapshot
from surveys.models import Answer, CollectionPoint, CollectionPointDay, Response, Survey

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_three_logins_and_marks_the_district(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    district = District.objects.get(slug="charlottenburg-wilmersdorf")
    assert district.has_demo_data
    roles = dict(Membership.objects.filter(district=district).values_list("user__username", "role"))
    assert roles == {"koordination": "coordinator", "fachkraft": "staff", "politik": "viewer"}
    assert get_user_model().objects.get(username="politik").check_password("mitwirkung")


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


def test_seed_demo_twice_creates_nothing_new(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = {model.__name__: model.objects.count() for model in DEMO_MODELS}
    call_command("seed_demo")
    assert {model.__name__: model.objects.count() for model in DEMO_MODELS} == counts


def fake_browser(tmp_path: Path, body: str) -> str:
    path = tmp_path / "fake-chromium"
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return str(path)


def test_seed_demo_fills_every_step_of_the_demo_district(settings, tmp_path):
    settings.DEBUG = True
    settings.MITWIRKUNG_DEMO_PDFS = True
    # Asked for only (built after the commit, which a test does not reach): any browser will do.
    settings.BROWSER_PATH = fake_browser(tmp_path, "exit 0")
    call_command("seed_demo")
    district = District.objects.get(slug="charlottenburg-wilmersdorf")
    assert Area.objects.for_district(district).level(Area.Level.PLANUNGSRAUM).count() == 52
    assert Stakeholder.objects.for_district(district).count() == 15
    goals = ActionGoal.objects.for_district(district)
    assert goals.filter(kind=ActionGoal.Kind.IMPACT).count() == 3
    assert goals.filter(kind=ActionGoal.Kind.ACTION).count() == 8
    assert (
        Indicator.objects.for_district(district).filter(values__isnull=False).distinct().count()
        >= 5
    )
    assert Resource.objects.for_district(district).count() == 7
    assert Offering.objects.for_district(district).active().count() >= 35
    survey = Survey.objects.for_district(district).get(is_demo=True)
    assert survey.status == Survey.Status.OPEN
    assert survey.collection_points.count() == 3
    assert 550 <= Response.objects.filter(survey=survey, is_demo=True).count() <= 650
    # The public transparency pages have content on the first `make run`.
    published = ReportSnapshot.objects.published().get(district=district, is_demo=True)
    assert published.publication_events.get().by.username == "koordination"
    assert set(published.documents.values_list("kind", "language")) == {
        ("report", "de"),
        ("brief", "de"),
    }


def test_seed_demo_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
    assert not get_user_model().objects.filter(username="koordination").exists()
    call_command("seed_demo", "--force")
    assert get_user_model().objects.filter(username="koordination").exists()


def test_demo_districts_say_so_on_every_page(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    response = client.post("/accounts/login/", {"username": "fachkraft", "password": "mitwirkung"})
    assert response.status_code == 302
    page = client.get("/d/charlottenburg-wilmersdorf/").text
    assert "Demo-Daten" in page


def demo_documents() -> dict[str, tuple[str, str]]:
    return {
        kind: (status, reason)
        for kind, status, reason in ReportDocument.objects.filter(
            snapshot__is_demo=True
        ).values_list("kind", "status", "failure_reason")
    }


def test_seed_demo_without_chromium_skips_the_report_pdf_says_why_and_builds_the_rest(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.DEBUG = True
    settings.MITWIRKUNG_DEMO_PDFS = True
    settings.BROWSER_PATH = str(tmp_path / "chromium")
    output = io.StringIO()
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=output)
    assert time.monotonic() - started < 60
    lines = [line for line in output.getvalue().splitlines() if "Demo-PDF" in line]
    assert lines == [
        "  Demo-PDF-Bericht übersprungen: Für die Diagramme im PDF fehlt Chromium auf dem Server "
        f"(BROWSER_PATH: {tmp_path / 'chromium'}). Abhilfe: Chromium installieren (apt install "
        "chromium) oder BROWSER_PATH auf ein Chromium setzen; dann erneut versuchen. Alles "
        "andere der Demo ist da."
    ]
    assert demo_documents() == {"brief": ("ready", "")}
    snapshot = ReportSnapshot.objects.published().get(is_demo=True)
    assert 550 <= snapshot.survey.responses.count() <= 650


@pytest.mark.django_db(transaction=True)
def test_seed_demo_with_a_browser_that_never_answers_ends_and_says_so(settings, tmp_path):
    """Transactional, so the PDFs are built when seed_demo commits, as on `make run`."""
    settings.DEBUG = True
    settings.MITWIRKUNG_DEMO_PDFS = True
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
    lines = [line for line in output.getvalue().splitlines() if "Demo-PDF" in line]
    assert lines == [f"  Demo-PDF „Transparenzbericht“ nicht erstellt: {reason}"]
