"""The thank-you page: where to find help, narrowed to the family's home area and languages."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from districts.models import Area, Language
from offerings.models import Offering
from surveys.blocks import add_family_block
from surveys.models import Question
from surveys.thanks import help_offerings
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def areas(district_a):
    north = f.AreaFactory(district=district_a, code="040101", name="Kiez Nord")
    north_part = f.AreaFactory(
        district=district_a,
        level=Area.Level.PLANUNGSRAUM,
        code="04010101",
        name="Nord-Ost",
        parent=north,
    )
    south = f.AreaFactory(district=district_a, code="040202", name="Kiez Süd")
    return {"north": north, "north_part": north_part, "south": south}


def _offering(district, name, area=None, **fields):
    offering = f.OfferingFactory(district=district, name=name, **fields)
    if area is not None:
        f.OfferingPlaceFactory(offering=offering, area=area, address=f"{name}straße 1")
    return offering


@pytest.fixture
def offerings(district_a, district_b, areas):
    return {
        "near": _offering(
            district_a, "Familiencafé Nord", areas["north_part"], opening_times="Di 10–12"
        ),
        "far": _offering(district_a, "Elterntreff Süd", areas["south"]),
        "everywhere": _offering(district_a, "Familienbüro", areas["south"], is_district_wide=True),
        "mobile": _offering(district_a, "Spielmobil", is_mobile=True),
        "pending": _offering(
            district_a,
            "Neues Angebot Nord",
            areas["north"],
            review_status=Offering.ReviewStatus.PENDING,
        ),
        "ended": _offering(
            district_a, "Altes Angebot Nord", areas["north"], status=Offering.Status.ENDED
        ),
        "foreign": _offering(district_b, "Angebot in Neukölln"),
    }


@pytest.fixture
def survey(district_a, areas):
    survey = f.SurveyFactory(district=district_a, languages=["ar"])
    add_family_block(survey)
    return survey


def _send_family_page(client, survey, *, area=None, language_keys=(), language="de"):
    point = f.CollectionPointFactory(survey=survey)
    client.post(point.get_absolute_url(), {"sprache": language})
    home = survey.questions.get(block_key="home_area")
    spoken = survey.questions.get(block_key="languages")
    data = {"nav": "send"}
    if area is not None:
        data[home.field_name] = home.options.get(area=area).pk
    if language_keys:
        data[spoken.field_name] = [
            spoken.options.get(code=f"lang_{key}").pk for key in language_keys
        ]
    response = client.post(f"/s/{point.code}/1/", data)
    assert response.status_code == 302, response.content
    return client.get(response["Location"]).text


def test_thanks_lists_offerings_in_the_home_area_and_district_wide_ones(
    client, survey, areas, offerings
):
    html = _send_family_page(client, survey, area=areas["north"])
    assert "Familiencafé Nord" in html
    assert "Familiencafé Nordstraße 1" in html
    assert "Di 10–12" in html
    assert "Familienbüro" in html
    assert "Spielmobil" in html
    assert "Elterntreff Süd" not in html
    assert "Neues Angebot Nord" not in html
    assert "Altes Angebot Nord" not in html
    assert "Angebot in Neukölln" not in html


def test_without_a_home_area_thanks_lists_the_district_in_general(client, survey, offerings):
    html = _send_family_page(client, survey)
    assert "Elterntreff Süd" in html
    assert "Familiencafé Nord" in html
    assert "Angebot in Neukölln" not in html
    assert "Neues Angebot Nord" not in html


def test_offerings_in_the_familys_language_come_first(survey, district_a, areas, offerings):
    arabic = Language.objects.get(key="ar")
    offerings["far"].languages.add(arabic)
    listed = help_offerings(district_a, language_keys=["ar"])
    assert listed[0].offering == offerings["far"]


def test_a_home_area_without_offerings_falls_back_to_the_general_list(district_a, offerings):
    empty = f.AreaFactory(district=district_a, code="040303")
    Offering.objects.filter(is_district_wide=True).update(is_district_wide=False)
    Offering.objects.filter(is_mobile=True).update(is_mobile=False)
    names = {item.offering.name for item in help_offerings(district_a, area_id=empty.pk)}
    assert "Elterntreff Süd" in names


def test_an_area_of_another_district_is_ignored(district_a, district_b, offerings):
    foreign_area = f.AreaFactory(district=district_b, code="110101")
    names = {item.offering.name for item in help_offerings(district_a, area_id=foreign_area.pk)}
    assert "Elterntreff Süd" in names


def test_at_most_eight_offerings_are_listed(district_a):
    for n in range(12):
        _offering(district_a, f"Angebot {n:02d}")
    assert len(help_offerings(district_a)) == 8


def test_help_offerings_need_a_fixed_number_of_queries(
    district_a, areas, offerings, django_assert_max_num_queries
):
    for n in range(10):
        _offering(district_a, f"Weiteres Angebot {n}", areas["north"])
    with django_assert_max_num_queries(4):
        listed = help_offerings(district_a, area_id=areas["north"].pk, language_keys=["ar", "tr"])
        [item.place.address for item in listed if item.place]


def test_thanks_in_arabic_says_offer_data_is_german_and_marks_it(client, survey, areas, offerings):
    html = _send_family_page(client, survey, area=areas["north"], language="ar")
    assert "المعلومات عن هذه الخدمات متوفرة باللغة الألمانية فقط." in html
    assert '<bdi lang="de">Familiencafé Nord</bdi>' in html
    assert "مجانًا" in html


def test_the_home_area_question_carries_the_area(survey, areas):
    home = survey.questions.get(block_key="home_area")
    assert home.kind == Question.Kind.SINGLE
    assert home.options.filter(area=areas["north"]).exists()
