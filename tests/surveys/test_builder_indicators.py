from __future__ import annotations

import pytest
from django.urls import reverse

from districts.models import Membership
from goals.models import Indicator
from surveys.models import IndicatorLink, Question, Survey
from tests.factories import (
    ActionGoalFactory,
    IndicatorFactory,
    OptionFactory,
    PageFactory,
    QuestionFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db


def url(name: str, survey: Survey, **kwargs: object) -> str:
    return reverse(
        f"surveys:{name}", kwargs={"district": survey.district.slug, "survey": survey.pk, **kwargs}
    )


@pytest.fixture
def staff(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    return client


@pytest.fixture
def survey(district_a):
    return SurveyFactory(district=district_a)


@pytest.fixture
def known(survey):
    question = QuestionFactory(page=PageFactory(survey=survey), text="Kennen Sie das Zentrum?")
    for position, text in enumerate(["Kenne ich nicht", "Kenne ich", "Nutze ich"]):
        OptionFactory(question=question, text=text, position=position)
    return question


@pytest.fixture
def indicator(district_a):
    return IndicatorFactory(goal=ActionGoalFactory(district=district_a), name="Bekanntheit")


def _link(indicator, question, options):
    return {
        "indicator": indicator.pk,
        "question": question.pk,
        "options": [option.pk for option in options],
    }


def test_staff_link_a_question_to_an_indicator_with_the_answers_that_count(
    staff, survey, known, indicator
):
    counting = list(known.options.exclude(text="Kenne ich nicht"))
    response = staff.post(url("indicator_link_add", survey), _link(indicator, known, counting))
    assert response.status_code == 302
    link = IndicatorLink.objects.get()
    assert (link.indicator, link.question) == (indicator, known)
    assert set(link.options.all()) == set(counting)
    indicator.refresh_from_db()
    assert indicator.source == Indicator.Source.SURVEY


def test_the_step_with_the_question_offers_its_answers_only(staff, survey, known, indicator):
    OptionFactory(question=QuestionFactory(page=known.page), text="Andere Frage")
    response = staff.get(url("indicator_link_add", survey) + f"?frage={known.pk}")
    offered = {label for _value, label in response.context["form"].fields["options"].choices}
    assert offered == {"Kenne ich nicht", "Kenne ich", "Nutze ich"}


def test_an_answer_of_another_question_is_refused(staff, survey, known, indicator):
    other = OptionFactory(question=QuestionFactory(page=known.page))
    response = staff.post(url("indicator_link_add", survey), _link(indicator, known, [other]))
    assert response.status_code == 200
    assert "options" in response.context["form"].errors
    assert not IndicatorLink.objects.exists()


def test_an_indicator_of_another_district_is_refused(staff, survey, known, district_b):
    foreign = IndicatorFactory(goal=ActionGoalFactory(district=district_b))
    response = staff.post(
        url("indicator_link_add", survey), _link(foreign, known, known.options.all()[:1])
    )
    assert "indicator" in response.context["form"].errors
    assert not IndicatorLink.objects.exists()


def test_a_question_of_another_survey_is_not_found(staff, survey, indicator, district_a):
    other = QuestionFactory(page=PageFactory(survey=SurveyFactory(district=district_a)))
    OptionFactory(question=other)
    response = staff.post(
        url("indicator_link_add", survey), _link(indicator, other, other.options.all())
    )
    assert response.status_code == 404
    assert not IndicatorLink.objects.exists()


def test_a_free_text_question_cannot_feed_an_indicator(staff, survey, indicator):
    text = QuestionFactory(page=PageFactory(survey=survey), kind=Question.Kind.TEXT)
    response = staff.get(url("indicator_link_add", survey) + f"?frage={text.pk}")
    assert response.status_code == 404


def test_an_indicator_fed_by_a_survey_is_not_offered_again(staff, survey, known, indicator):
    link = IndicatorLink.objects.create(indicator=indicator, question=known)
    link.options.set(known.options.all()[:1])
    response = staff.get(url("indicator_link_add", survey) + f"?frage={known.pk}")
    assert indicator not in response.context["form"].fields["indicator"].queryset


def test_the_list_says_the_reports_compute_the_numbers(
    client, member, district_a, survey, known, indicator
):
    link = IndicatorLink.objects.create(indicator=indicator, question=known)
    link.options.set(known.options.all()[:1])
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    content = client.get(url("indicator_links", survey)).content.decode()
    assert "Bekanntheit" in content
    assert "Bericht" in content


def test_removing_a_link_returns_the_indicator_to_manual_values(staff, survey, known, indicator):
    IndicatorLink.objects.create(indicator=indicator, question=known)
    Indicator.objects.filter(pk=indicator.pk).update(source=Indicator.Source.SURVEY)
    response = staff.post(url("indicator_link_delete", survey, indicator=indicator.pk))
    assert response.status_code == 302
    assert not IndicatorLink.objects.exists()
    indicator.refresh_from_db()
    assert indicator.source == Indicator.Source.MANUAL


def test_a_link_of_another_survey_cannot_be_removed_here(
    staff, survey, known, indicator, district_a
):
    other = SurveyFactory(district=district_a)
    IndicatorLink.objects.create(indicator=indicator, question=known)
    assert (
        staff.post(url("indicator_link_delete", other, indicator=indicator.pk)).status_code == 404
    )
    assert IndicatorLink.objects.exists()


def test_viewers_cannot_link(client, member, district_a, survey, known, indicator):
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    response = client.post(
        url("indicator_link_add", survey), _link(indicator, known, known.options.all())
    )
    assert response.status_code == 403
    assert not IndicatorLink.objects.exists()
