"""The paper questionnaire per language (surveys:paper_pdf)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from districts.models import Membership
from surveys.models import (
    CollectionPoint,
    OptionTranslation,
    Question,
    QuestionTranslation,
)
from surveys.print_views import paper_pages
from tests import factories as f
from tests.surveys.test_print_pdf import missing_arabic_words, pdf_text

pytestmark = pytest.mark.django_db

ARABIC = {
    "Wie oft kommen Sie hierher?": "كم مرة تأتون إلى هنا؟",
    "Jede Woche": "كل أسبوع",
    "Jeden Monat": "كل شهر",
    "Seltener": "أقل من ذلك",
    "Was nutzen Sie hier?": "ماذا تستخدمون هنا؟",
    "Das Elterncafé": "مقهى الأهل",
    "Die Beratung": "الاستشارة",
    "Etwas anderes": "شيء آخر",
    "Wie gut gefällt es Ihnen?": "هل يعجبكم المكان؟",
    "Wie viele Kinder kommen mit?": "كم طفلا يأتي معكم؟",
}


def translate(question, options=()):
    QuestionTranslation.objects.create(
        question=question, language="ar", text=ARABIC.get(question.text, "")
    )
    for option in options:
        if option.text in ARABIC:
            OptionTranslation.objects.create(option=option, language="ar", text=ARABIC[option.text])


@pytest.fixture
def survey(district_a):
    survey = f.SurveyFactory(district=district_a, languages=["en", "ar"], min_group_size=7)
    first = f.PageFactory(survey=survey, position=0, title="Ihr Besuch")
    second = f.PageFactory(survey=survey, position=1, title="Mehr dazu")
    often = f.QuestionFactory(page=first, text="Wie oft kommen Sie hierher?", required=True)
    weekly = f.OptionFactory(question=often, text="Jede Woche", position=0)
    monthly = f.OptionFactory(question=often, text="Jeden Monat", position=1)
    rarely = f.OptionFactory(question=often, text="Seltener", position=2)
    translate(often, [weekly, monthly, rarely])
    uses = f.QuestionFactory(page=first, text="Was nutzen Sie hier?", kind=Question.Kind.MULTIPLE)
    translate(
        uses,
        [
            f.OptionFactory(question=uses, text="Das Elterncafé", position=0),
            f.OptionFactory(question=uses, text="Die Beratung", position=1),
            f.OptionFactory(question=uses, text="Etwas anderes", position=2, is_other=True),
        ],
    )
    liked = f.QuestionFactory(
        page=second,
        text="Wie gut gefällt es Ihnen?",
        kind=Question.Kind.SCALE,
        show_if_option=weekly,
    )
    for value, text in enumerate(["Gar nicht", "Wenig", "Etwas", "Gut", "Sehr gut"], start=1):
        f.OptionFactory(question=liked, text=text, value=value, position=value)
    translate(liked)
    children = f.QuestionFactory(
        page=second,
        text="Wie viele Kinder kommen mit?",
        kind=Question.Kind.NUMBER,
        min_value=0,
        max_value=12,
    )
    translate(children)
    # No Arabic translation: shown in German on the Arabic sheet.
    f.QuestionFactory(page=second, text="Was wünschen Sie sich?", kind=Question.Kind.TEXT)
    return survey


def paper_url(survey, language, **query):
    url = reverse(
        "surveys:paper_pdf",
        kwargs={"district": survey.district.slug, "survey": survey.pk, "language": language},
    )
    return url + "".join(f"?{k}={v}" for k, v in query.items())


@pytest.fixture
def staff(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    return client


def test_german_questionnaire_has_every_question_and_option(staff, survey):
    response = staff.get(paper_url(survey, "de"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    for question in Question.objects.filter(survey=survey):
        assert question.text in text
        for option in question.options.all():
            assert option.text in text
    assert "Kreuzen Sie eine Antwort an." in text
    assert "Kreuzen Sie alles an, was passt." in text
    assert "Bitte schreiben Sie keine Namen." in text  # beside the free text
    assert "Schreiben Sie eine Zahl von 0 bis 12." in text


def test_questionnaire_explains_privacy_with_the_surveys_minimum_group_size(staff, survey):
    text = pdf_text(staff.get(paper_url(survey, "de")).content)
    assert "Bezirksamt Charlottenburg-Wilmersdorf" in text
    assert "Die Teilnahme ist freiwillig." in text
    assert "mindestens 7 Personen" in text
    assert "Der Fragebogen ist anonym." in text


def test_conditions_are_written_out_with_the_question_number_and_the_answer(staff, survey):
    text = pdf_text(staff.get(paper_url(survey, "de")).content)
    assert "Nur wenn Sie bei Frage 1 „Jede Woche“ angekreuzt haben." in text


def test_arabic_questionnaire_has_the_arabic_texts_and_german_where_one_is_missing(staff, survey):
    response = staff.get(paper_url(survey, "ar"))
    assert response.status_code == 200
    text = pdf_text(response.content)
    for german, arabic in ARABIC.items():
        assert not missing_arabic_words(arabic, text), german
    assert not missing_arabic_words("طريقة تعبئة الاستمارة", text)  # how to fill it in
    assert "Was wünschen Sie sich?" in text


def test_collection_point_given_is_printed_so_entered_sheets_can_be_attributed(staff, survey):
    point = f.CollectionPointFactory(
        survey=survey, kind=CollectionPoint.Kind.EVENT, label="Sommerfest Klausenerplatz"
    )
    text = pdf_text(staff.get(paper_url(survey, "de", sammelstelle=point.pk)).content)
    assert point.display_code in text
    assert "Geben Sie den Bogen bei Sommerfest Klausenerplatz ab." in text


def test_collection_point_of_another_survey_is_not_found(staff, survey):
    other = f.CollectionPointFactory(survey=f.SurveyFactory(district=survey.district))
    assert staff.get(paper_url(survey, "de", sammelstelle=other.pk)).status_code == 404
    assert staff.get(paper_url(survey, "de", sammelstelle="1x")).status_code == 404


@pytest.mark.parametrize("language", ["tr", "xx"])
def test_language_the_survey_does_not_offer_is_not_found(staff, survey, language):
    assert staff.get(paper_url(survey, language)).status_code == 404


def test_viewer_may_not_print(client, survey, member):
    client.force_login(member(survey.district, Membership.Role.VIEWER).user)
    assert client.get(paper_url(survey, "de")).status_code == 403


def test_survey_of_another_district_is_not_found(staff, district_b):
    other = f.SurveyFactory(district=district_b)
    url = reverse(
        "surveys:paper_pdf",
        kwargs={"district": "charlottenburg-wilmersdorf", "survey": other.pk, "language": "de"},
    )
    assert staff.get(url).status_code == 404


def test_questions_are_numbered_through_the_survey_and_options_by_position(survey):
    pages = paper_pages(survey, "de")
    assert [[q.number for q in page.questions] for page in pages] == [[1, 2], [3, 4, 5]]
    first, uses = pages[0].questions
    assert [o.number for o in first.options] == [1, 2, 3]
    assert first.box == "round"
    assert uses.box == "square"
    assert [o.smiley for o in pages[1].questions[0].steps] == ["s1", "s2", "s3", "s4", "s5"]
    assert pages[1].questions[1].digits == 2
