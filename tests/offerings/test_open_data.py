from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from districts.models import Area
from offerings.models import Offering, OfferingPlace, OfferingResource
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def offerings(district_a, district_b):
    provider = f.StakeholderFactory(
        district=district_a,
        name="Familienzentrum Ost",
        contact_person="Frau Geheim-Kontakt",
        email="geheim@example.org",
        phone="030 999 888",
        notes="Interne Notiz zur Finanzierung",
    )
    area = f.AreaFactory(
        district=district_a, code="04300413", name="Klausenerplatz", level=Area.Level.PLANUNGSRAUM
    )
    shown = f.OfferingFactory(district=district_a, provider=provider, name="Elterncafé")
    OfferingPlace.objects.create(
        offering=shown,
        name="Treff",
        address="Nehringstraße 8",
        area=area,
        latitude=52.52,
        longitude=13.29,
    )
    OfferingResource.objects.create(
        offering=shown, kind=OfferingResource.Kind.BUDGET, amount=4711, funding_source="Geheimtopf"
    )
    f.OfferingFactory(
        district=district_a, provider=provider, name="Pausiert", status=Offering.Status.PAUSED
    )
    f.OfferingFactory(
        district=district_a,
        provider=provider,
        name="Wartet auf Prüfung",
        review_status=Offering.ReviewStatus.PENDING,
    )
    f.OfferingFactory(district=district_b, name="Lichtenberger Angebot")
    return shown


def json_url(district):
    return reverse("offerings:open_data_json", kwargs={"district": district.slug})


def csv_url(district):
    return reverse("offerings:open_data_csv", kwargs={"district": district.slug})


def test_the_json_lists_only_published_active_offerings_of_the_district(
    client, district_a, offerings
):
    document = client.get(json_url(district_a)).json()
    assert [o["name"] for o in document["offerings"]] == ["Elterncafé"]
    place = document["offerings"][0]["places"][0]
    assert place["area"] == {"code": "04300413", "name": "Klausenerplatz"}
    assert (place["latitude"], place["longitude"]) == (52.52, 13.29)
    assert document["offerings"][0]["category"] == {
        "key": "familienzentrum",
        "name": "Familienzentrum",
    }
    assert "Datenlizenz Deutschland" in document["licence"]["name"]
    assert "Bezirksamt Charlottenburg-Wilmersdorf" in document["licence"]["attribution"]
    assert document["generated_at"]


def test_the_json_may_be_fetched_from_any_website_without_login(client, district_a, offerings):
    response = client.get(json_url(district_a))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("url", [json_url, csv_url])
def test_no_contact_person_email_phone_note_or_resource_appears(client, district_a, offerings, url):
    text = client.get(url(district_a)).content.decode("utf-8")
    for secret in (
        "Geheim-Kontakt",
        "geheim@example.org",
        "030 999 888",
        "Interne Notiz",
        "Geheimtopf",
        "4711",
        "Wartet auf Prüfung",
        "Pausiert",
    ):
        assert secret not in text
    assert "@" not in text
    assert "Familienzentrum Ost" in text


def test_the_csv_has_one_row_per_place_with_licence_and_date(client, district_a, offerings):
    response = client.get(csv_url(district_a))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert len(rows) == 1
    assert rows[0]["planungsraum"] == "04300413"
    assert rows[0]["kategorie_key"] == "familienzentrum"
    assert rows[0]["lizenz"].startswith("Datenlizenz Deutschland")
    assert rows[0]["stand"]


@pytest.mark.parametrize("name", ["offerings:open_data_json", "offerings:open_data_csv"])
def test_an_unknown_district_is_404(client, name):
    assert client.get(reverse(name, kwargs={"district": "atlantis"})).status_code == 404
