"""The real build end to end: idempotent, records survey-fed indicator values once, rebuilds
at night only when the data changed, and builds a final snapshot when a survey closes."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from goals.models import Indicator, IndicatorValue
from reports.models import ReportSnapshot
from reports.services import (
    snapshot_build,
    snapshot_fingerprint,
    snapshot_request,
    snapshots_rebuild_open_surveys,
)
from reports.tasks import build_snapshot, rebuild_open_surveys
from surveys import blocks
from surveys.models import IndicatorLink, Survey
from tests.factories import (
    ActionGoalFactory,
    AnswerFactory,
    CollectionPointFactory,
    IndicatorFactory,
    OfferingFactory,
    ResponseFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
LATE_MAY = D(2026, 5, 20)


def answer(survey: Survey, point, code: str, on: datetime.date = LATE_MAY) -> None:
    known = survey.questions.get(block_key="known")
    response = ResponseFactory(survey=survey, collection_point=point, submitted_on=on)
    AnswerFactory(response=response, question=known, option=known.options.get(code=code), text="")


@pytest.fixture
def survey(district_a) -> Survey:
    """15 families answered "do you know the family centre?": 5 use it, 5 know it, 5 do not.

    An indicator counts "know it" + "use it": 10 of 15 = 66.7 %. (No group is smaller than
    5, so the linked protection hides nothing the indicator needs.)
    """
    survey = SurveyFactory(district=district_a, title="Familienumfrage 2026")
    offering = OfferingFactory(district=district_a, name="Familienzentrum am Park")
    blocks.add_reach_block(survey, [offering])
    point = CollectionPointFactory(survey=survey)
    for code, times in (("used", 5), ("known_not_used", 5), ("not_known", 5)):
        for day in range(times):
            answer(survey, point, code, D(2026, 5, 10 + day))
    indicator = IndicatorFactory(
        goal=ActionGoalFactory(district=district_a),
        name="Familien, die das Familienzentrum kennen",
        source=Indicator.Source.SURVEY,
    )
    known = survey.questions.get(block_key="known")
    link = IndicatorLink.objects.create(indicator=indicator, question=known)
    link.options.set(known.options.filter(code__in=["known_not_used", "used"]))
    return survey


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what a request queued after commit, as the web process would."""

    def run(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return run


def request(on_commit, survey, kind=ReportSnapshot.Kind.MANUAL) -> ReportSnapshot:
    snapshot = on_commit(snapshot_request, survey=survey, by=None, kind=kind)
    snapshot.refresh_from_db()
    return snapshot


def test_the_task_builds_a_ready_snapshot_and_records_the_indicator_value(survey, on_commit):
    snapshot = request(on_commit, survey)
    assert snapshot.status == ReportSnapshot.Status.READY
    assert snapshot.tables["meta"]["respondents"] == {"n": 15}
    assert snapshot.tables["meta"]["last_answer_on"] == "2026-05-14"
    value = IndicatorValue.objects.get(indicator__name="Familien, die das Familienzentrum kennen")
    assert value.value == 66.7
    assert value.measured_on == D(2026, 5, 14)  # the newest answer, not the day of the build
    assert value.source_note == "Umfrage Familienumfrage 2026, Stand 14.05.2026"


def test_running_the_task_twice_gives_one_snapshot_and_one_value(survey, on_commit):
    snapshot = request(on_commit, survey)
    tables = snapshot.tables
    build_snapshot.apply(args=[snapshot.pk])
    snapshot.refresh_from_db()
    assert ReportSnapshot.objects.count() == 1
    assert snapshot.tables == tables
    assert IndicatorValue.objects.filter(indicator__survey_link__isnull=False).count() == 1


def test_rebuilding_the_same_snapshot_gives_equal_tables_and_no_second_value(survey, on_commit):
    snapshot = request(on_commit, survey)
    first = snapshot.tables
    snapshot_build(snapshot=snapshot)
    again = snapshot.tables
    # The only difference: the district's series now holds the value the first build recorded.
    series = next(row for row in again["indicators"] if "from_survey" in row)
    assert ["2026-05-14", 66.7] in series["values"]
    series["values"].remove(["2026-05-14", 66.7])
    assert again == first
    assert IndicatorValue.objects.filter(indicator__survey_link__isnull=False).count() == 1


def test_a_snapshot_of_one_collection_point_records_no_district_value(survey, on_commit):
    point = survey.collection_points.get()
    on_commit(
        snapshot_request,
        survey=survey,
        by=None,
        kind=ReportSnapshot.Kind.MANUAL,
        collection_points=[point.pk],
    )
    assert ReportSnapshot.objects.get().is_ready
    assert not IndicatorValue.objects.filter(indicator__survey_link__isnull=False).exists()


def test_the_fingerprint_changes_with_a_new_response_and_with_the_inputs(survey, on_commit):
    snapshot = request(on_commit, survey)
    assert snapshot_fingerprint(snapshot) == snapshot.fingerprint
    answer(survey, survey.collection_points.get(), "used")
    assert snapshot_fingerprint(snapshot) != snapshot.fingerprint
    other = ReportSnapshot(survey=survey, district=survey.district, min_group_size=9)
    assert snapshot_fingerprint(other) != snapshot_fingerprint(snapshot)


def test_the_nightly_job_skips_unchanged_surveys_and_rebuilds_changed_ones(survey, on_commit):
    first = on_commit(rebuild_open_surveys.apply).get()
    assert len(first) == 1
    nightly = ReportSnapshot.objects.get(pk=first[0])
    assert nightly.kind == ReportSnapshot.Kind.NIGHTLY
    assert nightly.is_ready
    # Nothing changed: the value the build recorded does not count as a change.
    assert on_commit(rebuild_open_surveys.apply).get() == []
    assert ReportSnapshot.objects.count() == 1
    answer(survey, survey.collection_points.get(), "used", D(2026, 5, 21))
    second = on_commit(rebuild_open_surveys.apply).get()
    assert len(second) == 1
    rebuilt = ReportSnapshot.objects.get(pk=second[0])
    assert rebuilt.is_ready
    assert rebuilt.tables["meta"]["respondents"] == {"n": 16}


def test_the_nightly_job_leaves_closed_and_draft_surveys_alone(survey, on_commit):
    survey.status = Survey.Status.CLOSED
    survey.save()
    SurveyFactory(district=survey.district, status=Survey.Status.DRAFT)
    assert on_commit(snapshots_rebuild_open_surveys) == []
    assert ReportSnapshot.objects.count() == 0


def test_closing_a_survey_builds_a_final_snapshot(survey, on_commit):
    on_commit(survey.move_to, status=Survey.Status.CLOSED)
    final = ReportSnapshot.objects.get()
    assert final.kind == ReportSnapshot.Kind.FINAL
    assert final.requested_by is None
    assert final.is_ready
    assert final.tables["meta"]["respondents"] == {"n": 15}


def test_closing_a_survey_in_a_rolled_back_transaction_builds_nothing(survey):
    # No commit, no final snapshot: the callbacks of the test's transaction never run.
    survey.move_to(Survey.Status.CLOSED)
    assert ReportSnapshot.objects.count() == 0


def test_a_coordinator_closing_the_survey_on_its_page_gets_the_final_snapshot(
    client, coordinator_a, survey, django_capture_on_commit_callbacks
):
    client.force_login(coordinator_a.user)
    url = reverse("surveys:status", kwargs={"district": survey.district.slug, "survey": survey.pk})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"to": Survey.Status.CLOSED}).status_code == 302
    final = ReportSnapshot.objects.get(survey=survey)
    assert final.kind == ReportSnapshot.Kind.FINAL
    assert final.is_ready
