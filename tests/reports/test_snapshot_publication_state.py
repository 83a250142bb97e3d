"""Model layer of #8: publishing freezes a snapshot and leaves a record; PDFs are asked for once.

The pages that drive these (publish views, document views) have their own tests; here the
rules themselves: conditional updates, the event log, the frozen numbers, the task's claim.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

import reports.documents.build
from reports.documents.requests import document_request
from reports.models import PublicationEvent, ReportDocument, ReportSnapshot
from reports.models.publication import publish_blocker
from reports.schema import TABLES_VERSION
from reports.tasks import build_document
from tests.factories import ReportDocumentFactory, ReportSnapshotFactory, UserFactory

pytestmark = pytest.mark.django_db

PROTECTED = {"version": TABLES_VERSION, "disclosure": {"protected_with": [], "blocked_by": []}}


def test_publish_once_withdraw_and_publish_again_keeps_every_event():
    snapshot = ReportSnapshotFactory()
    anna = UserFactory(first_name="Anna", last_name="Koordinatorin")
    snapshot.publish(by=anna)
    with pytest.raises(ValidationError, match="bereits veröffentlicht"):
        snapshot.publish(by=anna)
    assert ReportSnapshot.objects.published().filter(pk=snapshot.pk).count() == 1

    snapshot.unpublish(by=anna, reason="Fehler im Titel")
    with pytest.raises(ValidationError, match="nicht veröffentlicht"):
        snapshot.unpublish(by=anna)
    assert not ReportSnapshot.objects.published().filter(pk=snapshot.pk).exists()
    snapshot.publish(by=anna)

    events = list(
        PublicationEvent.objects.filter(snapshot=snapshot)
        .order_by("pk")
        .values_list("action", "by_name", "reason")
    )
    assert events == [
        ("publish", "Anna Koordinatorin", ""),
        ("unpublish", "Anna Koordinatorin", "Fehler im Titel"),
        ("publish", "Anna Koordinatorin", ""),
    ]
    # The record outlives the account of the person who published.
    anna.delete()
    assert (
        PublicationEvent.objects.filter(snapshot=snapshot, by_name="Anna Koordinatorin").count()
        == 3
    )


def test_only_a_ready_snapshot_can_be_published():
    snapshot = ReportSnapshotFactory(status=ReportSnapshot.Status.PENDING)
    with pytest.raises(ValidationError, match="fertiger Bericht"):
        snapshot.publish(by=UserFactory())
    assert not PublicationEvent.objects.exists()
    assert ReportSnapshot.objects.get(pk=snapshot.pk).published_at is None


def test_a_published_snapshot_refuses_new_numbers():
    snapshot = ReportSnapshotFactory(tables={**PROTECTED, "meta": {"survey_title": "alt"}})
    snapshot.publish(by=UserFactory())
    with pytest.raises(ValueError, match="published"):
        snapshot.finish({"version": 1, "meta": {"survey_title": "neu"}}, "x" * 64)
    assert ReportSnapshot.objects.get(pk=snapshot.pk).tables["meta"]["survey_title"] == "alt"


def test_document_request_queues_a_new_or_failed_document_once(
    monkeypatch, django_capture_on_commit_callbacks
):
    queued: list[int] = []
    monkeypatch.setattr(build_document, "delay", queued.append)
    snapshot = ReportSnapshotFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = document_request(snapshot=snapshot, kind="report", language="de", by=None)
        again = document_request(snapshot=snapshot, kind="report", language="de", by=None)
    assert first.pk == again.pk
    assert queued == [first.pk]
    assert ReportDocument.objects.filter(snapshot=snapshot).count() == 1

    ReportDocument.objects.filter(pk=first.pk).update(status="failed", failure_reason="kaputt")
    with django_capture_on_commit_callbacks(execute=True):
        retried = document_request(snapshot=snapshot, kind="report", language="de", by=None)
    assert (retried.status, retried.failure_reason) == ("pending", "")
    assert queued == [first.pk, first.pk]


@pytest.mark.parametrize(
    ("status", "kind", "message"),
    [("pending", "report", "noch nicht fertig"), ("ready", "poster", "gibt es nicht")],
)
def test_document_request_refuses_unfinished_snapshots_and_unknown_kinds(status, kind, message):
    snapshot = ReportSnapshotFactory(status=status)
    with pytest.raises(ValidationError, match=message):
        document_request(snapshot=snapshot, kind=kind, language="de", by=None)
    assert not ReportDocument.objects.exists()


def test_build_task_claims_once_and_records_a_failure_in_plain_words(monkeypatch):
    calls: list[int] = []

    def explode(document):
        calls.append(document.pk)
        raise RuntimeError("chromium crashed")

    monkeypatch.setattr(reports.documents.build, "build_document_pdf", explode)
    document = ReportDocumentFactory(status="pending", pdf=b"", size=0, pages=0)
    build_document(document.pk)
    build_document(document.pk)  # a second delivery finds the row failed and leaves it
    document.refresh_from_db()
    assert calls == [document.pk]
    assert document.status == "failed"
    assert "Fehlers im Programm" in document.failure_reason
    assert "chromium" not in document.failure_reason


def test_a_report_built_before_protection_across_tables_cannot_be_published():
    snapshot = ReportSnapshotFactory(tables={"version": 1, "meta": {"survey_title": "alt"}})
    with pytest.raises(ValidationError) as error:
        snapshot.publish(by=UserFactory())
    assert error.value.code == "not_protected"
    assert ReportSnapshot.objects.get(pk=snapshot.pk).published_at is None


def test_a_report_not_protected_with_a_published_one_of_its_survey_cannot_be_published():
    first = ReportSnapshotFactory()
    second = ReportSnapshotFactory(survey=first.survey)  # built while first was a draft
    first.publish(by=UserFactory())
    with pytest.raises(ValidationError) as error:
        second.publish(by=UserFactory())
    assert error.value.code == "not_protected_together"
    assert f"#{first.pk}" in error.value.messages[0]
    # Withdrawing the first does not help: its files may have been kept.
    first.unpublish(by=UserFactory())
    with pytest.raises(ValidationError):
        second.publish(by=UserFactory())
    # One protected together with it may be published, next to it or after it.
    third = ReportSnapshotFactory(
        survey=first.survey,
        tables={**PROTECTED, "disclosure": {"protected_with": [first.pk], "blocked_by": []}},
    )
    third.publish(by=UserFactory())
    assert ReportSnapshot.objects.get(pk=third.pk).published_at is not None


def test_too_few_new_answers_since_a_published_report_block_with_their_own_reason():
    first = ReportSnapshotFactory()
    first.publish(by=UserFactory())
    second = ReportSnapshotFactory(
        survey=first.survey,
        tables={**PROTECTED, "disclosure": {"protected_with": [], "blocked_by": [first.pk]}},
    )
    with pytest.raises(ValidationError) as error:
        second.publish(by=UserFactory())
    assert error.value.code == "too_few_new"
    assert publish_blocker(second).startswith("Seit Bericht #")


def test_reports_of_other_surveys_do_not_block():
    ReportSnapshotFactory().publish(by=UserFactory())
    other = ReportSnapshotFactory()
    assert publish_blocker(other) == ""
    other.publish(by=UserFactory())
