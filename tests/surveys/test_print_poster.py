"""Poster (A4) and flyers (A6, four to a sheet) of a collection point."""

from __future__ import annotations

import subprocess

import pytest
from django.urls import reverse

from districts.models import Membership
from tests import factories as f
from tests.surveys.test_print_pdf import decode_qr_codes, pdf_text, to_png

pytestmark = pytest.mark.django_db


@pytest.fixture
def point(district_a):
    survey = f.SurveyFactory(district=district_a, languages=["en", "ar", "uk"])
    return f.CollectionPointFactory(survey=survey)


@pytest.fixture
def staff(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    return client


def url(name, point, survey=None):
    survey = survey or point.survey
    return reverse(
        f"surveys:{name}",
        kwargs={
            "district": survey.district.slug,
            "survey": survey.pk,
            "collection_point": point.pk,
        },
    )


def short_link(point):
    return f"http://testserver/s/{point.code}/"


def page_sizes(pdf, tmp_path):
    source = tmp_path / "file.pdf"
    source.write_bytes(pdf)
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "99", str(source)], check=True, capture_output=True
    ).stdout.decode()
    return [
        line.split(":", 1)[1].split("pts")[0].strip()
        for line in info.splitlines()
        if "size:" in line and line.startswith("Page")
    ]


def test_poster_is_one_a4_page_whose_qr_code_opens_the_short_link(staff, point, tmp_path):
    response = staff.get(url("poster", point))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert page_sizes(response.content, tmp_path) == ["595.276 x 841.89"]
    assert decode_qr_codes(to_png(response.content, tmp_path / "page")) == [short_link(point)]


def test_poster_writes_out_the_link_the_code_and_who_is_responsible(staff, point):
    text = pdf_text(staff.get(url("poster", point)).content)
    assert f"testserver/s/{point.code}/" in text
    assert point.display_code in text
    assert "Oder öffnen Sie testserver/s/ und geben Sie diesen Code ein:" in text
    assert "Ihre Meinung zählt – Was hilft Ihrer Familie?" in text
    assert "anonym · freiwillig · ca. 5 Minuten" in text
    assert "Verantwortlich: Bezirksamt Charlottenburg-Wilmersdorf" in text
    assert point.survey.title in text


def test_poster_invites_in_the_surveys_other_languages(staff, point):
    text = pdf_text(staff.get(url("poster", point)).content)
    assert "Your opinion counts – what helps your family?" in text
    assert "Українська" in text  # no printed texts, but listed under its own name
    assert "Fikriniz önemli" not in text  # Turkish is not offered


def test_flyers_four_to_a_sheet_open_the_short_link(staff, point, tmp_path):
    response = staff.get(url("flyer", point))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert decode_qr_codes(to_png(response.content, tmp_path / "page")) == [short_link(point)] * 4
    # One sheet per language with printed texts: German, Arabic, English.
    assert len(page_sizes(response.content, tmp_path)) == 3
    text = pdf_text(response.content)
    assert text.count(f"testserver/s/{point.code}/") == 12


def test_collection_point_of_another_survey_is_not_found(staff, point):
    other = f.CollectionPointFactory(survey=f.SurveyFactory(district=point.survey.district))
    assert staff.get(url("poster", other, survey=point.survey)).status_code == 404
    assert staff.get(url("flyer", other, survey=point.survey)).status_code == 404


def test_viewer_may_not_print_posters(client, point, member):
    client.force_login(member(point.survey.district, Membership.Role.VIEWER).user)
    assert client.get(url("poster", point)).status_code == 403
    assert client.get(url("flyer", point)).status_code == 403


def test_member_of_another_district_does_not_find_the_poster(client, point, district_b, member):
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)
    assert client.get(url("poster", point)).status_code == 404
