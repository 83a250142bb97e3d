"""The build form, the progress page and its JSON: roles, districts, what each state shows."""

from __future__ import annotations

import pytest
from django.urls import reverse

import reports.aggregation
from districts.models import Membership
from reports.models import ReportSnapshot
from tests.factories import CollectionPointFactory, ReportSnapshotFactory, SurveyFactory

pytestmark = pytest.mark.django_db

TABLES = {"version": 1, "meta": {"survey_title": "Test"}, "indicators": []}


@pytest.fixture(autouse=True)
def fake_build(monkeypatch):
    monkeypatch.setattr(reports.aggregation, "build_tables", lambda snapshot, progress: TABLES)


@pytest.fixture
def survey(district_a):
    return SurveyFactory(district=district_a, title="Was erreicht Familien?")


def build_url(survey) -> str:
    return reverse("reports:build", kwargs={"district": survey.district.slug, "survey": survey.pk})


def status_url(snapshot) -> str:
    kwargs = {"district": snapshot.district.slug, "snapshot": snapshot.pk}
    return reverse("reports:snapshot_status", kwargs=kwargs)


def json_url(snapshot) -> str:
    kwargs = {"district": snapshot.district.slug, "snapshot": snapshot.pk}
    return reverse("reports:snapshot_status_json", kwargs=kwargs)


def dashboard_url(snapshot) -> str:
    kwargs = {"district": snapshot.district.slug, "survey": snapshot.survey_id}
    return reverse("reports:survey_dashboard", kwargs=kwargs) + f"?snapshot={snapshot.pk}"


def _login(client, member, district, role):
    client.force_login(member(district, role).user)


@pytest.mark.parametrize(
    ("role", "get_status", "post_status"),
    [
        (Membership.Role.VIEWER, 403, 403),
        (Membership.Role.STAFF, 403, 403),
        (Membership.Role.COORDINATOR, 200, 302),
    ],
)
def test_only_coordinators_build_reports(client, member, survey, role, get_status, post_status):
    _login(client, member, survey.district, role)
    assert client.get(build_url(survey)).status_code == get_status
    response = client.post(build_url(survey), {"min_group_size": 5})
    assert response.status_code == post_status
    assert ReportSnapshot.objects.count() == (1 if post_status == 302 else 0)


def test_a_coordinator_of_another_district_gets_404_for_the_form(
    client, member, survey, district_b
):
    _login(client, member, district_b, Membership.Role.COORDINATOR)
    assert client.get(build_url(survey)).status_code == 404
    assert client.post(build_url(survey), {"min_group_size": 5}).status_code == 404


def test_another_districts_survey_under_ones_own_district_is_404(
    client, member, district_a, district_b
):
    _login(client, member, district_a, Membership.Role.COORDINATOR)
    foreign = SurveyFactory(district=district_b)
    url = reverse("reports:build", kwargs={"district": district_a.slug, "survey": foreign.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, {"min_group_size": 5}).status_code == 404
    assert ReportSnapshot.objects.count() == 0


def test_the_form_offers_the_surveys_collection_points_and_its_minimum(client, member, survey):
    mine = CollectionPointFactory(survey=survey, label="Familienzentrum am Park")
    CollectionPointFactory(survey=SurveyFactory(district=survey.district), label="Fremde Stelle")
    survey.min_group_size = 7
    survey.save()
    _login(client, member, survey.district, Membership.Role.COORDINATOR)
    page = client.get(build_url(survey)).content.decode()
    assert "Familienzentrum am Park" in page
    assert f'value="{mine.pk}"' in page
    assert "Fremde Stelle" not in page
    assert 'name="min_group_size" value="7"' in page


def test_posting_the_form_builds_and_goes_to_the_status_page(
    client, member, survey, django_capture_on_commit_callbacks
):
    point = CollectionPointFactory(survey=survey)
    _login(client, member, survey.district, Membership.Role.COORDINATOR)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            build_url(survey),
            {
                "period_start": "2026-05-01",
                "period_end": "2026-06-30",
                "collection_points": [point.pk],
                "min_group_size": 6,
            },
        )
    snapshot = ReportSnapshot.objects.get()
    assert response.status_code == 302
    assert response["Location"] == status_url(snapshot)
    assert snapshot.kind == ReportSnapshot.Kind.MANUAL
    assert snapshot.inputs() == {
        "survey": survey.pk,
        "period_start": "2026-05-01",
        "period_end": "2026-06-30",
        "collection_points": [point.pk],
        "min_group_size": 6,
    }
    # No broker in tests: the task ran eagerly after the commit.
    assert snapshot.status == ReportSnapshot.Status.READY
    assert client.get(status_url(snapshot))["Location"] == dashboard_url(snapshot)


