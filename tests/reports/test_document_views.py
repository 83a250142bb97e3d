"""The PDF pages of a snapshot: roles, district scoping, status JSON, downloads, the task.

The real rendering is replaced by a fake here (test_document_pdf renders real PDFs).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

import reports.documents.build
from districts.models import Membership
from reports.models import ReportDocument, ReportSnapshot
from reports.tasks import build_document
from tests.factories import ReportDocumentFactory, ReportSnapshotFactory, SurveyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot(district_a):
    return ReportSnapshotFactory(survey=SurveyFactory(district=district_a, title="Kiez"))


def url(name, snapshot, document="bericht-de", namespace="reports"):
    return reverse(
        f"{namespace}:{name}",
        kwargs={"district": snapshot.district.slug, "snapshot": snapshot.pk, "document": document},
    )


def login(client, district, member, role):
    client.force_login(member(district, role).user)
    return client


@pytest.fixture
def fake_build(monkeypatch):
    built = []

    def fake(document):
        built.append(document.pk)
        document.report_progress(50, "Diagramme 1 von 2")
        document.finish(b"%PDF-1.7 fake", 3)

    monkeypatch.setattr(reports.documents.build, "build_document_pdf", fake)
    return built


def test_staff_have_a_pdf_built_and_then_download_it(
    client, district_a, member, snapshot, fake_build, django_capture_on_commit_callbacks
):
    login(client, district_a, member, Membership.Role.STAFF)
    page = client.get(url("document", snapshot))
    assert page.status_code == 200
    assert "noch nicht erstellt" in page.text  # "has not been made yet"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("document", snapshot, "kurzfassung-en"))

    assert response.status_code == 302
    document = ReportDocument.objects.get(snapshot=snapshot)
    assert (document.kind, document.language, document.status) == ("brief", "en", "ready")
    assert document.requested_by is not None
    assert fake_build == [document.pk]
    status = client.get(url("document_status_json", snapshot, "kurzfassung-en")).json()
    assert status["status"] == "ready"
    assert status["dashboard_url"]
    pdf = client.get(url("document_pdf", snapshot, "kurzfassung-en"))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content == b"%PDF-1.7 fake"
    assert "private" in pdf["Cache-Control"]


def test_viewers_see_the_state_but_may_not_build(client, district_a, member, snapshot):
    login(client, district_a, member, Membership.Role.VIEWER)
    ReportDocumentFactory(
        snapshot=snapshot,
        status=ReportDocument.Status.RUNNING,
        progress=40,
        progress_step="Diagramme 3 von 9",
        pdf=b"",
    )
    page = client.get(url("document", snapshot))
    assert page.status_code == 200
    assert "Diagramme 3 von 9" in page.text
    assert "report-progress.js" in page.text
    assert client.get(url("document_pdf", snapshot)).status_code == 404  # not ready yet
    assert client.post(url("document", snapshot, "bericht-en")).status_code == 403
    assert not ReportDocument.objects.filter(language="en").exists()
    assert client.get(url("document_status_json", snapshot)).json()["progress"] == 40


def test_other_districts_and_unknown_documents_are_not_found(
    client, district_a, district_b, member, snapshot
):
    ReportDocumentFactory(snapshot=snapshot)
    login(client, district_b, member, Membership.Role.COORDINATOR)
    for name in ("document", "document_status_json", "document_pdf"):
        assert client.get(url(name, snapshot)).status_code == 404
    assert client.post(url("document", snapshot)).status_code == 404
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    assert client.get(url("document", snapshot, "bericht-fr")).status_code == 404


def test_a_snapshot_that_is_not_ready_cannot_have_a_pdf(client, district_a, member, snapshot):
    snapshot.status = ReportSnapshot.Status.RUNNING
    snapshot.save(update_fields=["status"])
    login(client, district_a, member, Membership.Role.COORDINATOR)
    response = client.post(url("document", snapshot))
    assert response.status_code == 400
    assert not ReportDocument.objects.exists()


def test_the_public_pdf_exists_only_while_the_snapshot_is_published(
    client, snapshot, coordinator_a
):
    document = ReportDocumentFactory(snapshot=snapshot, pdf=b"%PDF public", sha256="ab" * 32)
    public = url("document_pdf", snapshot, namespace="transparency")
    assert client.get(public).status_code == 404  # a draft

    snapshot.publish(by=coordinator_a.user)
    response = client.get(public)
    assert response.status_code == 200
    assert response.content == b"%PDF public"
    assert response["ETag"] == f'"{document.sha256}"'
    assert response["Cache-Control"] == "public, no-cache"
    again = client.get(public, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert client.post(public).status_code == 405
    assert (
        client.get(url("document_pdf", snapshot, "bericht-en", "transparency")).status_code == 404
    )

    snapshot.unpublish(by=coordinator_a.user, reason="Fehler gefunden")
    assert client.get(public).status_code == 404


def test_the_task_builds_once_and_records_a_failure_with_its_reason(snapshot, monkeypatch):
    document = ReportDocumentFactory(
        snapshot=snapshot, status=ReportDocument.Status.PENDING, pdf=b""
    )
    calls = []

    def broken(doc):
        calls.append(doc.pk)
        raise RuntimeError("kaleido gone")

    monkeypatch.setattr(reports.documents.build, "build_document_pdf", broken)
    build_document.apply(args=[document.pk])
    build_document.apply(args=[document.pk])  # a second delivery: no longer pending

    document.refresh_from_db()
    assert calls == [document.pk]
    assert document.status == ReportDocument.Status.FAILED
    assert "Fehlers im Programm" in document.failure_reason
    assert document.finished_at is not None
