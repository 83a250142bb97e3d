"""Slips with one-time access codes of a batch (surveys:code_slips)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from districts.models import Membership
from surveys.models import CollectionPoint
from surveys.print_views import cut_lines, slip_collection_point
from tests import factories as f
from tests.surveys.test_print_pdf import decode_qr_codes, missing_arabic_words, pdf_text, to_png

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(district_a):
    return f.SurveyFactory(district=district_a, requires_access_code=True)


@pytest.fixture
def staff(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    return client


def slips_url(batch, survey=None):
    survey = survey or batch.survey
    return reverse(
        "surveys:code_slips",
        kwargs={"district": survey.district.slug, "survey": survey.pk, "batch": batch.pk},
    )


def test_slips_show_every_code_and_a_qr_code_to_the_short_link(staff, survey, tmp_path):
    point = f.CollectionPointFactory(survey=survey, kind=CollectionPoint.Kind.EVENT, label="Fest")
    batch = f.AccessCodeBatchFactory(survey=survey, collection_point=point, size=15)
    response = staff.get(slips_url(batch))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    for access_code in batch.codes.all():
        assert access_code.display_code in text
    assert text.count("Ihr Zugangscode – gilt einmal") == 15
    assert f"testserver/s/{point.code}/" in text
    # Fourteen slips fill the first sheet; the fifteenth starts the next.
    assert (
        decode_qr_codes(to_png(response.content, tmp_path / "page"))
        == [f"http://testserver/s/{point.code}/"] * 14
    )


def test_slips_in_another_offered_language(staff, survey):
    f.CollectionPointFactory(survey=survey)
    batch = f.AccessCodeBatchFactory(survey=survey, size=1)
    text = pdf_text(staff.get(slips_url(batch) + "?sprache=ar").content)
    assert not missing_arabic_words("رمز الدخول الخاص بكم – صالح لمرة واحدة", text)


def test_batch_without_collection_point_uses_the_surveys_first_active_online_one(survey):
    f.CollectionPointFactory(survey=survey, kind=CollectionPoint.Kind.ONLINE, is_active=False)
    f.CollectionPointFactory(survey=survey, kind=CollectionPoint.Kind.EVENT, label="Fest")
    online = f.CollectionPointFactory(survey=survey, kind=CollectionPoint.Kind.ONLINE)
    batch = f.AccessCodeBatchFactory(survey=survey, size=1)
    assert slip_collection_point(batch) == online


def test_batch_without_collection_point_falls_back_to_any_active_one(survey):
    event = f.CollectionPointFactory(survey=survey, kind=CollectionPoint.Kind.EVENT, label="Fest")
    batch = f.AccessCodeBatchFactory(survey=survey, size=1)
    assert slip_collection_point(batch) == event


def test_batch_of_another_survey_is_not_found(staff, survey):
    other = f.AccessCodeBatchFactory(survey=f.SurveyFactory(district=survey.district), size=1)
    assert staff.get(slips_url(other, survey=survey)).status_code == 404


def test_viewer_may_not_print_slips(client, survey, member):
    batch = f.AccessCodeBatchFactory(survey=survey, size=1)
    client.force_login(member(survey.district, Membership.Role.VIEWER).user)
    assert client.get(slips_url(batch)).status_code == 403


def test_cut_lines_draw_every_edge_once():
    # Two slips side by side and one below the first: five horizontal and five vertical edges.
    path = cut_lines(3)
    segments = path.split("M")[1:]
    assert len(segments) == len(set(segments)) == 10
    assert "M97 0L97 38.5" in path  # the edge between the first two, drawn once
    assert "M97 38.5L194 38.5" in path  # the bottom of the second slip
    assert "M97 38.5L194 77" not in path
    # Right to left, the third slip sits under the first one on the right.
    assert "M97 77L194 77" in cut_lines(3, right_to_left=True)


def test_reprint_leaves_out_codes_already_used(staff, survey):
    f.CollectionPointFactory(survey=survey)
    batch = f.AccessCodeBatchFactory(survey=survey, size=3)
    used, *fresh = batch.codes.order_by("pk")
    used.is_used = True
    used.save()
    text = pdf_text(staff.get(slips_url(batch)).content)
    assert used.display_code not in text
    for access_code in fresh:
        assert access_code.display_code in text
