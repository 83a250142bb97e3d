"""What one seed_demo run leaves: logins, every step of the cycle, the demo banner.

These tests only read, so they share one run (seconds) for the module, inside a transaction
that is rolled back at the end; each test runs in a savepoint of its own.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from pytest_django import DjangoDbBlocker

from districts.models import Area, District, Membership, Stakeholder
from goals.models import ActionGoal, Indicator, Resource
from offerings.models import Offering
from reports.models import ReportSnapshot
from surveys.demo import EARLIER_TITLE
from surveys.models import Response, Survey
from tests.conftest import create_reference_data
from tests.fake_services import fake_browser

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker, tmp_path_factory
) -> Iterator[None]:
    # The PDFs are only asked for (built after a commit, which this never reaches), so any
    # executable counts as the browser.
    browser = fake_browser(tmp_path_factory.mktemp("browser"), "exit 0")
    with django_db_blocker.unblock(), transaction.atomic():
        create_reference_data()
        with override_settings(
            DEBUG=True,
            MITWIRKUNG_DEMO_PDFS=True,
            MITWIRKUNG_DEMO_EARLIER_WAVE=True,
            BROWSER_PATH=browser,
        ):
            call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def district(seeded: None) -> District:
    return District.objects.get(slug="charlottenburg-wilmersdorf")


def test_seed_demo_creates_three_logins_and_marks_the_district(district):
    assert district.has_demo_data
    roles = dict(Membership.objects.filter(district=district).values_list("user__username", "role"))
    assert roles == {"koordination": "coordinator", "fachkraft": "staff", "politik": "viewer"}
    assert get_user_model().objects.get(username="politik").check_password("mitwirkung")


def test_seed_demo_fills_every_step_of_the_demo_district(district):
    assert Area.objects.for_district(district).level(Area.Level.PLANUNGSRAUM).count() == 52
    assert Stakeholder.objects.for_district(district).count() == 15
    goals = ActionGoal.objects.for_district(district)
    assert goals.filter(kind=ActionGoal.Kind.IMPACT).count() == 3
    assert goals.filter(kind=ActionGoal.Kind.ACTION).count() == 8
    assert (
        Indicator.objects.for_district(district).filter(values__isnull=False).distinct().count()
        >= 5
    )
    assert Resource.objects.for_district(district).count() == 7
    assert Offering.objects.for_district(district).active().count() >= 35
    survey = Survey.objects.for_district(district).exclude(title=EARLIER_TITLE).get(is_demo=True)
    assert survey.status == Survey.Status.OPEN
    assert survey.collection_points.count() == 3
    assert 550 <= Response.objects.filter(survey=survey, is_demo=True).count() <= 650
    # The public transparency pages have content on the first `make run`.
    published = ReportSnapshot.objects.published().get(survey=survey)
    assert published.publication_events.get().by.username == "koordination"
    assert set(published.documents.values_list("kind", "language")) == {
        ("report", "de"),
        ("brief", "de"),
    }


def test_demo_districts_say_so_on_every_page(client, district):
    response = client.post("/accounts/login/", {"username": "fachkraft", "password": "mitwirkung"})
    assert response.status_code == 302
    page = client.get(f"/d/{district.slug}/").text
    assert "Demo-Daten" in page


def test_the_demo_report_gives_no_hidden_number_back_to_an_attacker(client, district):
    """Issue 16's finding on the demo: the language views added up to "all", so a number
    hidden in one view came back by subtraction. Now nothing published narrows any hidden
    cell below the minimum group size (tests/reports/attacker.py, a linear program)."""
    import json

    from django.urls import reverse

    from surveys.models import IndicatorLink
    from tests.reports.attacker import Attacker, rows_of

    snapshot = ReportSnapshot.objects.exclude(survey__title=EARLIER_TITLE).get(
        district=district, published_at__isnull=False
    )
    url = reverse(
        "transparency:export_json", kwargs={"district": district.slug, "snapshot": snapshot.pk}
    )
    data = json.loads(client.get(url).content)
    attacker = Attacker(atoms=("demo",))
    attacker.learn_dimensions(data)
    offerings = sorted({int(row["offering_id"]) for row in rows_of(data, "reach")})
    codes = sorted({row["code"] for row in rows_of(data, "barriers")})
    attacker.structure(offerings, codes, areas_used=True)
    link = IndicatorLink.objects.filter(question__survey=snapshot.survey).first()
    attacker.read_json(data, ("demo",), link.question.offering_id if link else None)
    assert len(attacker.hidden) > 100
    # The subtraction of the issue: every language view and "all" side by side.
    languages = [
        row["view_key"]
        for row in rows_of(data, "filters")
        if row["view_key"].startswith("language:")
    ]
    assert len(languages) >= 3
    narrow = [
        (label, low, high) for label, low, high in attacker.intervals() if high - low < 5 - 1e-6
    ]
    assert narrow == []


def test_the_demo_shows_the_whole_loop_of_step_5(client, district):
    """Last year's report → a finding → a decision done → this year's report: the decision
    page and the published report compare both waves; the offering's timeline has it all."""
    from django.urls import reverse

    from offerings.models import OfferingAdaptation
    from reports.models import Decision, Finding

    earlier = ReportSnapshot.objects.published().get(survey__title=EARLIER_TITLE)
    current = ReportSnapshot.objects.published().exclude(pk=earlier.pk).get(district=district)
    decision = Decision.objects.for_district(district).get(status=Decision.Status.DONE)
    finding = decision.findings.get()
    assert finding.snapshot == earlier
    assert finding.figures
    assert Finding.objects.for_district(district).waiting().count() >= 1
    assert Decision.objects.for_district(district).overdue().count() == 1
    change = OfferingAdaptation.objects.get(source=f"decision:{decision.pk}")
    assert change.changed_on == decision.done_on

    section = current.tables["changes"]
    assert [entry["title"] for entry in section] == [decision.title]
    points = section[0]["evidence"]["points"]
    assert [(p["snapshot"], p["role"]) for p in points] == [
        (earlier.pk, "before"),
        (current.pk, "after"),
    ]
    # The published cells of both reports, unchanged: the number before is the earlier
    # report's own.
    row = next(r for r in section[0]["evidence"]["rows"] if r["view"] == "all")
    published = next(
        f["columns"][row["column"]][row["stage"]]
        for f in earlier.tables["reach"]["funnel"]["all"]
        if f["offering"] == change.offering_id
    )
    assert {k: v for k, v in row["cells"][0].items() if k != "base"} == published

    client.post("/accounts/login/", {"username": "politik", "password": "mitwirkung"})
    page = client.get(
        reverse("reports:decision", kwargs={"district": district.slug, "decision": decision.pk})
    ).text
    assert "evidence-table" in page
    assert earlier.survey.title in page
    public = client.get(
        reverse("transparency:report", kwargs={"district": district.slug, "snapshot": current.pk})
    ).text
    assert decision.title in public
    assert "doc-changes" in public
    # Internal comments never reach the public report.
    for comment in finding.comments.all():
        assert comment.text not in public
    timeline = client.get(
        reverse(
            "offerings:detail",
            kwargs={"district": district.slug, "offering": change.offering_id},
        )
    ).text
    assert "timeline-change" in timeline
    assert "timeline-finding" in timeline


def test_the_demo_compares_this_cycle_with_last_years(client, district):
    from django.urls import reverse

    from reports.models import StrategyCycle

    closed, current = StrategyCycle.objects.for_district(district).order_by("started_on")
    assert closed.closed_on is not None
    assert current.closed_on is None
    assert closed.summary["reach"]["survey"] == EARLIER_TITLE
    client.post("/accounts/login/", {"username": "politik", "password": "mitwirkung"})
    page = client.get(reverse("reports:cycle", kwargs={"district": district.slug})).text
    assert closed.title in page
    assert current.title in page
