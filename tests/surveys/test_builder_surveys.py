from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from districts.models import Language, Membership
from surveys.models import Response, Survey
from tests.factories import (
    CollectionPointFactory,
    PageFactory,
    QuestionFactory,
    ResponseFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db


def url(name: str, district, **kwargs: object) -> str:
    return reverse(f"surveys:{name}", kwargs={"district": district.slug, **kwargs})


@pytest.fixture
def login(client, member):
    def as_role(district, role=Membership.Role.STAFF):
        membership = member(district, role)
        client.force_login(membership.user)
        client.user = membership.user
        return client

    return as_role


@pytest.fixture
def survey(district_a):
    return SurveyFactory(district=district_a, status=Survey.Status.DRAFT, title="Was hilft Ihnen?")


def _form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Was erreicht Familien im Kiez?",
        "intro": "Wir möchten wissen, welche Angebote Sie kennen.",
        "opens_on": "2026-03-01",
        "closes_on": "2026-04-30",
        "min_group_size": 5,
        "languages": ["ar", "tr"],
    }
    data.update(overrides)
    return data


# --- who may do what -----------------------------------------------------------------------

READ_ROLES = [Membership.Role.VIEWER, Membership.Role.PROVIDER]


@pytest.mark.parametrize("role", list(Membership.Role))
@pytest.mark.parametrize("name", ["list", "detail", "preview", "translations", "indicator_links"])
def test_every_member_reads_the_survey_pages(login, district_a, survey, role, name):
    page = url(name, district_a) if name == "list" else url(name, district_a, survey=survey.pk)
    assert login(district_a, role).get(page).status_code == 200


@pytest.mark.parametrize("role", READ_ROLES)
@pytest.mark.parametrize("name", ["create", "edit", "delete"])
def test_viewers_and_providers_may_not_build_surveys(login, district_a, survey, role, name):
    client = login(district_a, role)
    page = url(name, district_a) if name == "create" else url(name, district_a, survey=survey.pk)
    assert client.get(page).status_code == 403
    assert client.post(page, _form(title="Geändert")).status_code == 403
    survey.refresh_from_db()
    assert survey.title == "Was hilft Ihnen?"
    assert Survey.objects.count() == 1


def test_staff_create_a_draft_survey_that_remembers_who_made_it(login, district_a):
    client = login(district_a)
    response = client.post(url("create", district_a), _form())
    survey = Survey.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("detail", district_a, survey=survey.pk)
    assert (survey.district, survey.status, survey.created_by) == (
        district_a,
        Survey.Status.DRAFT,
        client.user,
    )
    assert survey.language_codes == ["de", "tr", "ar"]


def test_a_new_survey_preselects_the_districts_family_languages(login, district_a):
    district_a.family_languages.set(Language.objects.filter(key__in=["de", "ar", "uk", "dgs"]))
    response = login(district_a).get(url("create", district_a))
    form = response.context["form"]
    assert sorted(form.initial["languages"]) == ["ar", "uk"]
    assert "de" not in dict(form.fields["languages"].choices)


def test_german_is_always_offered_and_the_form_says_so(login, district_a):
    response = login(district_a).get(url("create", district_a))
    assert "Einfacher Sprache" in response.content.decode()
    assert "immer" in str(response.context["form"].fields["languages"].help_text)


def test_a_survey_may_not_go_below_the_districts_minimum_group_size(login, district_a):
    district_a.min_group_size = 8
    district_a.save()
    response = login(district_a).post(url("create", district_a), _form(min_group_size=6))
    assert response.status_code == 200
    assert "8" in response.context["form"].errors["min_group_size"][0]
    assert not Survey.objects.exists()


def test_an_unknown_language_is_refused(login, district_a):
    response = login(district_a).post(url("create", district_a), _form(languages=["xx"]))
    assert "languages" in response.context["form"].errors
    assert not Survey.objects.exists()


def test_staff_edit_a_survey(login, district_a, survey):
    response = login(district_a).post(
        url("edit", district_a, survey=survey.pk), _form(title="Neuer Titel", languages=[])
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.title, survey.language_codes) == ("Neuer Titel", ["de"])


def test_staff_delete_a_draft_without_answers(login, district_a, survey):
    PageFactory(survey=survey)
    response = login(district_a).post(url("delete", district_a, survey=survey.pk))
    assert response.status_code == 302
    assert not Survey.objects.exists()


@pytest.mark.parametrize("status", [Survey.Status.OPEN, Survey.Status.CLOSED])
def test_a_survey_that_is_not_a_draft_cannot_be_deleted(login, district_a, status):
    survey = SurveyFactory(district=district_a, status=status)
    client = login(district_a)
    page = client.get(url("delete", district_a, survey=survey.pk))
    assert "Archivieren" in page.content.decode() or "archivieren" in page.content.decode()
    assert client.post(url("delete", district_a, survey=survey.pk)).status_code == 400
    assert Survey.objects.filter(pk=survey.pk).exists()


