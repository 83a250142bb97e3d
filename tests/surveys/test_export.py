from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from districts.models import Membership
from surveys.models import Question, Response
from tests import factories as f

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 5, 6)


@pytest.fixture
def survey(district_a):
    return f.SurveyFactory(district=district_a)


@pytest.fixture
def questions(survey):
    """Builder order: page 0 holds the choice questions, page 1 the number and the text."""
    first = f.PageFactory(survey=survey, position=0)
    second = f.PageFactory(survey=survey, position=1)
    text = f.QuestionFactory(page=second, position=1, kind=Question.Kind.TEXT, text="Was fehlt?")
    number = f.QuestionFactory(
        page=second, position=0, kind=Question.Kind.NUMBER, text="Wie viele Kinder?"
    )
    multiple = f.QuestionFactory(
        page=first, position=1, kind=Question.Kind.MULTIPLE, text="Was erschwert es?"
    )
    single = f.QuestionFactory(
        page=first, position=0, kind=Question.Kind.SINGLE, text="Kennen Sie das Elterncafé?"
    )
    return {"single": single, "multiple": multiple, "number": number, "text": text}


@pytest.fixture
def options(questions):
    return {
        "used": f.OptionFactory(question=questions["single"], text="Nutze ich", position=2),
        "known": f.OptionFactory(question=questions["single"], text="Kenne ich", position=1),
        "far": f.OptionFactory(question=questions["multiple"], text="Zu weit weg", position=0),
        "times": f.OptionFactory(
            question=questions["multiple"], text="Zeiten passen nicht", position=1
        ),
        "other": f.OptionFactory(
            question=questions["multiple"], text="Etwas anderes", position=2, is_other=True
        ),
    }


def respond(survey, questions, options, *, reviewed=True, day=DAY, point=None):
    point = point or f.CollectionPointFactory(survey=survey, kind="event", label="Kiezfest")
    response = f.ResponseFactory(
        collection_point=point, submitted_on=day, language="ar", channel="online"
    )
    make = f.AnswerFactory
    make(response=response, question=questions["single"], option=options["used"], text="")
    # Created out of order on purpose: the export sorts by the options' positions.
    make(
        response=response,
        question=questions["multiple"],
        option=options["other"],
        text="Keine Betreuung",
        text_reviewed=reviewed,
    )
    make(response=response, question=questions["multiple"], option=options["far"], text="")
    make(response=response, question=questions["number"], number=3, text="")
    make(
        response=response,
        question=questions["text"],
        text="=Mehr Sprechstunden",
        text_reviewed=reviewed,
    )
    return response


def export_url(survey, kind="csv"):
    return reverse(
        f"surveys:export_{kind}", kwargs={"district": survey.district.slug, "survey": survey.pk}
    )


@pytest.fixture
def coordinator(client, coordinator_a):
    client.force_login(coordinator_a.user)
    return client


def read_csv(response):
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Membership.Role.VIEWER, 403),
        (Membership.Role.PROVIDER, 403),
        (Membership.Role.STAFF, 403),
        (Membership.Role.COORDINATOR, 200),
    ],
)
def test_only_coordinators_export(client, survey, member, role, status):
    client.force_login(member(survey.district, role).user)
    assert client.get(export_url(survey, "csv")).status_code == status
    assert client.get(export_url(survey, "xlsx")).status_code == status


def test_outsider_gets_404_for_the_export(client, survey, district_b, member):
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)
    assert client.get(export_url(survey)).status_code == 404


def test_the_export_is_a_download_and_not_a_post_target(coordinator, survey):
    response = coordinator.get(export_url(survey))
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Type"].startswith("text/csv")
    assert coordinator.post(export_url(survey)).status_code == 405


