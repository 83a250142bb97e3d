from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from districts.area_views import SESSION_KEY
from districts.models import Area, AreaIndicatorValue, District, Membership

pytestmark = pytest.mark.django_db

GOOD = b"id,name\n0410,Charlottenburg Nord\n04100101,Jungfernheide\n"
BAD = b"id,name\n04100101,Gut\n0410010,Kaputt\n07100101,Schoeneberg\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def english(client, settings):
    """Pages in English so messages can be compared; one test checks the German ones."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def url(district: District, name: str) -> str:
    return reverse(f"districts:{name}", kwargs={"district": district.slug})


def upload(client, district: District, content: bytes, name: str = "areas.csv", **fields):
    data = {"kind": "areas", "file": SimpleUploadedFile(name, content), **fields}
    return client.post(url(district, "area_import"), data)


def uploads(media) -> list:
    folder = media / "imports"
    return list(folder.iterdir()) if folder.exists() else []


def test_the_upload_page_offers_areas_and_indicators(client, coordinator_a):
    client.force_login(coordinator_a.user)

    response = client.get(url(coordinator_a.district, "area_import"))

    assert response.status_code == 200
    assert b'value="areas"' in response.content
    assert b'value="indicators"' in response.content
    assert b'enctype="multipart/form-data"' in response.content


def test_a_file_with_bad_rows_shows_every_problem_and_imports_nothing(client, coordinator_a):
    client.force_login(coordinator_a.user)

    response = upload(client, coordinator_a.district, BAD)
    preview = client.get(response["Location"])

    assert response.status_code == 302
    text = preview.content.decode()
    assert "Line 3: 0410010 is not a LOR number" in text
    assert "Line 4: Area 07100101 belongs to Tempelhof-Schöneberg" in text
    assert 'value="import"' not in text
    assert Area.objects.count() == 0


def test_confirming_a_import_of_a_clean_file_creates_the_areas(client, coordinator_a, media):
    client.force_login(coordinator_a.user)
    district = coordinator_a.district
    upload(client, district, GOOD)

    preview = client.get(url(district, "area_import_preview"))
    assert Area.objects.count() == 0
    assert "Jungfernheide" in preview.content.decode()
    assert "Bezirksregion 041001 (Name noch unbekannt)" in preview.content.decode()
    token = client.session[SESSION_KEY][str(district.pk)]["token"]

    response = client.post(
        url(district, "area_import_preview"), {"token": token, "action": "import"}, follow=True
    )

    assert response.redirect_chain[-1][0] == url(district, "areas")
    assert "areas.csv was imported" in response.content.decode()
    assert set(Area.objects.values_list("code", flat=True)) == {"0410", "041001", "04100101"}
    assert uploads(media) == []
    assert str(district.pk) not in client.session[SESSION_KEY]


def test_cancelling_discards_the_upload_and_imports_nothing(client, coordinator_a, media):
    client.force_login(coordinator_a.user)
    upload(client, coordinator_a.district, GOOD)
    assert len(uploads(media)) == 1
    token = client.session[SESSION_KEY][str(coordinator_a.district.pk)]["token"]

    client.post(
        url(coordinator_a.district, "area_import_preview"), {"token": token, "action": "cancel"}
    )

    assert uploads(media) == []
    assert Area.objects.count() == 0


def test_a_stale_preview_does_not_import(client, coordinator_a):
    client.force_login(coordinator_a.user)
    upload(client, coordinator_a.district, GOOD)

    client.post(
        url(coordinator_a.district, "area_import_preview"), {"token": "0" * 32, "action": "import"}
    )

    assert Area.objects.count() == 0


def test_indicator_values_are_imported_with_the_year_given_in_the_form(client, coordinator_a):
    client.force_login(coordinator_a.user)
    district = coordinator_a.district
    upload(client, district, GOOD)
    token = client.session[SESSION_KEY][str(district.pk)]["token"]
    client.post(url(district, "area_import_preview"), {"token": token, "action": "import"})

    upload(
        client,
        district,
        b"id,name,inhabitants,s4_percentage\n04100101,Jungfernheide,11548,43.9\n",
        name="monitoring.csv",
        kind="indicators",
        year="2021",
    )
    preview = client.get(url(district, "area_import_preview")).content.decode()
    token = client.session[SESSION_KEY][str(district.pk)]["token"]
    client.post(url(district, "area_import_preview"), {"token": token, "action": "import"})

    assert "Child poverty (MSS, under 15)" in preview
    value = AreaIndicatorValue.objects.get(indicator__key="child-poverty-mss")
    assert (value.year, value.value) == (2021, 43.9)
    assert value.source_note.startswith("Monitoring Soziale Stadtentwicklung 2021")


def test_a_file_over_10_mb_is_refused_with_a_clear_message(client, coordinator_a, media):
    client.force_login(coordinator_a.user)

    response = upload(client, coordinator_a.district, b"id,name\n" + b" " * (10 * 1024 * 1024))

    assert response.status_code == 200
    assert "larger than 10 MB" in response.content.decode()
    assert uploads(media) == []


def test_the_preview_without_an_upload_sends_back_to_the_upload_page(client, coordinator_a):
    client.force_login(coordinator_a.user)

    response = client.get(url(coordinator_a.district, "area_import_preview"))

    assert response["Location"] == url(coordinator_a.district, "area_import")


def test_the_preview_is_shown_in_german(client, coordinator_a, settings):
    client.force_login(coordinator_a.user)
    upload(client, coordinator_a.district, BAD)

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    text = client.get(url(coordinator_a.district, "area_import_preview")).content.decode()

    assert "Zeile 3: 0410010 ist keine LOR-Nummer" in text
    assert "gehört zu Tempelhof-Schöneberg, nicht zu Charlottenburg-Wilmersdorf" in text


@pytest.mark.parametrize("role", [Membership.Role.STAFF, Membership.Role.VIEWER])
@pytest.mark.parametrize("name", ["area_import", "area_import_preview"])
def test_staff_and_viewers_may_not_import(client, district_a, member, role, name):
    client.force_login(member(district_a, role).user)

    assert client.get(url(district_a, name)).status_code == 403
    assert client.post(url(district_a, name), {}).status_code == 403


@pytest.mark.parametrize("name", ["area_import", "area_import_preview"])
def test_outsiders_get_404_for_the_import(client, district_a, district_b, member, name):
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)

    assert client.get(url(district_a, name)).status_code == 404
