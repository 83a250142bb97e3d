"""The printed material of a realistic survey (reach block for two offerings, family block,
what-is-missing block), turned into PNGs in test-artifacts/ to be looked at.

Each test renders one PDF and converts one page: the checks are that the text is all
there and the QR codes scan.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.urls import reverse

from districts.models import Membership
from surveys import blocks
from surveys.models import CollectionPoint, Question, SurveyTranslation
from surveys.texts import SurveyTexts
from tests import factories as f
from tests.surveys.test_print_pdf import decode_qr_codes, missing_arabic_words, pdf_text, to_png

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def block_survey(district_a):
    survey = f.SurveyFactory(
        district=district_a,
        title="Angebote für Familien in Charlottenburg-Wilmersdorf",
        languages=["de-ls", "en", "tr", "ar", "uk"],
    )
    SurveyTranslation.objects.create(survey=survey, language="ar", title="خدمات للعائلات")
    for name in ("Nord", "Süd", "Westend"):
        f.AreaFactory(district=district_a, name=f"Kiez {name}")
    centre = f.OfferingFactory(district=district_a, name="Familienzentrum Klausenerplatz")
    mothers = f.OfferingFactory(district=district_a, name="Stadtteilmütter")
    blocks.add_reach_block(survey, [centre, mothers])
    blocks.add_family_block(survey)
    blocks.add_missing_block(survey)
    return survey


@pytest.fixture
def point(block_survey):
    place = f.OfferingPlaceFactory(offering__district=block_survey.district)
    return f.CollectionPointFactory(
        survey=block_survey, kind=CollectionPoint.Kind.PLACE, place=place, offering=place.offering
    )


@pytest.fixture
def staff(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    return client


def fetch(client, url):
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.content[:500]
    pdf = response.content
    print(f"{url}: {len(pdf) / 1024:.0f} KB in {elapsed:.2f} s")
    return pdf


def test_poster_of_a_place_scans_and_names_the_link(staff, point):
    url = reverse(
        "surveys:poster",
        kwargs={
            "district": point.survey.district.slug,
            "survey": point.survey.pk,
            "collection_point": point.pk,
        },
    )
    pdf = fetch(staff, url)
    link = f"http://testserver/s/{point.code}/"
    assert decode_qr_codes(to_png(pdf, ARTIFACTS / "print-poster")) == [link]
    text = pdf_text(pdf)
    assert f"testserver/s/{point.code}/" in text
    assert "رأيكم مهم" in text  # the Arabic invitation
    assert "Українська" in text  # offered, listed by its own name


def test_flyer_sheets_scan_in_every_corner(staff, point):
    url = reverse(
        "surveys:flyer",
        kwargs={
            "district": point.survey.district.slug,
            "survey": point.survey.pk,
            "collection_point": point.pk,
        },
    )
    pdf = fetch(staff, url)
    link = f"http://testserver/s/{point.code}/"
    assert decode_qr_codes(to_png(pdf, ARTIFACTS / "print-flyer")) == [link] * 4


@pytest.mark.parametrize("language", ["de", "ar"])
def test_paper_questionnaire_of_the_block_survey_has_every_question(
    staff, block_survey, point, language
):
    url = reverse(
        "surveys:paper_pdf",
        kwargs={
            "district": block_survey.district.slug,
            "survey": block_survey.pk,
            "language": language,
        },
    )
    pdf = fetch(staff, f"{url}?sammelstelle={point.pk}")
    to_png(pdf, ARTIFACTS / f"print-paper-{language}", resolution=100, pages=None)
    text = pdf_text(pdf)
    texts = SurveyTexts(block_survey, language)
    for question in Question.objects.filter(survey=block_survey).prefetch_related("options"):
        shown = [texts.question(question), *map(texts.option, question.options.all())]
        for expected in shown:
            if language == "ar":
                assert not missing_arabic_words(expected, text), expected
            else:
                assert expected in text
    assert point.display_code in text


def test_code_slips_of_a_batch(staff, block_survey, point):
    batch = f.AccessCodeBatchFactory(survey=block_survey, collection_point=point, size=16)
    url = reverse(
        "surveys:code_slips",
        kwargs={
            "district": block_survey.district.slug,
            "survey": block_survey.pk,
            "batch": batch.pk,
        },
    )
    pdf = fetch(staff, url)
    codes = decode_qr_codes(to_png(pdf, ARTIFACTS / "print-slips"))
    assert codes == [f"http://testserver/s/{point.code}/"] * 14
    text = pdf_text(pdf)
    for access in batch.codes.all():
        assert access.display_code in text
