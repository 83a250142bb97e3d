from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from districts.models import Membership
from mitwirkung.legal.models import BarrierReport
from mitwirkung.legal.tasks import remind_due_barrier_reports
from tests.factories import BarrierReportFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_anyone_can_report_a_barrier_and_the_coordinators_are_told(
    client, coordinator_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("legal:barrier_report"),
            {
                "description": "Die Tabelle ist mit dem Screenreader nicht lesbar.",
                "page_url": "/d/charlottenburg-wilmersdorf/",
                "district": coordinator_a.district.pk,
                "email": "leserin@example.org",
            },
            REMOTE_ADDR="203.0.113.9",
            HTTP_USER_AGENT="Mozilla/5.0 Test",
        )
    assert response.status_code == 302
    report = BarrierReport.objects.get()
    assert report.received_on == timezone.localdate()
    assert report.status == BarrierReport.Status.OPEN
    stored = " ".join(str(v) for v in BarrierReport.objects.values().get().values())
    assert "203.0.113.9" not in stored
    assert "Mozilla" not in stored
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [coordinator_a.user.email]
    assert "Screenreader" in mail.outbox[0].body


def test_a_report_without_text_is_refused_in_german(client):
    response = client.post(reverse("legal:barrier_report"), {"description": ""})
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich" in response.text
    assert BarrierReport.objects.count() == 0


def test_a_bot_filling_the_hidden_field_stores_nothing(client):
    response = client.post(
        reverse("legal:barrier_report"), {"description": "spam", "website": "http://spam.example"}
    )
    assert response.status_code == 302
    assert BarrierReport.objects.count() == 0


def test_coordinator_answers_and_the_reporter_gets_the_answer(client, coordinator_a):
    report = BarrierReportFactory(district=coordinator_a.district)
    client.force_login(coordinator_a.user)
    client.post(
        reverse("legal:barrier_report_answer", kwargs={"barrier_report": report.pk}),
        {"answer": "Wir haben die Tabelle mit Überschriften versehen."},
    )
    report.refresh_from_db()
    assert report.status == BarrierReport.Status.ANSWERED
    assert report.answered_by == coordinator_a.user
    assert mail.outbox[0].to == ["melderin@example.org"]
    assert "Überschriften" in mail.outbox[0].body


def test_staff_may_not_see_the_reports(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    assert client.get(reverse("legal:barrier_report_list")).status_code == 403


def test_coordinators_see_reports_of_their_district_only_superusers_see_all(
    client, coordinator_a, district_b
):
    own = BarrierReportFactory(district=coordinator_a.district, description="eigener Bezirk")
    BarrierReportFactory(district=district_b, description="anderer Bezirk")
    BarrierReportFactory(district=None, description="ohne Bezirk")
    assert list(BarrierReport.objects.for_user(coordinator_a.user)) == [own]
    assert BarrierReport.objects.for_user(UserFactory(is_superuser=True)).count() == 3
    client.force_login(coordinator_a.user)
    page = client.get(reverse("legal:barrier_report_list")).text
    assert "eigener Bezirk" in page
    assert "anderer Bezirk" not in page


def test_overdue_reports_are_marked_in_the_list(client, coordinator_a):
    BarrierReportFactory(
        district=coordinator_a.district,
        received_on=timezone.localdate() - datetime.timedelta(days=40),
    )
    client.force_login(coordinator_a.user)
    assert "Überfällig" in client.get(reverse("legal:barrier_report_list")).text


def test_the_reminder_task_reminds_once_a_day_about_reports_near_the_deadline(coordinator_a):
    today = timezone.localdate()
    BarrierReportFactory(
        district=coordinator_a.district, received_on=today - datetime.timedelta(days=25)
    )
    BarrierReportFactory(
        district=coordinator_a.district, received_on=today - datetime.timedelta(days=2)
    )
    assert remind_due_barrier_reports() == 1
    assert remind_due_barrier_reports() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [coordinator_a.user.email]
