"""Sharing and publishing a snapshot: who may, what the confirmation shows, what is recorded."""

from __future__ import annotations

import pytest
from django.urls import reverse

from districts.models import Membership
from reports import tasks
from reports.exports.tables import table_catalogue
from reports.models import PublicationEvent, ReportDocument, ReportSnapshot
from reports.services import snapshot_build, snapshot_request
from surveys.models import Response
from tests.factories import (
    MembershipFactory,
    ReportDocumentFactory,
    ReportSnapshotFactory,
    SurveyFactory,
)
from tests.reports.conftest import DAY
from tests.reports.sample_tables import sample_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot(district_a):
    survey = SurveyFactory(district=district_a, title="Was erreicht Familien im Kiez?")
    return ReportSnapshotFactory(survey=survey, tables=sample_tables(survey=survey))


@pytest.fixture
def queued(monkeypatch):
    """PDFs handed to the task, instead of building them."""
    ids: list[int] = []
    monkeypatch.setattr(tasks.build_document, "delay", ids.append)
    return ids


def url(name, snapshot, district=None):
    district = district or snapshot.district
    return reverse(f"reports:{name}", kwargs={"district": district.slug, "snapshot": snapshot.pk})


def login(client, district, role):
    membership = MembershipFactory(district=district, role=role)
    client.force_login(membership.user)
    return membership.user


@pytest.mark.parametrize(
    ("role", "get_status", "post_status"),
    [
        (Membership.Role.COORDINATOR, 200, 302),
        (Membership.Role.STAFF, 403, 403),
        (Membership.Role.VIEWER, 403, 403),
    ],
)
def test_only_coordinators_publish(client, snapshot, role, get_status, post_status):
    login(client, snapshot.district, role)
    assert client.get(url("publish", snapshot)).status_code == get_status
    assert client.post(url("publish", snapshot), {"confirm": "on"}).status_code == post_status
    assert ReportSnapshot.objects.published().exists() == (post_status == 302)


def test_a_coordinator_of_another_district_gets_404(client, snapshot, district_b):
    login(client, district_b, Membership.Role.COORDINATOR)
    for name in ("snapshot_share", "publish", "unpublish", "public_preview"):
        assert client.get(url(name, snapshot)).status_code == 404, name
        assert client.get(url(name, snapshot, district_b)).status_code == 404, name
    assert client.post(url("publish", snapshot, district_b), {"confirm": "on"}).status_code == 404
    assert not ReportSnapshot.objects.published().exists()


def test_the_confirmation_shows_exactly_what_becomes_public(client, snapshot):
    ReportDocumentFactory(snapshot=snapshot, kind="report", language="en")
    login(client, snapshot.district, Membership.Role.COORDINATOR)
    page = client.get(url("publish", snapshot)).content.decode()

    public = f"/transparenz/{snapshot.district.slug}/{snapshot.pk}/"
    assert f"http://testserver{public}" in page
    assert url("public_preview", snapshot) in page
    assert "Transparenzbericht (Englisch) – fertig" in page
    assert "Transparenzbericht (Deutsch) – wird jetzt erstellt" in page
    assert "Kurzfassung (eine Seite) (Deutsch) – wird jetzt erstellt" in page
    assert "Kurzfassung (eine Seite) (Englisch)" not in page
    assert dict(table_catalogue())["reach"] in page  # the data files' tables, by title
    assert "120" in page  # families behind the numbers
    assert "weniger als 5" in page
    assert "Freitexte" in page
    assert "Kontaktdaten" in page
    assert 'name="confirm"' in page


def test_without_the_tick_nothing_is_published(client, snapshot, queued):
    login(client, snapshot.district, Membership.Role.COORDINATOR)
    response = client.post(url("publish", snapshot), {})
    assert response.status_code == 400
    assert "Bitte bestätigen Sie" in response.content.decode()
    snapshot.refresh_from_db()
    assert snapshot.published_at is None
    assert not PublicationEvent.objects.exists()
    assert not ReportDocument.objects.exists()
    assert queued == []


