"""A coordinator builds a report from the survey's dashboard and reads a chart caption."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from reports.models import ReportSnapshot
from surveys.models import Survey
from tests.browser.conftest import ARTIFACTS, save_png, seed_demo_until

pytestmark = pytest.mark.django_db(transaction=True)

BASE = "/d/charlottenburg-wilmersdorf"


def shoot(page, name: str) -> None:
    """Full-page PNGs at 1280 and 390 px, each from a fresh load so Plotly sizes to the window."""
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (1280, 390):
        # The walk reads the pages at 1280 wide: those loads are fresh already.
        if page.viewport_size != {"width": width, "height": 900}:
            page.set_viewport_size({"width": width, "height": 900})
            page.reload()
        page.locator(".chart-canvas .main-svg").first.wait_for()
        if width == 390:
            # Readable on a phone: nothing but the scroll boxes of wide tables is wider.
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
        save_png(page, ARTIFACTS / f"{name}-{width}.png")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_coordinator_builds_a_report_and_reads_a_chart_caption(page, live_server, log_in):
    seed_demo_until("surveys")
    survey = Survey.objects.filter(is_demo=True).order_by("pk").first()
    before = set(ReportSnapshot.objects.values_list("pk", flat=True))
    log_in("koordination")

    page.goto(live_server.url + f"{BASE}/berichte/umfrage/{survey.pk}/")
    page.get_by_role("link", name="Bericht erstellen").first.click()
    page.get_by_role("button", name="Bericht erstellen").click()

    # The build runs eagerly here; the status page sends the reader on to the new report.
    page.wait_for_url(re.compile(r"/berichte/umfrage/\d+/\?snapshot=\d+"))
    built = ReportSnapshot.objects.exclude(pk__in=before).get()
    assert built.is_ready, built.failure_reason
    assert page.url.endswith(f"?snapshot={built.pk}")

    page.locator(".chart-canvas .main-svg").first.wait_for()
    caption = page.locator("#erreichen figure.chart figcaption").first.inner_text()
    assert re.search(r"Familien (mit|und ohne) Leistungsbezug|zu wenige Antworten", caption)
    assert caption.strip() in page.locator("#erreichen").inner_text()
    shoot(page, "reports-survey-dashboard")

    page.get_by_role("navigation", name="Bereiche des Bezirks").get_by_role(
        "link", name="Berichte"
    ).click()
    page.locator(".chart-canvas .main-svg").first.wait_for()
    expect(page.get_by_role("heading", name=re.compile("Neuester Bericht"))).to_be_visible()
    shoot(page, "reports-district-dashboard")
