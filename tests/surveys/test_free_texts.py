from __future__ import annotations

import pytest
from django.urls import reverse

from districts.models import Membership
from surveys.models import Answer, FreeTextTag, Question, Response
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(district_a):
    return f.SurveyFactory(district=district_a)


@pytest.fixture
def text(survey):
    return f.AnswerFactory(
        response__collection_point__survey=survey, text="Mehr Angebote am Wochenende"
    )


@pytest.fixture
def staff(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    return client


def url(name, survey, **kwargs):
    return reverse(
        f"surveys:{name}",
        kwargs={"district": survey.district.slug, "survey": survey.pk, **kwargs},
    )


def other_text(survey):
    """A free text beside a chosen "something else" option of a multiple-choice question."""
    question = f.QuestionFactory(page__survey=survey, kind=Question.Kind.MULTIPLE)
    option = f.OptionFactory(question=question, text="Etwas anderes", is_other=True)
    return f.AnswerFactory(
        response__collection_point__survey=survey,
        question=question,
        option=option,
        text="Die Zeiten passen nicht",
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Membership.Role.VIEWER, 403),
        (Membership.Role.PROVIDER, 403),
        (Membership.Role.STAFF, 200),
        (Membership.Role.COORDINATOR, 200),
    ],
)
def test_only_staff_read_free_texts(client, survey, text, member, role, status):
    client.force_login(member(survey.district, role).user)
    assert client.get(url("free_texts", survey)).status_code == status


def test_outsider_gets_404_for_the_free_texts(client, survey, text, district_b, member):
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)
    assert client.get(url("free_texts", survey)).status_code == 404
    review = url("free_text_review", survey, answer=text.pk)
    assert client.post(review, {"reviewed": "on"}).status_code == 404
    text.refresh_from_db()
    assert text.text_reviewed is False


def test_the_list_shows_free_texts_and_other_texts_with_question_and_collection_point(
    staff, survey, text
):
    other = other_text(survey)
    f.AnswerFactory(response__collection_point__survey=survey, text="")  # no text
    f.AnswerFactory(text="Aus einer anderen Umfrage")
    response = staff.get(url("free_texts", survey))
    html = response.content.decode()
    assert list(response.context["answers"]) == sorted([text, other], key=lambda a: -a.pk)
    assert "Mehr Angebote am Wochenende" in html
    assert "Die Zeiten passen nicht" in html
    assert text.question.text in html
    assert str(text.response.collection_point) in html
    assert "Aus einer anderen Umfrage" not in html
    assert "nie öffentlich" in html


def test_an_arabic_text_is_marked_right_to_left(staff, survey):
    f.AnswerFactory(response__collection_point__survey=survey, response__language="ar", text="نص")
    html = staff.get(url("free_texts", survey)).content.decode()
    assert 'lang="ar" dir="rtl"' in html


def test_the_filter_shows_only_unread_texts(staff, survey, text):
    read = f.AnswerFactory(response__collection_point__survey=survey, text_reviewed=True)
    response = staff.get(url("free_texts", survey), {"status": "unread"})
    assert list(response.context["answers"]) == [text]
    response = staff.get(url("free_texts", survey), {"status": "read"})
    assert list(response.context["answers"]) == [read]


def test_the_filter_shows_the_texts_of_one_tag(staff, survey, text):
    tag = f.FreeTextTagFactory(survey=survey, name="Zeiten")
    tagged = other_text(survey)
    tagged.tags.add(tag)
    response = staff.get(url("free_texts", survey), {"tag": tag.pk})
    assert list(response.context["answers"]) == [tagged]


