"""Retention (issue #18): old free texts go per district's period; raw answers of a closed
survey go after its final report when the district chose so; reports keep their numbers."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from districts.models import District
from reports.models import ReportSnapshot
from surveys.models import Answer, FreeTextTag, Question, Response, RetentionLog, Survey
from surveys.retention import retention_apply, retention_apply_all
from surveys.tasks import apply_retention
from tests import factories as f
from tests.reports.sample_tables import sample_tables

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)
# District A keeps free texts the default 24 months (cut-off 2024-06-15), B only 6 (2025-12-15).
A_OLD, A_KEPT, A_YOUNG = (
    datetime.date(2024, 6, 14),
    datetime.date(2024, 6, 15),
    datetime.date(2025, 1, 1),
)
B_OLD, B_KEPT = datetime.date(2025, 12, 14), datetime.date(2025, 12, 15)


class Texts:
    """A survey with a free-text question and a choice question in one district."""

    def __init__(self, district: District) -> None:
        self.point = f.CollectionPointFactory(survey__district=district)
        self.survey = self.point.survey
        self.free = f.QuestionFactory(page__survey=self.survey, kind=Question.Kind.TEXT)
        self.choice = f.OptionFactory(question__page__survey=self.survey)

    def add(self, day: datetime.date, text: str, *, beside_option: bool = False) -> Answer:
        response = f.ResponseFactory(collection_point=self.point, submitted_on=day)
        if beside_option:
            return f.AnswerFactory(
                response=response, question=self.choice.question, option=self.choice, text=text
            )
        return f.AnswerFactory(response=response, question=self.free, text=text)


def texts() -> set[str]:
    return set(Answer.objects.with_free_text().values_list("text", flat=True))


@pytest.fixture
def two_districts(district_a: District, district_b: District) -> tuple[Texts, Texts]:
    District.objects.filter(pk=district_b.pk).update(free_text_retention_months=6)
    a, b = Texts(district_a), Texts(district_b)
    tag = FreeTextTag.objects.create(survey=a.survey, name="Öffnungszeiten")
    a.add(A_OLD, "A alt").tags.add(tag)
    a.add(A_OLD, "A alt neben Auswahl", beside_option=True)
    a.add(A_KEPT, "A genau 24 Monate")
    a.add(A_YOUNG, "A jünger")
    b.add(B_OLD, "B alt")
    b.add(A_OLD, "B sehr alt")
    b.add(B_KEPT, "B genau 6 Monate")
    return a, b


def test_free_texts_past_each_districts_period_go_and_younger_ones_stay(two_districts):
    a, _b = two_districts
    retention_apply_all(today=TODAY)

    assert texts() == {"A genau 24 Monate", "A jünger", "B genau 6 Monate"}
    # A text beside a choice is emptied, the choice still counts; a text alone goes with its row.
    beside = Answer.objects.get(option=a.choice)
    assert (beside.text, beside.option_id) == ("", a.choice.pk)
    assert Answer.objects.count() == 4
    assert Response.objects.count() == 7
    assert FreeTextTag.answers.through.objects.count() == 0


def test_one_districts_retention_leaves_the_other_district_alone(two_districts, district_a):
    retention_apply(district=district_a, today=TODAY)

    assert {"B alt", "B sehr alt", "B genau 6 Monate"} <= texts()
    assert "A alt" not in texts()
    assert not RetentionLog.objects.exclude(district=district_a).exists()


def test_the_log_holds_counts_only_and_a_second_run_deletes_and_logs_nothing(
    two_districts, district_a, district_b
):
    first = retention_apply_all(today=TODAY)
    again = retention_apply_all(today=TODAY)

    assert again == []
    logs = {
        (log.district.number, log.kind, log.responses, log.answers)
        for log in RetentionLog.objects.all()
    }
    assert logs == {("04", "free_text", 0, 2), ("11", "free_text", 0, 2)}
    assert len(first) == 2
    stored = " ".join(str(value) for value in RetentionLog.objects.values_list())
    assert "alt" not in stored


def test_a_dry_run_prints_what_would_go_and_deletes_nothing(two_districts, capsys):
    before = Answer.objects.count()

    call_command("apply_retention", "--dry-run", "--today", TODAY.isoformat())

    out = capsys.readouterr().out
    assert "04 survey" in out
    assert "would delete 0 responses, 2 answers" in out
    assert "Dry run: 2 entries, 0 responses, 4 answers would delete." in out
    assert Answer.objects.count() == before
    assert not RetentionLog.objects.exists()


def test_the_nightly_task_is_scheduled_and_deletes(two_districts, monkeypatch):
    [entry] = [
        e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == apply_retention.name
    ]
    assert entry["task"] == "surveys.tasks.apply_retention"
    assert str(entry["schedule"].hour) == "{3}"
    # The task runs with today's date; move "today" to the fixed day of these tests.
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: TODAY)

    assert apply_retention.apply().get() == {"responses": 0, "answers": 4}
    assert "A alt" not in texts()


# --- Raw answers after the final report --------------------------------------------------


def closed_with_final(district: District, *, covers_all: bool = True) -> Survey:
    survey = f.SurveyFactory(district=district, status=Survey.Status.CLOSED)
    responses = f.ResponseFactory.create_batch(2, collection_point__survey=survey)
    for response in responses:
        f.AnswerFactory(response=response, text="")
    newest = max(r.pk for r in responses)
    f.ReportSnapshotFactory(
        survey=survey,
        kind=ReportSnapshot.Kind.FINAL,
        last_response_id=newest if covers_all else newest - 1,
    )
    return survey


def test_raw_answers_stay_unless_the_district_chose_and_a_final_report_covers_them(district_a):
    not_chosen = closed_with_final(district_a)
    assert retention_apply(district=district_a, today=TODAY) == []
    District.objects.filter(pk=district_a.pk).update(delete_raw_after_final_snapshot=True)
    district_a.refresh_from_db()
    late_answer = closed_with_final(district_a, covers_all=False)
    still_open = closed_with_final(district_a)
    Survey.objects.filter(pk=still_open.pk).update(status=Survey.Status.OPEN)
    manual_only = closed_with_final(district_a)
    ReportSnapshot.objects.filter(survey=manual_only).update(kind=ReportSnapshot.Kind.MANUAL)

    [item] = retention_apply(district=district_a, today=TODAY)

    assert (item.survey_id, item.responses, item.answers) == (not_chosen.pk, 2, 2)
    assert not Response.objects.filter(survey=not_chosen).exists()
    for kept in (late_answer, still_open, manual_only):
        assert Response.objects.filter(survey=kept).count() == 2


def _without_csrf(content: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def test_deleting_a_closed_surveys_answers_leaves_the_published_report_identical(
    client, district_a
):
    survey = closed_with_final(district_a)
    snapshot = ReportSnapshot.objects.get(survey=survey)
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(tables=sample_tables(survey=survey))
    snapshot.refresh_from_db()
    snapshot.publish(by=f.UserFactory())
    kwargs = {"district": district_a.slug, "snapshot": snapshot.pk}
    pages = [reverse(f"transparency:{name}", kwargs=kwargs) for name in ("report", "export_json")]
    before = [client.get(url) for url in pages]
    assert [r.status_code for r in before] == [200, 200]
    assert b"Familienserviceb" in before[0].content  # the frozen tables are on the page
    District.objects.filter(pk=district_a.pk).update(delete_raw_after_final_snapshot=True)
    district_a.refresh_from_db()

    [item] = retention_apply(district=district_a, today=TODAY)

    assert Response.objects.filter(survey=survey).count() == 0
    assert Answer.objects.filter(question__survey=survey).count() == 0
    after = [client.get(url) for url in pages]
    assert [_without_csrf(r.content) for r in after] == [_without_csrf(r.content) for r in before]
    log = RetentionLog.objects.get()
    assert (log.kind, log.survey_id, log.responses, log.answers) == ("raw", survey.pk, 2, 2)
    assert item.responses == 2
