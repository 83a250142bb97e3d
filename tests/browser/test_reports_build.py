"""The build form and progress page in Chromium, with and without JavaScript, 1280 and 390 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from districts.models import District, Membership
from reports.models import ReportSnapshot
from tests import factories as f
from tests.browser.conftest import shoot_widths

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "sicheres-passwort-123"


def _log_in(page, live_server, username: str) -> None:
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/d/**")


@pytest.fixture
def setting():
    district = District.objects.get(number="04")
    user = f.UserFactory(username="koordinatorin", password=PASSWORD)
    f.MembershipFactory(user=user, district=district, role=Membership.Role.COORDINATOR)
    survey = f.SurveyFactory(district=district, title="Was erreicht Familien im Kiez?")
    f.CollectionPointFactory(survey=survey, label="Familienzentrum am Park")
    f.CollectionPointFactory(survey=survey, label="Website des Bezirks")
    return district, survey


@pytest.mark.parametrize("javascript", [True, False])
def test_a_coordinator_fills_in_the_build_form(fresh_page, live_server, setting, javascript):
    district, survey = setting
    page = fresh_page(viewport={"width": 1280, "height": 900}, javascript=javascript)
    _log_in(page, live_server, "koordinatorin")
    page.goto(f"{live_server.url}/d/{district.slug}/berichte/umfrage/{survey.pk}/erstellen/")
    expect(page.get_by_role("heading", name="Bericht erstellen")).to_be_visible()
    page.get_by_label("Antworten ab").fill("2026-06-30")
    page.get_by_label("Antworten bis").fill("2026-05-01")
    page.get_by_label("Familienzentrum am Park").check()
    shoot_widths(page, f"report-build-form-js-{javascript}", (1280, 390))
    page.get_by_role("button", name="Bericht erstellen").click()
    expect(page.get_by_text("Der Zeitraum kann nicht enden, bevor er beginnt.")).to_be_visible()
    shoot_widths(page, f"report-build-form-error-js-{javascript}", (1280, 390))
    assert ReportSnapshot.objects.count() == 0


def test_the_progress_page_follows_the_build_and_opens_the_report(fresh_page, live_server, setting):
    district, survey = setting
    snapshot = f.ReportSnapshotFactory(
        survey=survey,
        status=ReportSnapshot.Status.RUNNING,
        progress=40,
        progress_step="Erreichung und Barrieren",
    )
    page = fresh_page(viewport={"width": 1280, "height": 900})
    _log_in(page, live_server, "koordinatorin")
    page.goto(f"{live_server.url}/d/{district.slug}/berichte/stand/{snapshot.pk}/")
    expect(page.get_by_text("Erreichung und Barrieren")).to_be_visible()
    shoot_widths(page, "report-progress-running", (1280, 390))
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(progress=85, progress_step="Indikatoren")
    page.get_by_text("Indikatoren", exact=True).wait_for()
    assert page.get_by_role("progressbar").get_attribute("aria-valuenow") == "85"
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(status=ReportSnapshot.Status.READY)
    page.wait_for_url(re.compile(rf"/umfrage/{survey.pk}/\?snapshot={snapshot.pk}$"))


def test_without_javascript_the_progress_page_refreshes_itself(fresh_page, live_server, setting):
    district, survey = setting
    snapshot = f.ReportSnapshotFactory(survey=survey, status=ReportSnapshot.Status.PENDING)
    page = fresh_page(viewport={"width": 390, "height": 900}, javascript=False)
    _log_in(page, live_server, "koordinatorin")
    page.goto(f"{live_server.url}/d/{district.slug}/berichte/stand/{snapshot.pk}/")
    expect(page.get_by_text("Wartet, bis er an der Reihe ist …")).to_be_visible()
    shoot_widths(page, "report-progress-pending-nojs", (390, 1280))
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(
        status=ReportSnapshot.Status.FAILED,
        failure_reason=(
            "Die Erstellung des Berichts hat zu lange gedauert. "
            "Bitte versuchen Sie es später noch einmal."
        ),
    )
    # The meta refresh (3 s) reloads the page, which now explains the failure.
    page.get_by_role("heading", name="Der Bericht konnte nicht erstellt werden").wait_for()
    expect(page.get_by_role("button", name="Noch einmal versuchen")).to_be_visible()
    shoot_widths(page, "report-progress-failed-nojs", (390, 1280))