def test_staff_mark_a_text_as_read_and_set_tags(staff, survey, text):
    times, costs = f.FreeTextTagFactory(survey=survey), f.FreeTextTagFactory(survey=survey)
    response = staff.post(
        url("free_text_review", survey, answer=text.pk),
        {"reviewed": "on", "tags": [times.pk, costs.pk], "back": "status=unread&evil=1"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"?status=unread#answer-{text.pk}")
    text.refresh_from_db()
    assert text.text_reviewed is True
    assert set(text.tags.all()) == {times, costs}


def test_staff_mark_a_text_as_unread_and_clear_its_tags(staff, survey, text):
    text.text_reviewed = True
    text.save()
    text.tags.add(f.FreeTextTagFactory(survey=survey))
    staff.post(url("free_text_review", survey, answer=text.pk), {})
    text.refresh_from_db()
    assert text.text_reviewed is False
    assert text.tags.count() == 0


def test_a_tag_of_another_survey_is_a_tampered_post_and_changes_nothing(staff, survey, text):
    foreign = f.FreeTextTagFactory()
    response = staff.post(
        url("free_text_review", survey, answer=text.pk), {"reviewed": "on", "tags": [foreign.pk]}
    )
    assert response.status_code == 400
    text.refresh_from_db()
    assert text.text_reviewed is False
    assert text.tags.count() == 0


def test_an_answer_of_another_survey_is_not_found_under_this_survey(staff, survey):
    foreign = f.AnswerFactory(response__collection_point__survey__district=survey.district)
    review = url("free_text_review", survey, answer=foreign.pk)
    assert staff.post(review, {"reviewed": "on"}).status_code == 404
    delete = url("free_text_delete", survey, answer=foreign.pk)
    assert staff.get(delete).status_code == 404
    assert staff.post(delete).status_code == 404
    foreign.refresh_from_db()
    assert foreign.text
    assert not foreign.text_reviewed


def test_a_viewer_cannot_review_or_delete(client, survey, text, member):
    client.force_login(member(survey.district, Membership.Role.VIEWER).user)
    assert client.post(url("free_text_review", survey, answer=text.pk), {}).status_code == 403
    assert client.post(url("free_text_delete", survey, answer=text.pk)).status_code == 403
    assert Answer.objects.filter(pk=text.pk, text__startswith="Mehr").exists()


def test_deleting_asks_first_and_then_removes_a_text_answer(staff, survey, text):
    delete = url("free_text_delete", survey, answer=text.pk)
    page = staff.get(delete)
    assert page.status_code == 200
    assert "Mehr Angebote am Wochenende" in page.content.decode()
    assert Answer.objects.filter(pk=text.pk).exists()
    staff.post(delete)
    assert not Answer.objects.filter(pk=text.pk).exists()
    assert Response.objects.filter(pk=text.response_id).exists()


def test_deleting_an_other_text_keeps_the_chosen_option(staff, survey):
    other = other_text(survey)
    other.tags.add(f.FreeTextTagFactory(survey=survey))
    staff.post(url("free_text_delete", survey, answer=other.pk))
    other.refresh_from_db()
    assert other.text == ""
    assert other.option is not None
    assert other.tags.count() == 0


def test_staff_add_a_tag(staff, survey):
    response = staff.post(url("tags", survey), {"name": "  Öffnungs   zeiten "})
    assert response.status_code == 302
    assert list(survey.free_text_tags.values_list("name", flat=True)) == ["Öffnungs zeiten"]


def test_the_same_tag_twice_is_refused_with_a_message(staff, survey):
    f.FreeTextTagFactory(survey=survey, name="Kosten")
    response = staff.post(url("tags", survey), {"name": "kosten"}, follow=True)
    assert survey.free_text_tags.count() == 1
    assert "hat bereits das Schlagwort" in response.content.decode()


def test_deleting_a_tag_keeps_the_texts(staff, survey, text):
    tag = f.FreeTextTagFactory(survey=survey)
    text.tags.add(tag)
    delete = url("tag_delete", survey, tag=tag.pk)
    assert staff.get(delete).status_code == 200
    staff.post(delete)
    assert not FreeTextTag.objects.filter(pk=tag.pk).exists()
    assert Answer.objects.filter(pk=text.pk).exists()


def test_a_tag_of_another_survey_cannot_be_deleted_here(staff, survey):
    foreign = f.FreeTextTagFactory(survey__district=survey.district)
    assert staff.post(url("tag_delete", survey, tag=foreign.pk)).status_code == 404
    assert FreeTextTag.objects.filter(pk=foreign.pk).exists()


def test_the_list_needs_no_query_per_text(staff, survey, django_assert_max_num_queries):
    tags = f.FreeTextTagFactory.create_batch(3, survey=survey)
    first = f.AnswerFactory(response__collection_point__survey=survey)
    first.tags.set(tags)
    with django_assert_max_num_queries(20) as few:
        staff.get(url("free_texts", survey))
    for _ in range(10):
        answer = other_text(survey)
        answer.tags.set(tags[:2])
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff.get(url("free_texts", survey))


def test_a_new_text_offers_mark_as_read_and_a_read_one_mark_as_unread(staff, survey, text):
    f.AnswerFactory(response__collection_point__survey=survey, text="Gelesen", text_reviewed=True)
    html = staff.get(url("free_texts", survey)).content.decode()
    assert html.count("Als gelesen speichern") == 1
    assert html.count("Als ungelesen markieren") == 1
