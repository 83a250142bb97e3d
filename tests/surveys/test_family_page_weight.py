"""The first page of a survey transfers under 30 KB in total (HTML + CSS + images,
compressed), with no web fonts, no scripts and nothing from another host. Question pages
stay under the same budget with their pictograms and the read-aloud script (same origin)."""

from __future__ import annotations

import gzip
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from surveys.blocks import add_family_block, add_missing_block, add_reach_block
from tests import factories as f

pytestmark = pytest.mark.django_db

BUDGET = 30 * 1024
# Whatever the browser fetches by itself from the HTML or the CSS.
LOADED = re.compile(
    r'<(?:link|script|img|source|video|audio|iframe)\b[^>]*\b(?:href|src)="([^"]+)"'
)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
ABSOLUTE = re.compile(r"(?:https?:)?//[^\s\"'<>)]+")


@pytest.fixture
def survey():
    survey = f.SurveyFactory(languages=["de-ls", "en", "tr", "ar", "uk", "ru", "pl", "fa"])
    add_reach_block(survey, [f.OfferingFactory(district=survey.district) for _ in range(8)])
    add_family_block(survey)
    add_missing_block(survey)
    return survey


def _static(url: str) -> bytes:
    assert url.startswith(settings.STATIC_URL), f"not a same-origin static file: {url}"
    path = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
    assert path, f"static file not found: {url}"
    with open(path, "rb") as file:
        return file.read()


def _transfer(client, url: str) -> tuple[int, str, list[str]]:
    """Compressed bytes of the page and of everything it loads, the HTML, the CSS texts."""
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content).decode()
    total = len(response.content)
    styles: list[str] = []
    pending = LOADED.findall(html)
    seen: set[str] = set()
    while pending:
        asset = pending.pop()
        if asset in seen or asset.startswith("data:"):
            continue  # data: URLs are inside the HTML already
        seen.add(asset)
        content = _static(asset)
        total += len(gzip.compress(content, compresslevel=9))
        if asset.endswith(".css"):
            css = content.decode()
            styles.append(css)
            pending.extend(u for u in CSS_URL.findall(css) if not u.startswith("data:"))
    return total, html, styles


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_start_page_transfers_under_30_kb(client, survey, language):
    point = f.CollectionPointFactory(survey=survey)
    total, _html, styles = _transfer(client, f"{point.get_absolute_url()}?sprache={language}")
    print(f"\nstart page ({language}): {total} bytes compressed in total")
    assert styles, "the page should load its stylesheet"
    assert total < BUDGET


def test_a_long_question_page_stays_small_too(client, survey):
    point = f.CollectionPointFactory(survey=survey)
    client.post(point.get_absolute_url(), {"sprache": "de"})
    total, html, _styles = _transfer(client, f"/s/{point.code}/1/")
    print(f"\nfirst question page: {total} bytes compressed in total")
    assert "Kennen Sie" in html
    assert total < BUDGET


def test_the_start_page_uses_no_scripts_fonts_or_other_hosts(client, survey):
    point = f.CollectionPointFactory(survey=survey)
    _total, html, styles = _transfer(client, point.get_absolute_url())
    assert "<script" not in html.lower()
    for text in (html, *styles):
        assert "@font-face" not in text
        assert "woff" not in text.lower()
        assert ABSOLUTE.findall(text.replace("http://www.w3.org/2000/svg", "")) == []


def test_the_barrier_page_with_its_pictograms_stays_small(client, survey):
    point = f.CollectionPointFactory(survey=survey)
    client.post(point.get_absolute_url(), {"sprache": "de"})
    known = survey.questions.filter(block_key="known").order_by("pk")
    data = {q.field_name: q.options.get(code="not_known").pk for q in known[1:]}
    data[known[0].field_name] = known[0].options.get(code="known_not_used").pk
    response = client.post(f"/s/{point.code}/1/", {**data, "nav": "next"})
    total, html, _styles = _transfer(client, response["Location"])
    print(f"\nbarrier page with pictograms: {total} bytes compressed in total")
    barriers = survey.questions.get(block_key="barriers", offering=known[0].offering)
    assert barriers.field_name in html
    assert html.count("<symbol") == 19
    assert total < BUDGET


def test_question_pages_load_only_same_origin_scripts(client, survey):
    point = f.CollectionPointFactory(survey=survey)
    client.post(point.get_absolute_url(), {"sprache": "de"})
    _total, html, _styles = _transfer(client, f"/s/{point.code}/1/")
    scripts = re.findall(r"<script\b([^>]*)>", html)
    assert scripts, "the read-aloud script belongs on question pages"
    for attributes in scripts:
        source = re.search(r'src="([^"]+)"', attributes)
        assert source, "no inline scripts: the Content-Security-Policy forbids them"
        assert source.group(1).startswith(settings.STATIC_URL)
        assert " defer" in attributes
