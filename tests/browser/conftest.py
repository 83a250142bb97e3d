from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps calling Google's hosts,
# which a district network (and this machine) refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Full-page PNGs are for people to look at (`make screenshots`), not checks: writing them
# cost about a minute of the suite. The walks still resize, reload and assert as with them.
SCREENSHOTS = os.environ.get("MITWIRKUNG_SCREENSHOTS", "") == "1"


def save_png(page, path: Path) -> None:
    """A full-page PNG of `page` at `path` when MITWIRKUNG_SCREENSHOTS=1."""
    if SCREENSHOTS:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(path), full_page=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium not found at {CHROMIUM}; CI must run the browser tests")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt install chromium)")
    from playwright.sync_api import expect, sync_playwright

    # expect() waits for a page that is still loading after a click; as long as the pages do.
    expect.set_options(timeout=15_000)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def fresh_page(browser, live_server) -> Iterator[Callable[..., object]]:
    """fresh_page(viewport=…, javascript=…, **context options): a German browser page of its
    own (for phones, tablets, JavaScript off); every context is closed after the test."""
    contexts = []

    def open_page(
        *, viewport: dict[str, int], javascript: bool = True, **options: object
    ) -> object:
        context = browser.new_context(
            viewport=viewport, locale="de-DE", java_script_enabled=javascript, **options
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        # tests/browser/axe.py must not run axe in a page without JavaScript (it would hang).
        page.javascript_enabled = javascript
        return page

    yield open_page
    for context in contexts:
        context.close()


def shoot_widths(page, name: str, widths: tuple[int, ...], height: int = 900) -> None:
    """Full-page PNGs of `page` at each width into test-artifacts/; the viewport is restored."""
    if not SCREENSHOTS:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    size = page.viewport_size
    for width in widths:
        page.set_viewport_size({"width": width, "height": height})
        save_png(page, ARTIFACTS / f"{name}-{width}.png")
    page.set_viewport_size(size)


@pytest.fixture
def screenshot(page):
    """screenshot(name): full-page PNGs at 1280 and 390 px wide into test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name: str) -> list[Path]:
        paths: list[Path] = []
        if not SCREENSHOTS:
            return paths
        # Plotly redraws responsive charts after a resize; give it a moment (pages
        # without charts need none: 42 screenshots in the suite).
        charts = page.locator(".chart-canvas").count() > 0
        for width in (1280, 390):
            # Only a changed size makes Plotly redraw (tests open pages at 1280 wide).
            resized = page.viewport_size != {"width": width, "height": 900}
            page.set_viewport_size({"width": width, "height": 900})
            if charts and resized:
                page.wait_for_timeout(400)
            path = ARTIFACTS / f"{name}-{width}.png"
            save_png(page, path)
            paths.append(path)
        page.set_viewport_size({"width": 1280, "height": 900})
        return paths

    return take


@pytest.fixture
def log_in(page, live_server):
    """log_in(username, password): through the login form, as a person would."""

    def submit(username: str, password: str = "mitwirkung") -> None:
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("Benutzername").fill(username)
        page.get_by_label("Passwort").fill(password)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_url("**/d/**")

    return submit


def seed_demo_district() -> None:
    """The demo district with its logins, areas and stakeholders only, as seed_demo makes
    them (its first step): for walks that need no goals, offerings, survey or report, which
    take seconds more to seed (tests/test_seed_demo*.py and test_demo_tour.py seed it all)."""
    from django.conf import settings
    from django.utils import translation

    from districts import demo
    from districts.models import District

    with translation.override(settings.LANGUAGE_CODE):
        district = District.objects.get(slug=demo.DEMO_DISTRICT_SLUG)
        district.has_demo_data = True
        district.save(update_fields=["has_demo_data"])
        demo.seed(district)


def seed_demo_until(last_app: str) -> None:
    """seed_demo's apps in its order up to and including `last_app`: a walk that builds its
    own report needs the demo survey, not the demo's published report (seconds less)."""
    import importlib

    from django.conf import settings
    from django.utils import translation

    from districts.demo import DEMO_DISTRICT_SLUG
    from districts.management.commands.seed_demo import DEMO_APPS
    from districts.models import District

    with translation.override(settings.LANGUAGE_CODE):
        district = District.objects.get(slug=DEMO_DISTRICT_SLUG)
        district.has_demo_data = True
        district.save(update_fields=["has_demo_data"])
        for app in DEMO_APPS[: DEMO_APPS.index(last_app) + 1]:
            importlib.import_module(f"{app}.demo").seed(district)
