"""The public transparency pages: only published, ready snapshots, readable without login."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import ReportSnapshot
from tests.factories import (
    ReportDocumentFactory,
    ReportSnapshotFactory,
    SurveyFactory,
    UserFactory,
)
from tests.reports.sample_tables import sample_tables

pytestmark = pytest.mark.django_db


def make_snapshot(district, *, title="Was erreicht Familien im Kiez?", **fields):
    survey = SurveyFactory(district=district, title=title)
    snapshot = ReportSnapshotFactory(survey=survey, tables=sample_tables(survey=survey), **fields)
    ReportDocumentFactory(snapshot=snapshot, kind="report", language="de")
    return snapshot


def published(district, **fields):
    snapshot = make_snapshot(district, **fields)
    snapshot.publish(by=UserFactory())
    return snapshot


def addresses(snapshot):
    kwargs = {"district": snapshot.district.slug, "snapshot": snapshot.pk}
    return {
        "report": reverse("transparency:report", kwargs=kwargs),
        "pdf": reverse("transparency:document_pdf", kwargs={**kwargs, "document": "bericht-de"}),
        "json": reverse("transparency:export_json", kwargs=kwargs),
    }


def draft(district, state):
    """A snapshot the public must not see, in each way a snapshot can be not public."""
    if state == "withdrawn":
        snapshot = published(district, title="Geheimer Entwurf")
        snapshot.unpublish(by=UserFactory(), reason="Zu früh")
        return snapshot
    if state == "ready_unpublished":
        return make_snapshot(district, title="Geheimer Entwurf")
    snapshot = make_snapshot(district, title="Geheimer Entwurf")
    # A build that is not finished (or failed) even though someone set published_at by hand.
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(status=state, published_at=timezone.now())
    return snapshot


@pytest.mark.parametrize(
    "state", ["pending", "running", "failed", "ready_unpublished", "withdrawn"]
)
def test_drafts_and_withdrawn_reports_are_nowhere_on_the_public_pages(client, district_a, state):
    snapshot = draft(district_a, state)

    index = client.get(reverse("transparency:index"))
    assert index.status_code == 200
    assert district_a.name not in index.content.decode()
    page = client.get(reverse("transparency:district", kwargs={"district": district_a.slug}))
    assert page.status_code == 200
    assert "Geheimer Entwurf" not in page.content.decode()
    assert "noch keinen Bericht veröffentlicht" in page.content.decode()
    for name, url in addresses(snapshot).items():
        assert client.get(url).status_code == 404, name


def test_a_published_report_is_readable_without_login(client, district_a):
    snapshot = published(district_a)
    urls = addresses(snapshot)

    index = client.get(reverse("transparency:index")).content.decode()
    assert district_a.name in index
    assert "1 Bericht" in index
    listing = client.get(reverse("transparency:district", kwargs={"district": district_a.slug}))
    text = listing.content.decode()
    assert "Was erreicht Familien im Kiez?" in text
    assert "Familien, die geantwortet haben: 120" in text
    assert f'href="{urls["report"]}"' in text
    assert f'href="{urls["pdf"]}"' in text

    report = client.get(urls["report"])
    assert report.status_code == 200
    body = report.content.decode()
    assert "Was erreicht Familien im Kiez?" in body
    assert "Familienservicebüro" in body  # an offering of the frozen tables
    assert "weniger als 5" in body  # suppressed cells are marked, not blank
    assert "Vorschau" not in body
    assert client.get(urls["pdf"]).status_code == 200
    assert client.get(urls["json"]).status_code == 200


def test_a_demo_report_says_so_on_the_public_pages(client, district_a):
    tables_demo = published(district_a)
    tables = tables_demo.tables
    tables["meta"]["is_demo"] = True
    ReportSnapshot.objects.filter(pk=tables_demo.pk).update(tables=tables, is_demo=True)

    listing = client.get(reverse("transparency:district", kwargs={"district": district_a.slug}))
    assert "Demo-Daten" in listing.content.decode()
    report = client.get(addresses(tables_demo)["report"])
    assert "Demo-Daten" in report.content.decode()


def test_unknown_district_is_404_and_a_quiet_district_has_a_friendly_empty_page(client, district_b):
    assert client.get("/transparenz/gibt-es-nicht/").status_code == 404
    page = client.get(reverse("transparency:district", kwargs={"district": district_b.slug}))
    assert page.status_code == 200
    assert f"{district_b.name} hat noch keinen Bericht veröffentlicht" in page.content.decode()
    empty = client.get(reverse("transparency:index")).content.decode()
    assert "Noch kein Bezirk hat einen Bericht veröffentlicht" in empty


def test_a_report_of_another_district_is_404_under_this_districts_address(
    client, district_a, district_b
):
    snapshot = published(district_b)
    url = reverse(
        "transparency:report", kwargs={"district": district_a.slug, "snapshot": snapshot.pk}
    )
    assert client.get(url).status_code == 404


def test_public_pages_answer_only_get_and_head(client, district_a):
    snapshot = published(district_a)
    urls = [
        reverse("transparency:index"),
        reverse("transparency:district", kwargs={"district": district_a.slug}),
        addresses(snapshot)["report"],
    ]
    for url in urls:
        assert client.post(url, {}).status_code == 405, url
        assert client.head(url).status_code == 200, url


def test_the_public_pages_use_a_fixed_number_of_queries(
    client, district_a, district_b, django_assert_max_num_queries
):
    for district in (district_a, district_a, district_b):
        published(district)
    # index: one grouped query; district page: district, snapshots, documents.
    with django_assert_max_num_queries(1):
        assert client.get(reverse("transparency:index")).status_code == 200
    with django_assert_max_num_queries(3):
        page = client.get(reverse("transparency:district", kwargs={"district": district_a.slug}))
    assert page.content.decode().count("Bericht lesen") == 2
