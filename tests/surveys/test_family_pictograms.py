"""Pictograms beside the main answers and the read-aloud button's hooks, for families who
read little: small inline symbols defined once per page, text always beside them."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from surveys.block_texts import REACH_BLOCK
from surveys.blocks import add_reach_block
from surveys.family_pictograms import BY_CODE, SYMBOLS
from tests import factories as f
from tests.surveys.test_family_fixtures import (
    answer_first_page,
    make_family_survey,
    start,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def reach():
    survey = f.SurveyFactory(languages=["ar"])
    offerings = [f.OfferingFactory(district=survey.district, name=f"Angebot {n}") for n in "AB"]
    add_reach_block(survey, offerings)
    return survey, f.CollectionPointFactory(survey=survey)


def _option_labels(html: str) -> list[str]:
    return re.findall(r'<div class="opt[^"]*">.*?</label>', html, flags=re.S)


def test_every_barrier_and_reach_answer_has_a_defined_pictogram():
    barriers = {f"barrier_{n}" for n in REACH_BLOCK["barriers"]["options"]}
    reach_answers = set(REACH_BLOCK["known"]["answers"])
    assert barriers | reach_answers == set(BY_CODE)
    assert set(BY_CODE.values()) <= set(SYMBOLS)
    assert len({BY_CODE[code] for code in barriers}) == 19  # no two barriers look alike


def test_the_known_page_shows_a_pictogram_beside_each_answer(client, reach):
    _survey, point = reach
    client.post(point.get_absolute_url(), {"sprache": "de"})
    html = client.get(f"/s/{point.code}/1/").text
    for symbol in ("p-unknown", "p-seen", "p-used"):
        assert html.count(f'<symbol id="{symbol}"') == 1  # defined once …
        assert html.count(f'<use href="#{symbol}"/>') == 2  # … used by both offerings
    labels = _option_labels(html)
    assert len(labels) == 6
    for label in labels:
        assert '<svg class="pic" aria-hidden="true" focusable="false">' in label
        assert re.search(r'<span dir="auto">[^<]+</span></label>', label)  # text beside


def test_the_barrier_page_shows_nineteen_different_pictograms(client, reach):
    survey, point = reach
    client.post(point.get_absolute_url(), {"sprache": "ar"})
    known = survey.questions.filter(block_key="known").order_by("pk")
    data = {
        known[0].field_name: known[0].options.get(code="known_not_used").pk,
        known[1].field_name: known[1].options.get(code="not_known").pk,
        "nav": "next",
    }
    html = client.get(client.post(f"/s/{point.code}/1/", data)["Location"]).text
    used = re.findall(r'<use href="#(p-[a-z]+)"/>', html)
    assert len(used) == 19
    assert len(set(used)) == 19
    assert sorted(re.findall(r'<symbol id="(p-[a-z]+)"', html)) == sorted(used)
    for text in (REACH_BLOCK["barriers"]["options"][n]["ar"] for n in (1, 7, 19)):
        assert text in html  # the texts stay beside the pictures, in the family's language


def test_a_scale_keeps_its_faces_and_gets_no_pictogram(client):
    family = make_family_survey()
    start(client, family)
    answer_first_page(client, family)
    html = client.get(family.page_url(2)).text
    assert html.count('<svg class="face"') == 5
    assert '<svg class="pic"' not in html
    assert '<symbol id="p-' not in html


def test_answers_without_a_known_code_get_no_pictogram(client):
    family = make_family_survey()
    start(client, family)
    html = client.get(family.page_url(1)).text
    # The fixture's first question uses the reach codes; "Was brauchen Sie?" has none.
    needs = html[html.index("Was brauchen Sie?") :]
    assert '<svg class="pic"' not in needs


def test_question_pages_offer_read_aloud_in_the_familys_language(client):
    family = make_family_survey()
    start(client, family, "ar")
    html = client.get(family.page_url(1)).text
    assert 'data-read-aloud="قراءة بصوت عالٍ"' in html
    assert re.search(r'<script src="/static/js/read-aloud\.js" defer></script>', html)
    # Without JavaScript there is no button at all: the script makes them.
    assert 'class="say"' not in html


def test_the_start_page_loads_no_script(client):
    family = make_family_survey()
    assert "<script" not in client.get(family.start_url()).text
