"""The build task: claims once, retries database errors, ends failed with a reason otherwise.

The computation is replaced by small fakes here; test_pipeline_build runs the real one.
"""

from __future__ import annotations

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError
from django.utils import translation

import reports.aggregation
from reports.models import ReportSnapshot
from reports.tasks import build_snapshot
from tests.factories import ReportSnapshotFactory, SurveyFactory

pytestmark = pytest.mark.django_db

TABLES = {"version": 1, "meta": {"survey_title": "Test"}, "indicators": []}


@pytest.fixture
def pending(district_a) -> ReportSnapshot:
    return ReportSnapshotFactory(
        survey=SurveyFactory(district=district_a), status=ReportSnapshot.Status.PENDING
    )


@pytest.fixture
def build(monkeypatch):
    """build(*outcomes): each call of build_tables takes the next outcome (raise or return)."""
    calls: list[int] = []

    def install(*outcomes):
        remaining = list(outcomes)

        def fake(snapshot, progress):
            calls.append(snapshot.pk)
            progress(50, "Halbzeit")
            outcome = remaining.pop(0) if len(remaining) > 1 else remaining[0]
            if isinstance(outcome, BaseException):
                raise outcome
            return outcome

        monkeypatch.setattr(reports.aggregation, "build_tables", fake)
        return calls

    return install


def _run(snapshot_id: int) -> ReportSnapshot:
    build_snapshot.apply(args=[snapshot_id])
    return ReportSnapshot.objects.get(pk=snapshot_id)


def test_a_pending_snapshot_ends_ready_with_the_tables(pending, build):
    build(TABLES)
    snapshot = _run(pending.pk)
    assert snapshot.status == ReportSnapshot.Status.READY
    assert snapshot.tables == TABLES
    assert snapshot.progress == 100
    assert len(snapshot.fingerprint) == 64
    assert snapshot.started_at is not None
    assert snapshot.finished_at is not None


def test_running_the_task_twice_builds_once(pending, build):
    calls = build(TABLES)
    _run(pending.pk)
    snapshot = _run(pending.pk)
    assert calls == [pending.pk]
    assert snapshot.status == ReportSnapshot.Status.READY
    assert ReportSnapshot.objects.count() == 1


@pytest.mark.parametrize(
    "status",
    [ReportSnapshot.Status.RUNNING, ReportSnapshot.Status.READY, ReportSnapshot.Status.FAILED],
)
def test_a_row_that_is_not_pending_is_left_alone(pending, build, status):
    calls = build(TABLES)
    ReportSnapshot.objects.filter(pk=pending.pk).update(status=status)
    assert _run(pending.pk).status == status
    assert calls == []


def test_a_missing_row_is_no_error(build):
    calls = build(TABLES)
    assert build_snapshot.apply(args=[987654]).get() == 987654
    assert calls == []


def test_a_build_that_raises_ends_failed_with_a_plain_reason(pending, build, caplog):
    build(ZeroDivisionError("division by zero in reach.py"))
    with translation.override("en"):
        snapshot = _run(pending.pk)
    assert snapshot.status == ReportSnapshot.Status.FAILED
    # Stored in German whatever the requesting page's language; no exception text in it.
    assert snapshot.failure_reason.startswith(
        "Der Bericht konnte wegen eines Fehlers im Programm nicht erstellt werden."
    )
    assert "ZeroDivisionError" not in snapshot.failure_reason
    assert "ZeroDivisionError" in caplog.text  # the class is in the log
    assert snapshot.finished_at is not None


def test_a_database_error_is_retried_and_the_retry_builds(pending, build):
    calls = build(OperationalError("server closed the connection"), TABLES)
    snapshot = _run(pending.pk)
    assert calls == [pending.pk, pending.pk]
    assert snapshot.status == ReportSnapshot.Status.READY
    assert snapshot.tables == TABLES


def test_a_database_error_on_every_try_ends_failed_after_three_retries(pending, build):
    calls = build(InterfaceError("connection already closed"))
    snapshot = _run(pending.pk)
    assert len(calls) == 4  # the first try and three retries
    assert snapshot.status == ReportSnapshot.Status.FAILED
    assert snapshot.failure_reason == (
        "Die Datenbank war während der Erstellung des Berichts nicht erreichbar. "
        "Bitte versuchen Sie es später noch einmal."
    )


def test_between_retries_the_row_waits_as_pending(pending, build, monkeypatch):
    seen: list[str] = []
    build(OperationalError("deadlock detected"), TABLES)
    original = ReportSnapshot.claim

    def spy(self):
        seen.append(ReportSnapshot.objects.get(pk=self.pk).status)
        return original(self)

    monkeypatch.setattr(ReportSnapshot, "claim", spy)
    _run(pending.pk)
    assert seen == [ReportSnapshot.Status.PENDING, ReportSnapshot.Status.PENDING]


def test_a_build_past_the_soft_time_limit_ends_failed_as_too_long(pending, build):
    calls = build(SoftTimeLimitExceeded())
    snapshot = _run(pending.pk)
    assert calls == [pending.pk]  # not retried
    assert snapshot.status == ReportSnapshot.Status.FAILED
    assert snapshot.failure_reason == (
        "Die Erstellung des Berichts hat zu lange gedauert. Bitte versuchen Sie es später "
        "noch einmal."
    )


def test_progress_is_written_while_the_build_runs(pending, monkeypatch):
    seen: list[tuple[str, int, str]] = []

    def fake(snapshot, progress):
        progress(40, "Barrieren zählen")
        row = ReportSnapshot.objects.get(pk=snapshot.pk)
        seen.append((row.status, row.progress, row.progress_step))
        return TABLES

    monkeypatch.setattr(reports.aggregation, "build_tables", fake)
    _run(pending.pk)
    assert seen == [(ReportSnapshot.Status.RUNNING, 40, "Barrieren zählen")]


def test_beat_runs_the_nightly_rebuild_at_half_past_two(settings):
    from celery.schedules import crontab

    from mitwirkung.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["rebuild-open-survey-reports"]
    assert entry["task"] in app.tasks
    assert entry["schedule"] == crontab(hour=2, minute=30)
