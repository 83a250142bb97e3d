"""One-time access codes as a family meets them: the start page asks for the code, each code
accepts exactly one response, and a replayed or unknown code stores nothing."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client

from surveys.family_form import AccessCodeRefused, SurveyStructure, submit_response
from surveys.models import AccessCode, Answer, Response
from tests import factories as f
from tests.surveys.test_family_fixtures import FamilySurvey, answer_all, make_family_survey

pytestmark = pytest.mark.django_db

UNKNOWN = "Diesen Code können wir nicht annehmen."
REFUSED = "Dieser Code wurde inzwischen schon benutzt."


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def family() -> FamilySurvey:
    return make_family_survey(requires_access_code=True)


@pytest.fixture
def codes(family) -> list[AccessCode]:
    batch = f.AccessCodeBatchFactory(survey=family.survey, size=3)
    return list(batch.codes.all())


def start_with(client: Client, family: FamilySurvey, code: str, language: str = "de"):
    return client.post(family.start_url(), {"sprache": language, "zugang": code})


def send_with(client: Client, family: FamilySurvey, code: str):
    assert start_with(client, family, code).status_code == 302
    return answer_all(client, family)


def test_the_start_page_asks_for_the_code_in_the_familys_language(client, family, codes):
    html = client.get(family.start_url()).text
    assert 'name="zugang"' in html
    assert "Ihr Zugangscode" in html
    assert "Der Code steht auf dem Zettel" in html
    arabic = client.get(family.start_url(sprache="ar")).text
    assert "رمز الدخول الخاص بكم" in arabic


def test_a_code_in_the_link_fills_in_the_field(client, family, codes):
    html = client.get(family.start_url(zugang=codes[0].code)).text
    assert f'value="{codes[0].code}"' in html


def test_the_language_switch_keeps_the_code_from_the_link(client, family, codes):
    html = client.get(family.start_url(zugang=codes[0].code)).text
    assert f"zugang={codes[0].code}&amp;sprache=ar" in html


def test_a_survey_without_codes_asks_for_none(client):
    family = make_family_survey()
    assert 'name="zugang"' not in client.get(family.start_url(zugang="abcdefgh")).text
    assert start_with(client, family, "").status_code == 302
    assert answer_all(client, family).status_code == 302
    assert Response.objects.count() == 1


def test_a_valid_code_starts_the_survey_and_waits_in_the_draft_unused(client, family, codes):
    response = start_with(client, family, codes[0].display_code.upper())
    assert response.status_code == 302
    assert response["Location"] == family.page_url(1)
    codes[0].refresh_from_db()
    assert not codes[0].is_used
    assert client.get(family.start_url()).status_code == 200
    assert 'name="zugang"' not in client.get(family.start_url()).text


def test_a_code_accepts_exactly_one_response(client, family, codes):
    response = send_with(client, family, codes[0].code)
    assert response.status_code == 302
    assert Response.objects.count() == 1
    codes[0].refresh_from_db()
    assert codes[0].is_used
    assert not AccessCode.objects.filter(pk__in=[codes[1].pk, codes[2].pk], is_used=True).exists()


def test_a_replayed_code_is_refused_with_400_and_nothing_is_stored(client, family, codes):
    send_with(client, family, codes[0].code)
    again = Client()
    response = start_with(again, family, codes[0].code)
    assert response.status_code == 400
    assert UNKNOWN in response.text
    assert Response.objects.count() == 1
    # Without a draft the questions are out of reach.
    assert again.get(family.page_url(1)).status_code == 302


def test_an_unknown_code_is_refused_in_the_familys_language(client, family, codes):
    response = start_with(client, family, "zzzz-zzzz", language="ar")
    assert response.status_code == 400
    assert "لا يمكننا قبول هذا الرمز" in response.text
    assert 'aria-invalid="true"' in response.text
    assert Response.objects.count() == 0
    assert family.point.days.count() == 0  # an attempt is not a start


def test_a_missing_code_is_asked_for(client, family, codes):
    response = start_with(client, family, "  ")
    assert response.status_code == 400
    assert "Bitte geben Sie den Code von Ihrem Zettel ein." in response.text


def test_a_code_of_another_survey_is_unknown(client, family, codes):
    other = f.AccessCodeBatchFactory(survey__district=family.survey.district, size=1)
    response = start_with(client, family, other.codes.get().code)
    assert response.status_code == 400
    assert UNKNOWN in response.text


def test_two_drafts_with_one_code_store_only_the_first_sending(family, codes):
    first, second = Client(), Client()
    assert start_with(first, family, codes[0].code).status_code == 302
    assert start_with(second, family, codes[0].code).status_code == 302
    assert answer_all(first, family).status_code == 302
    answers_before = Answer.objects.count()

    refused = answer_all(second, family)
    assert refused.status_code == 400
    assert REFUSED in refused.text
    assert 'name="zugang"' in refused.text
    assert Response.objects.count() == 1
    assert Answer.objects.count() == answers_before

    # The family keeps its answers and sends them with another code.
    assert start_with(second, family, codes[1].code)["Location"] == family.page_url(1)
    assert answer_all(second, family).status_code == 302
    assert Response.objects.count() == 2
    assert AccessCode.objects.filter(is_used=True).count() == 2


def test_a_refused_code_rolls_back_the_response_and_its_answers(family, codes):
    codes[0].is_used = True
    codes[0].save()
    structure = SurveyStructure.load(family.survey)
    answers = {str(family.known.pk): {"options": [family.used.pk]}}
    with pytest.raises(AccessCodeRefused):
        submit_response(
            structure,
            collection_point=family.point,
            language="de",
            answers=answers,
            access_code=codes[0].code,
        )
    with pytest.raises(AccessCodeRefused):
        submit_response(structure, collection_point=family.point, language="de", answers=answers)
    assert Response.objects.count() == 0
    assert Answer.objects.count() == 0


def test_a_paper_response_needs_no_code(family, codes):
    structure = SurveyStructure.load(family.survey)
    answers = {str(family.known.pk): {"options": [family.used.pk]}}
    submit_response(
        structure,
        collection_point=family.point,
        language="de",
        answers=answers,
        channel=Response.Channel.PAPER,
    )
    assert Response.objects.get().channel == Response.Channel.PAPER
    assert not AccessCode.objects.filter(is_used=True).exists()


def test_nothing_links_a_code_to_a_response():
    with connection.cursor() as cursor:
        columns = {
            column.name
            for column in connection.introspection.get_table_description(
                cursor, AccessCode._meta.db_table
            )
        }
    assert columns == {"id", "batch_id", "survey_id", "code", "is_used"}
    related = {field.related_model for field in AccessCode._meta.get_fields()}
    assert Response not in related
    assert Answer not in related
    assert AccessCode not in {field.related_model for field in Response._meta.get_fields()}


def test_no_session_keeps_the_code_after_sending(client, family, codes):
    from django.contrib.sessions.models import Session

    send_with(client, family, codes[0].code)
    for session in Session.objects.all():
        assert codes[0].code not in str(session.get_decoded())


def test_guessing_access_codes_is_limited(client, family, codes):
    for _ in range(60):
        assert start_with(client, family, "zzzz-zzzz").status_code == 400
    assert start_with(client, family, "zzzz-zzzz").status_code == 429
