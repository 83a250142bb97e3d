"""Step 5 through its pages: a finding from a report item, its discussion, a decision, done,
the offering's timeline, and the rules of who may do what."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from districts.models import Membership
from offerings.models import OfferingAdaptation
from reports.models import Decision, Finding, FindingComment
from tests import factories as f
from tests.reports.sample_tables import sample_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(district_a):
    a = f.OfferingFactory(district=district_a, name="Familienservicebüro")
    b = f.OfferingFactory(district=district_a, name="Elterncafé")
    survey = f.SurveyFactory(district=district_a, title="Frühjahr")
    snapshot = f.ReportSnapshotFactory(
        survey=survey, tables=sample_tables(survey=survey, offering_ids=(a.pk, b.pk))
    )
    return {"a": a, "b": b, "snapshot": snapshot}


def _add_url(district, snapshot, kind, key):
    url = reverse("reports:finding_add", kwargs={"district": district.slug})
    return f"{url}?snapshot={snapshot.pk}&kind={kind}&key={key}"


def test_a_finding_from_a_funnel_keeps_the_figures_it_was_made_from(
    client, district_a, member, report
):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    url = _add_url(district_a, report["snapshot"], "funnel", report["a"].pk)

    page = client.get(url)
    assert page.status_code == 200
    assert "Familienservicebüro" in page.content.decode()

    response = client.post(
        url, {"title": "Wenig bekannt bei Familien mit Leistungen", "priority": "high"}
    )
    finding = Finding.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "reports:finding", kwargs={"district": district_a.slug, "finding": finding.pk}
    )
    assert (finding.snapshot, finding.item_kind, finding.offering) == (
        report["snapshot"],
        "funnel",
        report["a"],
    )
    # known by 60 of 120 (50 %), by 15 of 50 with benefits: frozen in both languages.
    assert any("60 (50,0\xa0%)" in figure["de"] for figure in finding.figures)
    assert any("15 (30.0\xa0%)" in figure["en"] for figure in finding.figures)

    # Newer snapshots or a deleted one change nothing on the finding's page.
    report["snapshot"].tables = {}
    report["snapshot"].save()
    detail = client.get(response["Location"]).content.decode()
    assert "60 (50,0\xa0%)" in detail


def test_a_tampered_item_is_a_404_and_writes_nothing(client, district_a, member, report):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    for kind, key in (("funnel", 999999), ("barrier", "nope"), ("secret", "x")):
        url = _add_url(district_a, report["snapshot"], kind, key)
        assert client.post(url, {"title": "x", "priority": "low"}).status_code == 404
    other = f.ReportSnapshotFactory(survey__district=f.District.objects.get(number="11"))
    url = _add_url(district_a, other, "funnel", report["a"].pk)
    assert client.get(url).status_code == 404
    assert Finding.objects.count() == 0


def test_a_finding_by_hand_needs_its_source(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    url = reverse("reports:finding_add", kwargs={"district": district_a.slug})
    response = client.post(url, {"title": "Eltern wünschen Abendtermine", "priority": "medium"})
    assert response.status_code == 200
    assert Finding.objects.count() == 0
    client.post(
        url,
        {"title": "Eltern wünschen Abendtermine", "priority": "medium", "source": "Elternabend"},
    )
    assert Finding.objects.get().source == "Elternabend"


def test_only_coordinators_choose_what_is_public(client, district_a, member):
    url = reverse("reports:finding_add", kwargs={"district": district_a.slug})
    data = {"title": "T", "priority": "low", "source": "Konferenz", "is_public": "on"}
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    client.post(url, data)
    client.force_login(member(district_a, Membership.Role.COORDINATOR).user)
    client.post(url, data)
    assert list(Finding.objects.order_by("pk").values_list("is_public", flat=True)) == [
        False,
        True,
    ]


def test_a_comment_notifies_by_a_task_without_its_text(
    client, district_a, member, django_capture_on_commit_callbacks
):
    author = member(district_a, Membership.Role.STAFF).user
    colleague = member(district_a, Membership.Role.VIEWER).user
    outsider = f.MembershipFactory(district=f.District.objects.get(number="11")).user
    finding = f.FindingFactory(district=district_a, title="Wartezeiten")
    client.force_login(author)
    url = reverse(
        "reports:finding_comment", kwargs={"district": district_a.slug, "finding": finding.pk}
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url, {"text": "Bitte vertraulich: Familie K. wartet seit Mai", "notify": [colleague.pk]}
        )
    comment = FindingComment.objects.get()
    assert comment.notified_at is not None
    assert [m.to for m in mail.outbox] == [[colleague.email]]
    assert "Wartezeiten" in mail.outbox[0].subject
    assert "Familie K." not in mail.outbox[0].body
    finding.refresh_from_db()
    assert finding.status == Finding.Status.DISCUSSED
    # A person from another district cannot be named (the form offers members only).
    response = client.post(url, {"text": "x", "notify": [outsider.pk]})
    assert response.status_code == 302
    assert FindingComment.objects.count() == 1


def test_the_notice_task_sends_once(district_a, member):
    from reports.tasks import notify_finding_comment

    colleague = member(district_a, Membership.Role.STAFF).user
    comment = FindingComment.objects.create(
        finding=f.FindingFactory(district=district_a), text="Hallo"
    )
    comment.notify.add(colleague)
    assert notify_finding_comment(comment.pk) == 1
    assert notify_finding_comment(comment.pk) == 0
    assert len(mail.outbox) == 1


def test_decision_done_writes_the_offerings_timeline(client, district_a, member, report):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    finding = f.FindingFactory(district=district_a, title="Wenig bekannt", offering=report["a"])
    add = reverse("reports:decision_add", kwargs={"district": district_a.slug})
    page = client.get(f"{add}?finding={finding.pk}")
    assert page.context["form"].initial["offerings"] == [report["a"].pk]
    response = client.post(
        add,
        {
            "title": "Sprechstunde samstags auf Arabisch",
            "kind": "language",
            "findings": [finding.pk],
            "offerings": [report["a"].pk],
            "due_on": "2026-12-31",
        },
    )
    decision = Decision.objects.get()
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.status == Finding.Status.DECIDED

    progress = reverse(
        "reports:decision_progress", kwargs={"district": district_a.slug, "decision": decision.pk}
    )
    client.post(progress, {"status": "done", "done_on": "2026-11-20"})
    client.post(progress, {"status": "done", "done_on": "2026-11-20"})  # twice: one row
    change = OfferingAdaptation.objects.get()
    assert (change.offering, change.changed_on, change.kind) == (
        report["a"],
        datetime.date(2026, 11, 20),
        "language",
    )

    page = client.get(
        reverse(
            "offerings:detail", kwargs={"district": district_a.slug, "offering": report["a"].pk}
        )
    )
    timeline = [(e.kind, e.title) for e in page.context["timeline"]]
    assert ("change", "Sprechstunde samstags auf Arabisch") in timeline
    assert ("decision", "Sprechstunde samstags auf Arabisch") in timeline
    assert ("finding", "Wenig bekannt") in timeline
    days = [e.on for e in page.context["timeline"]]
    assert days == sorted(days, reverse=True)

    # Back to "in progress": the dated change goes again.
    client.post(progress, {"status": "in_progress"})
    assert OfferingAdaptation.objects.count() == 0


def test_a_decision_must_name_what_changes_and_a_discard_needs_a_reason(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    add = reverse("reports:decision_add", kwargs={"district": district_a.slug})
    response = client.post(add, {"title": "Irgendwas", "kind": "other"})
    assert response.status_code == 200
    assert Decision.objects.count() == 0
    decision = f.DecisionFactory(district=district_a, structure="Kooperationsvertrag")
    progress = reverse(
        "reports:decision_progress", kwargs={"district": district_a.slug, "decision": decision.pk}
    )
    client.post(progress, {"status": "discarded"})
    decision.refresh_from_db()
    assert decision.status == Decision.Status.PLANNED
    client.post(progress, {"status": "discarded", "discard_reason": "Kein Raum verfügbar"})
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DISCARDED
    assert decision.discarded_on is not None


def test_a_decision_cannot_link_another_districts_offering(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    foreign = f.OfferingFactory(district=f.District.objects.get(number="11"))
    add = reverse("reports:decision_add", kwargs={"district": district_a.slug})
    response = client.post(add, {"title": "T", "kind": "other", "offerings": [foreign.pk]})
    assert response.status_code == 200
    assert Decision.objects.count() == 0


def test_the_dashboard_offers_the_lightbulb_to_staff_only(client, district_a, member, report):
    url = reverse(
        "reports:survey_dashboard",
        kwargs={"district": district_a.slug, "survey": report["snapshot"].survey_id},
    )
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    html = client.get(url).content.decode()
    add = reverse("reports:finding_add", kwargs={"district": district_a.slug})
    assert (
        f"{add}?snapshot={report['snapshot'].pk}&amp;kind=funnel&amp;key={report['a'].pk}" in html
    )
    assert "kind=area&amp;key=041001" in html
    assert "kind=barrier&amp;key=" in html
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    assert add not in client.get(url).content.decode()


def test_the_decision_page_shows_the_evidence(client, district_a, member, report):
    later = f.SurveyFactory(district=district_a, title="Herbst")
    tables = sample_tables(survey=later, offering_ids=(report["a"].pk, report["b"].pk))
    tables["meta"]["first_answer_on"] = "2026-09-01"
    tables["meta"]["last_answer_on"] = "2026-10-30"
    tables["reach"]["funnel"]["all"][0]["columns"]["all"]["known"] = {"n": 84, "p": 70.0}
    f.ReportSnapshotFactory(survey=later, tables=tables)
    decision = f.DecisionFactory(
        district=district_a, status=Decision.Status.DONE, done_on=datetime.date(2026, 6, 15)
    )
    decision.offerings.add(report["a"])
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    html = client.get(
        reverse("reports:decision", kwargs={"district": district_a.slug, "decision": decision.pk})
    ).content.decode()
    assert "50,0\xa0%" in html
    assert "70,0\xa0%" in html
    assert "+20,0" in html
    assert 'name="status"' not in html  # viewers read, staff write


def test_the_share_page_says_which_decisions_the_report_shows(client, district_a, member, report):
    snapshot = report["snapshot"]
    snapshot.tables["changes"] = [{"title": "Samstags geöffnet", "evidence": None}]
    snapshot.save()
    f.DecisionFactory(
        district=district_a, title="Samstags geöffnet", is_public=True, status="in_progress"
    )
    f.DecisionFactory(district=district_a, title="Neu öffentlich", is_public=True, status="done")
    f.DecisionFactory(district=district_a, title="Intern", status="done")
    client.force_login(member(district_a, Membership.Role.COORDINATOR).user)
    response = client.get(
        reverse(
            "reports:snapshot_share", kwargs={"district": district_a.slug, "snapshot": snapshot.pk}
        )
    )
    assert response.context["changes_in_report"] == ["Samstags geöffnet"]
    assert response.context["changes_missing"] == 1
    # Shown whether the report is public or not (it once showed only before publishing).
    snapshot.publish(by=response.wsgi_request.user)
    html = client.get(response.wsgi_request.path).content.decode()
    assert 'id="changes-title"' in html
    assert "<li>Samstags geöffnet</li>" in html


def test_the_findings_list_is_newest_first(client, district_a, member):
    older = f.FindingFactory(district=district_a, title="Älter")
    newer = f.FindingFactory(district=district_a, title="Neuer")
    Finding.objects.filter(pk=older.pk).update(created_at=newer.created_at.replace(year=2025))
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    response = client.get(reverse("reports:findings", kwargs={"district": district_a.slug}))
    assert [x.title for x in response.context["findings"]] == ["Neuer", "Älter"]
