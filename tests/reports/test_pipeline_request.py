"""snapshot_request: validation before anything is written, one row per identical request."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from reports import tasks
from reports.models import ReportSnapshot
from reports.services import snapshot_request
from tests.factories import CollectionPointFactory, SurveyFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def queued(monkeypatch):
    """The ids handed to the task, instead of running it."""
    ids: list[int] = []
    monkeypatch.setattr(tasks.build_snapshot, "delay", ids.append)
    return ids


@pytest.fixture
def survey(district_a):
    return SurveyFactory(district=district_a, min_group_size=6)


def test_a_request_creates_a_pending_row_and_queues_its_id_after_commit(
    survey, coordinator_a, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        snapshot = snapshot_request(
            survey=survey, by=coordinator_a.user, kind=ReportSnapshot.Kind.MANUAL
        )
        assert queued == []  # not before the row is committed
    assert queued == [snapshot.pk]
    snapshot.refresh_from_db()
    assert snapshot.status == ReportSnapshot.Status.PENDING
    assert snapshot.district == survey.district
    assert snapshot.requested_by == coordinator_a.user
    assert snapshot.min_group_size == 6  # the survey's, stricter than the district's 5


def test_the_district_minimum_applies_when_it_is_stricter(survey, queued):
    survey.district.min_group_size = 8
    survey.district.save(update_fields=["min_group_size"])
    snapshot = snapshot_request(survey=survey, by=None, kind=ReportSnapshot.Kind.MANUAL)
    assert snapshot.min_group_size == 8


def test_an_identical_request_while_one_is_waiting_reuses_it(
    survey, queued, django_capture_on_commit_callbacks
):
    point = CollectionPointFactory(survey=survey)
    inputs = {
        "survey": survey,
        "by": None,
        "kind": ReportSnapshot.Kind.MANUAL,
        "period_start": D(2026, 5, 1),
        "collection_points": [point.pk],
    }
    with django_capture_on_commit_callbacks(execute=True):
        first = snapshot_request(**inputs)
        second = snapshot_request(**inputs)
    assert second.pk == first.pk
    assert queued == [first.pk]
    assert ReportSnapshot.objects.count() == 1


def test_a_running_snapshot_is_reused_but_a_ready_one_is_not(survey, queued):
    running = snapshot_request(survey=survey, by=None, kind=ReportSnapshot.Kind.MANUAL)
    assert running.claim()
    assert snapshot_request(survey=survey, by=None, kind=ReportSnapshot.Kind.MANUAL) == running
    ReportSnapshot.objects.filter(pk=running.pk).update(status=ReportSnapshot.Status.READY)
    fresh = snapshot_request(survey=survey, by=None, kind=ReportSnapshot.Kind.MANUAL)
    assert fresh.pk != running.pk
    assert ReportSnapshot.objects.count() == 2


def test_other_inputs_make_a_second_row(survey, queued):
    first = snapshot_request(survey=survey, by=None, kind=ReportSnapshot.Kind.MANUAL)
    second = snapshot_request(
        survey=survey, by=None, kind=ReportSnapshot.Kind.MANUAL, min_group_size=10
    )
    assert second.pk != first.pk
    assert second.min_group_size == 10


def _errors(**kwargs) -> dict[str, list[str]]:
    with translation.override("de"), pytest.raises(ValidationError) as caught:
        snapshot_request(by=None, kind=ReportSnapshot.Kind.MANUAL, **kwargs)
    return caught.value.message_dict


def test_a_period_that_ends_before_it_starts_is_refused_and_nothing_is_written(survey, queued):
    errors = _errors(survey=survey, period_start=D(2026, 6, 1), period_end=D(2026, 5, 31))
    assert errors == {"period_end": ["Der Zeitraum kann nicht enden, bevor er beginnt."]}
    assert ReportSnapshot.objects.count() == 0
    assert queued == []


def test_a_collection_point_of_another_survey_is_refused(survey, queued):
    other = CollectionPointFactory(survey=SurveyFactory(district=survey.district))
    errors = _errors(survey=survey, collection_points=[other.pk])
    assert errors == {"collection_points": ["Wählen Sie nur Sammelstellen dieser Umfrage."]}
    assert ReportSnapshot.objects.count() == 0


def test_a_minimum_group_size_below_the_surveys_is_refused(survey, queued):
    errors = _errors(survey=survey, min_group_size=5)
    assert errors == {
        "min_group_size": [
            "Die Mindestgruppengröße muss mindestens 6 sein, wie Umfrage und Bezirk es verlangen."
        ]
    }
    assert ReportSnapshot.objects.count() == 0


def test_collection_points_are_stored_sorted_as_ids(survey, queued):
    one, two = CollectionPointFactory(survey=survey), CollectionPointFactory(survey=survey)
    snapshot = snapshot_request(
        survey=survey, by=None, kind=ReportSnapshot.Kind.MANUAL, collection_points=[two, one]
    )
    assert snapshot.collection_points == [one.pk, two.pk]


def test_a_request_lost_half_an_hour_ago_fails_and_no_longer_blocks_a_new_one(survey, queued):
    lost = snapshot_request(survey=survey, by=None, kind=ReportSnapshot.Kind.MANUAL)
    ReportSnapshot.objects.filter(pk=lost.pk).update(
        requested_at=timezone.now() - datetime.timedelta(minutes=31)
    )
    fresh = snapshot_request(survey=survey, by=None, kind=ReportSnapshot.Kind.MANUAL)
    assert fresh.pk != lost.pk
    lost.refresh_from_db()
    assert lost.status == ReportSnapshot.Status.FAILED
    assert lost.failure_reason == (
        "Der Bericht wurde nicht rechtzeitig fertig. Bitte erstellen Sie ihn noch einmal."
    )