def test_publishing_records_who_and_orders_the_german_pdfs(
    client, snapshot, queued, django_capture_on_commit_callbacks
):
    user = login(client, snapshot.district, Membership.Role.COORDINATOR)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("publish", snapshot), {"confirm": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == url("snapshot_share", snapshot)
    assert "Der Bericht ist veröffentlicht" in response.content.decode()

    snapshot.refresh_from_db()
    assert snapshot.published_by == user
    event = PublicationEvent.objects.get()
    assert (event.action, event.by, event.by_name) == ("publish", user, user.get_full_name())
    documents = ReportDocument.objects.filter(snapshot=snapshot).order_by("kind")
    assert list(documents.values_list("kind", "language")) == [("brief", "de"), ("report", "de")]
    assert sorted(queued) == sorted(documents.values_list("pk", flat=True))


def test_a_second_publish_changes_nothing(client, snapshot, queued):
    login(client, snapshot.district, Membership.Role.COORDINATOR)
    client.post(url("publish", snapshot), {"confirm": "on"})
    again = client.post(url("publish", snapshot), {"confirm": "on"}, follow=True)
    assert "bereits veröffentlicht" in again.content.decode()
    assert PublicationEvent.objects.count() == 1


def test_an_unfinished_report_cannot_be_published(client, district_a, queued):
    pending = ReportSnapshotFactory(
        survey=SurveyFactory(district=district_a), status=ReportSnapshot.Status.PENDING
    )
    login(client, district_a, Membership.Role.COORDINATOR)
    share = client.get(url("snapshot_share", pending)).content.decode()
    assert url("publish", pending) not in share
    assert 'name="confirm"' not in client.get(url("publish", pending)).content.decode()
    response = client.post(url("publish", pending), {"confirm": "on"})
    assert response.status_code == 400
    assert "Nur ein fertiger Bericht" in response.content.decode()
    assert not PublicationEvent.objects.exists()
    assert not ReportDocument.objects.exists()


def test_withdrawing_keeps_the_record_with_the_reason(client, snapshot, queued):
    snapshot.publish(by=None)
    user = login(client, snapshot.district, Membership.Role.COORDINATOR)
    page = client.get(url("unpublish", snapshot))
    assert page.status_code == 200
    response = client.post(url("unpublish", snapshot), {"reason": "Titel war falsch"})
    assert response.status_code == 302

    public = reverse(
        "transparency:report", kwargs={"district": snapshot.district.slug, "snapshot": snapshot.pk}
    )
    client.logout()
    assert client.get(public).status_code == 404
    withdrawn = PublicationEvent.objects.get(action="unpublish")
    assert (withdrawn.by, withdrawn.reason) == (user, "Titel war falsch")

    client.force_login(user)
    history = client.get(url("snapshot_share", snapshot)).content.decode()
    assert "Titel war falsch" in history
    assert user.get_full_name() in history
    assert "Zurückgezogen" in history
    assert "Veröffentlicht" in history


@pytest.mark.parametrize("role", [Membership.Role.STAFF, Membership.Role.VIEWER])
def test_only_coordinators_withdraw(client, snapshot, role):
    snapshot.publish(by=None)
    login(client, snapshot.district, role)
    assert client.post(url("unpublish", snapshot), {"reason": "x"}).status_code == 403
    assert ReportSnapshot.objects.published().count() == 1


def test_viewers_see_the_share_page_and_the_preview_but_no_buttons(client, snapshot):
    ReportDocumentFactory(snapshot=snapshot, kind="brief", language="de")
    login(client, snapshot.district, Membership.Role.VIEWER)
    share = client.get(url("snapshot_share", snapshot))
    assert share.status_code == 200
    text = share.content.decode()
    assert url("publish", snapshot) not in text
    assert (
        'action="'
        + reverse(
            "reports:document",
            kwargs={
                "district": snapshot.district.slug,
                "snapshot": snapshot.pk,
                "document": "bericht-de",
            },
        )
        not in text
    )
    assert (
        reverse(
            "reports:document_pdf",
            kwargs={
                "district": snapshot.district.slug,
                "snapshot": snapshot.pk,
                "document": "kurzfassung-de",
            },
        )
        in text
    )
    assert (
        reverse(
            "reports:export_csv",
            kwargs={"district": snapshot.district.slug, "snapshot": snapshot.pk, "table": "reach"},
        )
        in text
    )

    preview = client.get(url("public_preview", snapshot))
    assert preview.status_code == 200
    assert "Vorschau – noch nicht öffentlich" in preview.content.decode()
    assert "Familienservicebüro" in preview.content.decode()


def test_a_published_report_keeps_its_numbers_when_the_survey_is_built_again(
    survey_example, coordinator_a, django_capture_on_commit_callbacks
):
    survey = survey_example.survey
    first = ReportSnapshotFactory(survey=survey, status=ReportSnapshot.Status.PENDING)
    first.claim()
    snapshot_build(snapshot=first)
    first.publish(by=coordinator_a.user)
    frozen = ReportSnapshot.objects.get(pk=first.pk).tables
    assert frozen["meta"]["respondents"] == {"n": 30}

    Response.objects.create(
        survey=survey, collection_point=survey_example.p1, language="de", submitted_on=DAY
    )
    with django_capture_on_commit_callbacks(execute=True):
        again = snapshot_request(
            survey=survey, by=coordinator_a.user, kind=ReportSnapshot.Kind.MANUAL
        )
    again.refresh_from_db()
    assert again.pk != first.pk
    assert again.is_ready
    assert again.tables["meta"]["respondents"] == {"n": 31}
    # The published row is untouched, and refuses a rebuild of its own.
    assert ReportSnapshot.objects.get(pk=first.pk).tables == frozen
    with pytest.raises(ValueError, match="published"):
        snapshot_build(snapshot=ReportSnapshot.objects.get(pk=first.pk))
    assert ReportSnapshot.objects.get(pk=first.pk).tables == frozen
