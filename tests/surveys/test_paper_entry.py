"""Staff type in returned paper questionnaires: stored like an online response (channel
"paper"), checked by the same rules, and nothing is stored when anything is wrong."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from districts.models import Membership
from surveys.models import AccessCode, Answer, Question, Response, Survey
from tests import factories as f
from tests.surveys.test_family_fixtures import FamilySurvey, make_family_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(district_a) -> FamilySurvey:
    """The family form's test survey, plus a question shown only to families who do not
    use the offering (the barriers), as on the paper questionnaire."""
    family = make_family_survey(district=district_a)
    family.barriers = f.QuestionFactory(
        page=family.pages[1],
        position=1,
        kind=Question.Kind.MULTIPLE,
        text="Was hält Sie ab?",
        show_if_option=family.known_not_used,
    )
    family.too_far = f.OptionFactory(question=family.barriers, position=0, text="Zu weit weg")
    family.no_time = f.OptionFactory(question=family.barriers, position=1, text="Keine Zeit")
    return family


@pytest.fixture
def staff(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    return client


def entry_url(survey: Survey) -> str:
    return reverse(
        "surveys:paper_entry", kwargs={"district": survey.district.slug, "survey": survey.pk}
    )


def filled(family: FamilySurvey, **overrides: object) -> dict[str, object]:
    """A complete questionnaire of a family who uses the offering."""
    data: dict[str, object] = {
        "collection_point": family.point.pk,
        "language": "ar",
        family.known.field_name: family.used.pk,
        family.needs.field_name: [family.forms.pk, family.other.pk],
        f"{family.needs.field_name}_other{family.other.pk}": "Hilfe beim Wohnungsamt",
        family.helpful.field_name: family.scale[3].pk,
        family.barriers.field_name: "",
        family.children.field_name: "2",
        family.wish.field_name: "Mehr Angebote am Samstag",
    }
    data.update(overrides)
    return data


def assert_rejected(response, status: int, message: str) -> None:
    assert response.status_code == status
    assert message in response.text
    assert "Es wurde nichts gespeichert." in response.text
    assert Response.objects.count() == 0


# --- storing ---------------------------------------------------------------------------------


def test_a_paper_entry_stores_one_response_with_channel_paper(staff, family):
    response = staff.post(entry_url(family.survey), filled(family))
    assert response.status_code == 302
    stored = Response.objects.get()
    assert stored.channel == Response.Channel.PAPER
    assert stored.collection_point == family.point
    assert stored.language == "ar"
    assert stored.submitted_on == timezone.localdate()
    assert stored.survey == family.survey


def test_a_paper_entry_stores_the_right_answer_rows(staff, family):
    staff.post(entry_url(family.survey), filled(family))
    rows = {
        (a.question_id, a.option_id, a.number, a.text)
        for a in Answer.objects.filter(response=Response.objects.get())
    }
    assert rows == {
        (family.known.pk, family.used.pk, None, ""),
        (family.needs.pk, family.forms.pk, None, ""),
        (family.needs.pk, family.other.pk, None, "Hilfe beim Wohnungsamt"),
        (family.helpful.pk, family.scale[3].pk, None, ""),
        (family.children.pk, None, 2, ""),
        (family.wish.pk, None, None, "Mehr Angebote am Samstag"),
    }


def test_no_answer_on_an_optional_question_stores_no_row(staff, family):
    data = filled(family, **{family.needs.field_name: [], family.wish.field_name: ""})
    data.pop(f"{family.needs.field_name}_other{family.other.pk}")
    assert staff.post(entry_url(family.survey), data).status_code == 302
    questions = set(Answer.objects.values_list("question_id", flat=True))
    assert family.needs.pk not in questions
    assert family.wish.pk not in questions


def test_after_saving_the_form_is_empty_and_keeps_point_and_language(staff, family):
    second = f.CollectionPointFactory(survey=family.survey, label="Kita Sonnenschein")
    response = staff.post(
        entry_url(family.survey), filled(family, collection_point=second.pk), follow=True
    )
    assert "Fragebogen gespeichert (Nr. 1 heute)." in response.text
    assert (
        response.redirect_chain[-1][0]
        == f"{entry_url(family.survey)}?stelle={second.pk}&sprache=ar"
    )
    assert f'<option value="{second.pk}" selected>' in response.text
    assert '<option value="ar" selected>' in response.text
    checked = re.findall(r'id="([^"]+)" value="[^"]*" checked', response.text)
    assert checked == [f"q{family.known.pk}-none", f"q{family.helpful.pk}-none"]
    assert "Mehr Angebote am Samstag" not in response.text


def test_the_success_message_counts_todays_paper_entries(staff, family):
    f.ResponseFactory(collection_point=family.point, channel=Response.Channel.ONLINE)
    staff.post(entry_url(family.survey), filled(family))
    response = staff.post(entry_url(family.survey), filled(family), follow=True)
    assert "Fragebogen gespeichert (Nr. 2 heute)." in response.text


def test_the_first_question_has_the_focus_when_the_place_is_known(staff, family):
    html = staff.get(entry_url(family.survey) + f"?stelle={family.point.pk}").text
    assert f'id="q{family.known.pk}-none" value="" checked autofocus' in html


def test_the_collection_point_has_the_focus_while_it_is_not_chosen(staff, family):
    f.CollectionPointFactory(survey=family.survey, label="Kita Sonnenschein")
    html = staff.get(entry_url(family.survey)).text
    assert re.search(r'<select name="collection_point"[^>]* autofocus', html)
    assert "checked autofocus" not in html


def test_a_survey_with_codes_needs_none_on_paper(staff, family):
    family.survey.requires_access_code = True
    family.survey.save()
    batch = f.AccessCodeBatchFactory(survey=family.survey, size=2)
    assert staff.post(entry_url(family.survey), filled(family)).status_code == 302
    assert Response.objects.count() == 1
    assert AccessCode.objects.filter(batch=batch, is_used=False).count() == 2


def test_a_closed_survey_still_takes_paper_that_came_back_late(staff, family):
    Survey.objects.filter(pk=family.survey.pk).update(status=Survey.Status.CLOSED)
    assert staff.post(entry_url(family.survey), filled(family)).status_code == 302
    assert Response.objects.get().channel == Response.Channel.PAPER


# --- what the page shows ---------------------------------------------------------------------


def test_every_question_is_numbered_as_on_paper_with_its_condition(staff, family):
    html = staff.get(entry_url(family.survey)).text
    for number, question in enumerate(
        [family.known, family.needs, family.helpful, family.barriers, family.children, family.wish],
        start=1,
    ):
        assert f'<span class="paper-no">{number}</span>{question.text}' in html
    assert '<span class="paper-opt-no">3</span> Nutze ich' in html
    assert "nur wenn Frage 1 = „Nutze ich“" in html
    assert "nur wenn Frage 1 = „Kenne ich, nutze ich aber nicht“" in html


def test_the_page_links_the_printable_questionnaire_per_language(staff, family):
    html = staff.get(entry_url(family.survey)).text
    for code in family.survey.language_codes:
        pdf = reverse(
            "surveys:paper_pdf",
            kwargs={
                "district": family.survey.district.slug,
                "survey": family.survey.pk,
                "language": code,
            },
        )
        assert f'href="{pdf}"' in html


def test_only_active_collection_points_and_offered_languages_are_offered(staff, family):
    inactive = f.CollectionPointFactory(survey=family.survey, label="Alt", is_active=False)
    f.CollectionPointFactory(label="Andere Umfrage")
    html = staff.get(entry_url(family.survey)).text
    assert f'value="{family.point.pk}"' in html
    assert f'<option value="{inactive.pk}"' not in html
    assert "Andere Umfrage" not in html
    assert '<option value="uk"' in html
    assert '<option value="tr"' not in html


def test_what_was_typed_is_shown_again_after_an_error(staff, family):
    data = filled(family, **{family.needs.field_name: [family.forms.pk, family.none.pk]})
    html = staff.post(entry_url(family.survey), data).text
    assert f'value="{family.none.pk}" checked' in html
    assert f'value="{family.used.pk}" checked' in html
    assert 'value="Hilfe beim Wohnungsamt"' in html
    assert ">Mehr Angebote am Samstag</textarea>" in html


# --- every bad input is rejected, nothing stored ---------------------------------------------


def test_an_answer_to_a_question_hidden_by_its_condition_is_rejected(staff, family):
    data = filled(family, **{family.barriers.field_name: family.too_far.pk})
    response = staff.post(entry_url(family.survey), data)
    assert_rejected(
        response,
        200,
        "Diese Frage gilt nur, wenn Frage 1 mit „Kenne ich, nutze ich aber nicht“ beantwortet wurde.",
    )
    assert (
        f'<a href="#q{family.barriers.pk}-o{family.too_far.pk}">Frage 4: Diese Frage'
        in response.text
    )


def test_an_answer_to_a_whole_page_hidden_by_its_condition_is_rejected(staff, family):
    data = filled(family, **{family.known.field_name: family.not_known.pk})
    assert_rejected(
        staff.post(entry_url(family.survey), data),
        200,
        "Diese Frage gilt nur, wenn Frage 1 mit „Nutze ich“ beantwortet wurde.",
    )


def test_a_foreign_option_on_a_hidden_question_is_still_a_tampered_post(staff, family):
    data = filled(family, **{family.barriers.field_name: family.forms.pk})
    assert_rejected(
        staff.post(entry_url(family.survey), data),
        400,
        "Dieser Wert ist bei dieser Frage nicht möglich.",
    )


@pytest.mark.parametrize("value", ["other_question", "other_survey", "999999", "abc", "1" * 40])
def test_a_foreign_or_malformed_option_id_is_rejected(staff, family, value):
    foreign = {
        "other_question": family.forms.pk,
        "other_survey": f.OptionFactory().pk,
    }.get(value, value)
    data = filled(family, **{family.known.field_name: foreign})
    assert_rejected(
        staff.post(entry_url(family.survey), data),
        400,
        "Dieser Wert ist bei dieser Frage nicht möglich.",
    )


@pytest.mark.parametrize("name", ["q999999", "q0", "q999999_other1", "q" + "9" * 30])
def test_a_field_of_a_question_not_in_the_survey_is_rejected(staff, family, name):
    assert_rejected(
        staff.post(entry_url(family.survey), filled(family, **{name: "1"})),
        400,
        "Das Formular enthielt eine Antwort auf eine Frage, die nicht zu dieser Umfrage gehört.",
    )


def test_a_question_of_another_survey_is_rejected(staff, family):
    foreign = f.QuestionFactory()
    assert_rejected(
        staff.post(entry_url(family.survey), filled(family, **{foreign.field_name: "x"})),
        400,
        "nicht zu dieser Umfrage gehört",
    )


def test_a_text_over_500_characters_is_rejected(staff, family):
    data = filled(family, **{family.wish.field_name: "x" * 501})
    assert_rejected(
        staff.post(entry_url(family.survey), data),
        400,
        "Der Text ist zu lang: höchstens 500 Zeichen.",
    )


def test_a_text_beside_an_option_over_500_characters_is_rejected(staff, family):
    data = filled(family, **{f"{family.needs.field_name}_other{family.other.pk}": "z" * 501})
    assert_rejected(staff.post(entry_url(family.survey), data), 400, "Der Text ist zu lang")


@pytest.mark.parametrize("value", ["11", "-1", "2.5", "zwei", "99999999999999"])
def test_a_number_out_of_range_or_not_whole_is_rejected(staff, family, value):
    data = filled(family, **{family.children.field_name: value})
    assert_rejected(
        staff.post(entry_url(family.survey), data),
        400,
        "Bitte geben Sie eine ganze Zahl von 0 bis 10 ein.",
    )


def test_several_options_for_a_single_choice_question_are_rejected(staff, family):
    data = filled(family, **{family.known.field_name: [family.used.pk, family.not_known.pk]})
    assert_rejected(
        staff.post(entry_url(family.survey), data),
        400,
        "Bei dieser Frage kann nur eine Antwort eingegeben werden.",
    )


def test_an_exclusive_option_combined_with_others_is_asked_about(staff, family):
    data = filled(family, **{family.needs.field_name: [family.forms.pk, family.none.pk]})
    assert_rejected(
        staff.post(entry_url(family.survey), data),
        200,
        "„Nichts davon“ kann nicht mit anderen Antworten kombiniert werden.",
    )


def test_a_missing_required_answer_is_asked_for(staff, family):
    data = filled(family, **{family.known.field_name: ""})
    response = staff.post(entry_url(family.survey), data)
    assert_rejected(
        response, 200, "Diese Frage muss beantwortet werden; die Umfrage verlangt eine Antwort."
    )
    assert f'<a href="#q{family.known.pk}-none">Frage 1:' in response.text


def test_a_collection_point_of_another_survey_is_rejected(staff, family):
    other = f.CollectionPointFactory(survey=f.SurveyFactory(district=family.survey.district))
    assert_rejected(
        staff.post(entry_url(family.survey), filled(family, collection_point=other.pk)),
        400,
        "Diese Sammelstelle gehört nicht zur Umfrage oder ist nicht mehr aktiv.",
    )


def test_an_inactive_collection_point_is_rejected(staff, family):
    inactive = f.CollectionPointFactory(survey=family.survey, is_active=False)
    response = staff.post(entry_url(family.survey), filled(family, collection_point=inactive.pk))
    assert_rejected(response, 400, "Diese Sammelstelle gehört nicht zur Umfrage")


def test_a_missing_collection_point_is_asked_for(staff, family):
    assert_rejected(
        staff.post(entry_url(family.survey), filled(family, collection_point="")),
        200,
        "Bitte wählen Sie, wo der Fragebogen ausgegeben wurde.",
    )


def test_a_language_the_survey_does_not_offer_is_rejected(staff, family):
    assert_rejected(
        staff.post(entry_url(family.survey), filled(family, language="fa")),
        400,
        "Die Umfrage wird in dieser Sprache nicht angeboten.",
    )


@pytest.mark.parametrize("status", [Survey.Status.DRAFT, Survey.Status.ARCHIVED])
def test_a_draft_or_archived_survey_takes_no_paper(staff, family, status):
    Survey.objects.filter(pk=family.survey.pk).update(status=status)
    page = staff.get(entry_url(family.survey))
    assert page.status_code == 200
    assert 'name="collection_point"' not in page.text
    response = staff.post(entry_url(family.survey), filled(family))
    assert response.status_code == 400
    assert ("noch ein Entwurf" if status == Survey.Status.DRAFT else "archiviert") in response.text
    assert Response.objects.count() == 0


# --- who may ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Membership.Role.VIEWER, Membership.Role.PROVIDER])
def test_readers_may_not_enter_paper(client, member, family, role):
    client.force_login(member(family.survey.district, role).user)
    assert client.get(entry_url(family.survey)).status_code == 403
    assert client.post(entry_url(family.survey), filled(family)).status_code == 403
    assert Response.objects.count() == 0


@pytest.mark.parametrize("role", [Membership.Role.STAFF, Membership.Role.COORDINATOR])
def test_staff_and_coordinators_enter_paper(client, member, family, role):
    client.force_login(member(family.survey.district, role).user)
    assert client.get(entry_url(family.survey)).status_code == 200
    assert client.post(entry_url(family.survey), filled(family)).status_code == 302


def test_a_survey_of_another_district_is_not_found(staff, district_a, district_b):
    other = make_family_survey(district=district_b)
    url = reverse(
        "surveys:paper_entry", kwargs={"district": district_a.slug, "survey": other.survey.pk}
    )
    assert staff.get(url).status_code == 404
    assert (
        staff.post(url, {"collection_point": other.point.pk, "language": "de"}).status_code == 404
    )
    assert staff.get(entry_url(other.survey)).status_code == 404  # not a member of B
    assert Response.objects.count() == 0


def test_anonymous_visitors_are_sent_to_the_login(client, family):
    response = client.get(entry_url(family.survey))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- queries ---------------------------------------------------------------------------------


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_entry_page_needs_the_same_queries_for_a_long_survey(staff, family):
    small = _queries(staff, entry_url(family.survey))
    page = f.PageFactory(survey=family.survey, position=9, title="Mehr")
    for n in range(12):
        question = f.QuestionFactory(
            page=page, kind=Question.Kind.MULTIPLE, show_if_option=family.used
        )
        f.OptionFactory.create_batch(4, question=question, is_other=n % 2 == 0)
    f.CollectionPointFactory.create_batch(
        3,
        survey=family.survey,
        kind="offering",
        offering=f.OfferingFactory(district=family.survey.district),
    )
    assert _queries(staff, entry_url(family.survey)) == small


def test_saving_needs_a_fixed_number_of_queries(staff, family, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        assert staff.post(entry_url(family.survey), filled(family)).status_code == 302
