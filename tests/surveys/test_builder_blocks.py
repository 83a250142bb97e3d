from __future__ import annotations

import pytest
from django.urls import reverse

from districts.models import Area, Language, Membership
from offerings.models import Offering
from surveys.models import Option, Page, Question, QuestionTranslation, Survey
from tests.factories import AreaFactory, OfferingFactory, SurveyFactory

pytestmark = pytest.mark.django_db


def url(survey: Survey, block: str) -> str:
    return reverse(
        "surveys:block_add",
        kwargs={"district": survey.district.slug, "survey": survey.pk, "block": block},
    )


@pytest.fixture
def staff(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    return client


@pytest.fixture
def survey(district_a):
    return SurveyFactory(district=district_a, status=Survey.Status.DRAFT)


def test_the_reach_block_asks_three_questions_per_chosen_offering(staff, survey, district_a):
    cafe = OfferingFactory(district=district_a, name="Elterncafé")
    centre = OfferingFactory(district=district_a, name="Familienzentrum")
    OfferingFactory(district=district_a, name="Nicht gewählt")
    response = staff.post(url(survey, "reach"), {"offerings": [cafe.pk, centre.pk]})
    assert response.status_code == 302
    # One shared "do you know" page, one follow-up page per offering.
    assert Page.objects.filter(survey=survey).count() == 3
    questions = Question.objects.filter(survey=survey)
    assert questions.count() == 6
    assert set(questions.values_list("offering__name", flat=True)) == {
        "Elterncafé",
        "Familienzentrum",
    }
    assert Option.objects.filter(question__survey=survey).count() == 2 * (3 + 6 + 19)
    assert QuestionTranslation.objects.filter(question__survey=survey, language="ar").count() == 6


def test_the_reach_block_lists_the_districts_published_running_offerings_by_category(
    staff, survey, district_a, district_b
):
    OfferingFactory(district=district_a, name="Elterncafé")
    OfferingFactory(district=district_a, name="Beendet", status=Offering.Status.ENDED)
    OfferingFactory(
        district=district_a, name="Vorschlag", review_status=Offering.ReviewStatus.PENDING
    )
    OfferingFactory(district=district_b, name="Fremdes Angebot")
    response = staff.get(url(survey, "reach"))
    content = response.content.decode()
    assert "Elterncafé" in content
    assert "Beendet" not in content
    assert "Vorschlag" not in content
    assert "Fremdes Angebot" not in content
    assert "Familienzentrum" in content  # the category heading


def test_an_offering_of_another_district_can_never_be_chosen(staff, survey, district_b):
    foreign = OfferingFactory(district=district_b)
    response = staff.post(url(survey, "reach"), {"offerings": [foreign.pk]})
    assert response.status_code == 200
    assert "offerings" in response.context["form"].errors
    assert not Question.objects.filter(survey=survey).exists()


def test_the_reach_block_needs_at_least_one_offering(staff, survey):
    response = staff.post(url(survey, "reach"), {})
    assert response.context["form"].errors["offerings"]
    assert not Page.objects.filter(survey=survey).exists()


def test_an_offering_already_asked_about_is_not_offered_again(staff, survey, district_a):
    cafe = OfferingFactory(district=district_a, name="Elterncafé")
    staff.post(url(survey, "reach"), {"offerings": [cafe.pk]})
    response = staff.get(url(survey, "reach"))
    assert cafe not in response.context["form"].fields["offerings"].queryset


def test_the_family_block_adds_one_page_of_optional_questions(staff, survey, district_a):
    AreaFactory(district=district_a, level=Area.Level.BEZIRKSREGION, code="040101", name="Westend")
    district_a.family_languages.set(Language.objects.filter(key__in=["de", "tr", "ar"]))
    response = staff.post(url(survey, "family"))
    assert response.status_code == 302
    assert Page.objects.filter(survey=survey).count() == 1
    questions = Question.objects.filter(survey=survey, block=Question.Block.FAMILY)
    assert questions.count() == 6
    assert not questions.filter(required=True).exists()
    home = questions.get(block_key="home_area")
    assert home.options.filter(text="Westend").exists()
    spoken = questions.get(block_key="languages")
    assert spoken.options.filter(code__startswith="lang_").count() == 3


def test_the_missing_block_adds_a_choice_list_and_a_free_text(staff, survey):
    staff.post(url(survey, "missing"))
    kinds = list(
        Question.objects.filter(survey=survey).order_by("position").values_list("kind", flat=True)
    )
    assert kinds == [Question.Kind.MULTIPLE, Question.Kind.TEXT]
    assert Page.objects.filter(survey=survey).count() == 1


def test_the_family_block_is_added_only_once(staff, survey):
    staff.post(url(survey, "family"))
    response = staff.post(url(survey, "family"))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Page.objects.filter(survey=survey).count() == 1


def test_an_unknown_block_is_not_found(staff, survey):
    assert staff.get(url(survey, "weather")).status_code == 404
    assert staff.post(url(survey, "weather")).status_code == 404


def test_viewers_cannot_add_blocks(client, member, district_a, survey):
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    assert client.get(url(survey, "missing")).status_code == 403
    assert client.post(url(survey, "missing")).status_code == 403
    assert not Question.objects.exists()


def test_a_block_cannot_be_added_to_another_districts_survey(staff, district_b):
    foreign = SurveyFactory(district=district_b, status=Survey.Status.DRAFT)
    assert staff.post(url(foreign, "missing")).status_code == 404
    assert not Question.objects.exists()