def test_a_period_in_the_wrong_order_is_explained_on_the_form(client, member, survey):
    _login(client, member, survey.district, Membership.Role.COORDINATOR)
    response = client.post(
        build_url(survey),
        {"period_start": "2026-06-30", "period_end": "2026-05-01", "min_group_size": 5},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert response.status_code == 200
    assert "Der Zeitraum kann nicht enden, bevor er beginnt." in response.content.decode()
    assert ReportSnapshot.objects.count() == 0


def test_a_group_size_below_the_surveys_is_refused_by_the_form(client, member, survey):
    _login(client, member, survey.district, Membership.Role.COORDINATOR)
    response = client.post(build_url(survey), {"min_group_size": 3})
    assert response.status_code == 200
    assert response.context["form"].errors["min_group_size"]
    assert ReportSnapshot.objects.count() == 0


def _snapshot(survey, **fields) -> ReportSnapshot:
    return ReportSnapshotFactory(survey=survey, **fields)


def test_the_status_page_of_a_running_build_shows_progress_and_refreshes(client, member, survey):
    snapshot = _snapshot(
        survey, status=ReportSnapshot.Status.RUNNING, progress=40, progress_step="Barrieren zählen"
    )
    _login(client, member, survey.district, Membership.Role.VIEWER)
    page = client.get(status_url(snapshot)).content.decode()
    assert 'aria-valuenow="40"' in page
    assert "Barrieren zählen" in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert "js/report-progress.js" in page
    assert f'data-status-url="{json_url(snapshot)}"' in page


def test_the_status_page_of_a_failed_build_gives_the_reason_and_a_retry_button(
    client, member, survey
):
    snapshot = _snapshot(
        survey,
        status=ReportSnapshot.Status.FAILED,
        failure_reason="Die Erstellung des Berichts hat zu lange gedauert.",
        min_group_size=7,
    )
    _login(client, member, survey.district, Membership.Role.COORDINATOR)
    page = client.get(status_url(snapshot)).content.decode()
    assert "Die Erstellung des Berichts hat zu lange gedauert." in page
    assert f'action="{build_url(survey)}"' in page
    assert 'name="min_group_size" value="7"' in page
    assert "http-equiv" not in page  # a finished build does not refresh
    assert "report-progress.js" not in page


def test_viewers_read_the_reason_but_get_no_retry_button(client, member, survey):
    snapshot = _snapshot(survey, status=ReportSnapshot.Status.FAILED, failure_reason="Zu lange.")
    _login(client, member, survey.district, Membership.Role.VIEWER)
    page = client.get(status_url(snapshot)).content.decode()
    assert "Zu lange." in page
    assert f'action="{build_url(survey)}"' not in page


def test_the_retry_button_builds_the_same_inputs_again(
    client, member, survey, django_capture_on_commit_callbacks
):
    point = CollectionPointFactory(survey=survey)
    failed = _snapshot(
        survey,
        status=ReportSnapshot.Status.FAILED,
        collection_points=[point.pk],
        min_group_size=8,
    )
    _login(client, member, survey.district, Membership.Role.COORDINATOR)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(build_url(survey), {"collection_points": [point.pk], "min_group_size": 8})
    again = ReportSnapshot.objects.exclude(pk=failed.pk).get()
    assert again.inputs() == failed.inputs()
    assert again.is_ready


def test_the_json_says_status_progress_step_and_where_to_go(client, member, survey):
    running = _snapshot(
        survey, status=ReportSnapshot.Status.RUNNING, progress=60, progress_step="Lücken finden"
    )
    ready = _snapshot(survey, status=ReportSnapshot.Status.READY, progress=100)
    failed = _snapshot(survey, status=ReportSnapshot.Status.FAILED, failure_reason="Zu lange.")
    _login(client, member, survey.district, Membership.Role.VIEWER)
    assert client.get(json_url(running)).json() == {
        "status": "running",
        "progress": 60,
        "step": "Lücken finden",
        "reason": "",
        "dashboard_url": None,
    }
    assert client.get(json_url(ready)).json()["dashboard_url"] == dashboard_url(ready)
    assert client.get(json_url(failed)).json() == {
        "status": "failed",
        "progress": 0,
        "step": "",
        "reason": "Zu lange.",
        "dashboard_url": None,
    }


def test_the_status_page_and_json_are_404_for_another_district(client, member, survey, district_b):
    snapshot = _snapshot(survey, status=ReportSnapshot.Status.RUNNING)
    _login(client, member, district_b, Membership.Role.COORDINATOR)
    assert client.get(status_url(snapshot)).status_code == 404
    assert client.get(json_url(snapshot)).status_code == 404
    # … also under one's own district's address.
    kwargs = {"district": district_b.slug, "snapshot": snapshot.pk}
    assert client.get(reverse("reports:snapshot_status", kwargs=kwargs)).status_code == 404
    assert client.get(reverse("reports:snapshot_status_json", kwargs=kwargs)).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client, survey):
    snapshot = _snapshot(survey, status=ReportSnapshot.Status.RUNNING)
    for url in (build_url(survey), status_url(snapshot), json_url(snapshot)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_admin_shows_snapshots_read_only(admin_client, survey):
    snapshot = _snapshot(survey, status=ReportSnapshot.Status.READY, tables={"version": 1})
    assert admin_client.get(reverse("admin:reports_reportsnapshot_changelist")).status_code == 200
    page = admin_client.get(
        reverse("admin:reports_reportsnapshot_change", args=[snapshot.pk])
    ).content.decode()
    assert 'name="_save"' not in page
    assert admin_client.get(reverse("admin:reports_reportsnapshot_add")).status_code == 403