def test_a_draft_with_answers_cannot_be_deleted(login, district_a, survey):
    ResponseFactory(collection_point=CollectionPointFactory(survey=survey))
    assert login(district_a).post(url("delete", district_a, survey=survey.pk)).status_code == 400
    assert Response.objects.count() == 1


# --- status ----------------------------------------------------------------------------------


def test_a_coordinator_opens_a_survey_with_questions(login, district_a, survey):
    QuestionFactory(page=PageFactory(survey=survey))
    client = login(district_a, Membership.Role.COORDINATOR)
    response = client.post(url("status", district_a, survey=survey.pk), {"to": "open"})
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
    page = client.get(response["Location"])
    assert "geöffnet" in page.content.decode()


def test_a_survey_without_questions_does_not_open_and_the_coordinator_is_told(
    login, district_a, survey
):
    client = login(district_a, Membership.Role.COORDINATOR)
    response = client.post(url("status", district_a, survey=survey.pk), {"to": "open"}, follow=True)
    survey.refresh_from_db()
    assert survey.status == Survey.Status.DRAFT
    with translation.override("de"):
        expected = translation.gettext("A survey needs at least one question before it opens.")
    shown = [(m.level_tag, str(m)) for m in response.context["messages"]]
    assert shown == [("error", expected)]


def test_a_transition_the_workflow_does_not_allow_is_refused(login, district_a, survey):
    client = login(district_a, Membership.Role.COORDINATOR)
    client.post(url("status", district_a, survey=survey.pk), {"to": "archived"}, follow=True)
    survey.refresh_from_db()
    assert survey.status == Survey.Status.DRAFT


def test_an_unknown_status_is_a_bad_request(login, district_a, survey):
    client = login(district_a, Membership.Role.COORDINATOR)
    assert client.post(url("status", district_a, survey=survey.pk), {"to": "x"}).status_code == 400


@pytest.mark.parametrize("role", [Membership.Role.STAFF, *READ_ROLES])
def test_only_coordinators_change_the_status(login, district_a, role):
    survey = SurveyFactory(district=district_a, status=Survey.Status.OPEN)
    client = login(district_a, role)
    assert (
        client.post(url("status", district_a, survey=survey.pk), {"to": "closed"}).status_code
        == 403
    )
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN


def test_staff_see_the_status_but_no_buttons(login, district_a, survey):
    content = login(district_a).get(url("detail", district_a, survey=survey.pk)).content.decode()
    assert "Entwurf" in content
    assert 'name="to"' not in content


def test_coordinators_see_only_the_allowed_status_buttons(login, district_a):
    survey = SurveyFactory(district=district_a, status=Survey.Status.CLOSED)
    response = login(district_a, Membership.Role.COORDINATOR).get(
        url("detail", district_a, survey=survey.pk)
    )
    buttons = {a["to"] for a in response.context["status_actions"]}
    assert buttons == {"open", "archived"}
    assert 'value="archived"' in response.content.decode()


# --- outsiders and list -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["detail", "edit", "delete", "preview", "translations"])
def test_outsiders_get_404_for_another_districts_survey(login, district_a, district_b, name):
    foreign = SurveyFactory(district=district_b)
    client = login(district_a, Membership.Role.COORDINATOR)
    assert client.get(url(name, district_a, survey=foreign.pk)).status_code == 404
    assert client.get(url(name, district_b, survey=foreign.pk)).status_code == 404


def test_the_list_shows_only_the_districts_surveys_with_their_counts(login, district_a, district_b):
    survey = SurveyFactory(district=district_a, title="Unsere Umfrage")
    page = PageFactory(survey=survey)
    QuestionFactory.create_batch(3, page=page)
    point = CollectionPointFactory(survey=survey)
    ResponseFactory.create_batch(2, collection_point=point)
    SurveyFactory(district=district_b, title="Fremde Umfrage")
    response = login(district_a, Membership.Role.VIEWER).get(url("list", district_a))
    content = response.content.decode()
    assert "Unsere Umfrage" in content
    assert "Fremde Umfrage" not in content
    listed = response.context["surveys"][0]
    assert (listed.question_count, listed.response_count) == (3, 2)
    assert "Neue Umfrage" not in content


def test_the_list_needs_the_same_queries_for_one_or_many_surveys(
    login, district_a, django_assert_max_num_queries
):
    client = login(district_a)
    for _ in range(6):
        survey = SurveyFactory(district=district_a)
        QuestionFactory(page=PageFactory(survey=survey))
        ResponseFactory(collection_point=CollectionPointFactory(survey=survey))
    with django_assert_max_num_queries(8):
        assert client.get(url("list", district_a)).status_code == 200


def test_the_district_navigation_links_the_surveys(login, district_a):
    content = login(district_a).get(url("list", district_a)).content.decode()
    assert f'href="{url("list", district_a)}"' in content
    assert 'aria-current="page"' in content