def test_csv_is_german_excel_with_bom_and_semicolons(coordinator, survey, questions, options):
    respond(survey, questions, options)
    rows = read_csv(coordinator.get(export_url(survey)))
    assert rows[0] == [
        "Nr.",
        "Datum",
        "Sammelstelle",
        "Kanal",
        "Sprache",
        "Kennen Sie das Elterncafé?",
        "Was erschwert es?",
        "Wie viele Kinder?",
        "Was fehlt?",
    ]
    with translation.override("de"):
        channel = str(Response.Channel.ONLINE.label)
    assert rows[1][:5] == ["1", "06.05.2025", "Kiezfest", channel, "Arabisch"]


def test_reviewed_texts_are_exported_and_multiple_choice_is_joined(
    coordinator, survey, questions, options
):
    respond(survey, questions, options, reviewed=True)
    row = read_csv(coordinator.get(export_url(survey)))[1]
    assert row[5] == "Nutze ich"
    assert row[6] == "Zu weit weg | Etwas anderes: Keine Betreuung"
    assert row[7] == "3"
    # A text starting with "=" is written so that Excel does not run it as a formula.
    assert row[8] == "'=Mehr Sprechstunden"


def test_unreviewed_texts_stay_out_of_the_export(coordinator, survey, questions, options):
    respond(survey, questions, options, reviewed=False)
    content = coordinator.get(export_url(survey)).content.decode("utf-8-sig")
    row = read_csv(coordinator.get(export_url(survey)))[1]
    assert row[6] == "Zu weit weg | Etwas anderes"
    assert row[8] == ""
    assert "Keine Betreuung" not in content
    assert "Sprechstunden" not in content


def test_one_row_per_response_oldest_first_with_a_running_number(
    coordinator, survey, questions, options
):
    point = f.CollectionPointFactory(survey=survey)
    for offset in (3, 1, 2):
        respond(survey, questions, options, day=DAY + datetime.timedelta(days=offset), point=point)
    f.ResponseFactory()  # another survey
    rows = read_csv(coordinator.get(export_url(survey)))
    assert len(rows) == 4
    assert [r[0] for r in rows[1:]] == ["1", "2", "3"]
    assert [r[1] for r in rows[1:]] == ["07.05.2025", "08.05.2025", "09.05.2025"]


def test_an_unanswered_question_is_an_empty_cell(coordinator, survey, questions, options):
    f.ResponseFactory(collection_point__survey=survey)
    row = read_csv(coordinator.get(export_url(survey)))[1]
    assert row[5:] == ["", "", "", ""]


def test_xlsx_opens_with_openpyxl_and_keeps_texts_as_text(coordinator, survey, questions, options):
    respond(survey, questions, options)
    response = coordinator.get(export_url(survey, "xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][5] == "Kennen Sie das Elterncafé?"
    assert rows[1][0] == 1
    assert rows[1][1].date() == DAY
    assert rows[1][6] == "Zu weit weg | Etwas anderes: Keine Betreuung"
    assert rows[1][7] == 3
    assert rows[1][8] == "'=Mehr Sprechstunden"  # quoted as in CSV (spreadsheet_safety)
    assert sheet.cell(row=2, column=9).data_type == "s"


def test_questions_with_the_same_text_get_distinct_headers(coordinator, survey):
    page = f.PageFactory(survey=survey)
    f.QuestionFactory(page=page, text="Wie hilfreich war es?")
    f.QuestionFactory(page=page, text="Wie hilfreich war es?")
    header = read_csv(coordinator.get(export_url(survey)))[0]
    assert header[5:] == ["Wie hilfreich war es?", "Wie hilfreich war es? (2)"]


def test_the_export_needs_no_query_per_response(
    coordinator, survey, questions, options, django_assert_max_num_queries
):
    respond(survey, questions, options)
    with django_assert_max_num_queries(12) as few:
        coordinator.get(export_url(survey))
    point = f.CollectionPointFactory(survey=survey, kind="place", place=f.OfferingPlaceFactory())
    for _ in range(15):
        respond(survey, questions, options, point=point)
    with django_assert_max_num_queries(len(few.captured_queries)):
        coordinator.get(export_url(survey, "xlsx"))
