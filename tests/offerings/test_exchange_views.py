from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from districts.models import Membership
from offerings.exchange_views import SESSION_KEY
from offerings.models import Offering
from tests import factories as f

pytestmark = pytest.mark.django_db

CSV = "Name;Träger;Kategorie\nElternkurs;Familienzentrum West;familienbildung\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def provider(district_a):
    return f.StakeholderFactory(district=district_a, name="Familienzentrum West")


def exchange_url(district):
    return reverse("offerings:exchange", kwargs={"district": district.slug})


def preview_url(district):
    return reverse("offerings:exchange_preview", kwargs={"district": district.slug})


def upload(client, district, text=CSV, name="angebote.csv"):
    return client.post(
        exchange_url(district), {"file": SimpleUploadedFile(name, text.encode("utf-8"))}
    )


def test_outsider_gets_404_for_every_exchange_page(client, district_a, district_b, member):
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)
    for name in ("offerings:exchange", "offerings:export", "offerings:exchange_preview"):
        assert client.get(reverse(name, kwargs={"district": district_a.slug})).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Membership.Role.VIEWER, 403),
        (Membership.Role.PROVIDER, 403),
        (Membership.Role.STAFF, 302),
        (Membership.Role.COORDINATOR, 302),
    ],
)
def test_only_staff_and_coordinators_may_upload(client, district_a, member, provider, role, status):
    client.force_login(member(district_a, role).user)
    assert upload(client, district_a).status_code == status


def test_a_viewer_sees_the_export_but_no_upload(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    response = client.get(exchange_url(district_a))
    assert response.status_code == 200
    assert b'name="file"' not in response.content
    assert client.get(preview_url(district_a)).status_code == 403


def test_a_viewer_downloads_the_export_without_pending_offerings(client, district_a, member):
    f.OfferingFactory(district=district_a, name="Veröffentlicht")
    f.OfferingFactory(
        district=district_a, name="Wartet", review_status=Offering.ReviewStatus.PENDING
    )
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    url = reverse("offerings:export", kwargs={"district": district_a.slug})
    response = client.get(url, {"format": "csv"})
    text = response.content.decode("utf-8-sig")
    assert response["Content-Disposition"].startswith("attachment")
    assert "Veröffentlicht" in text
    assert "Wartet" not in text
    xlsx = client.get(url, {"format": "xlsx"})
    assert xlsx.content.startswith(b"PK")
    assert client.get(url, {"format": "pdf"}).status_code == 400


def test_upload_preview_and_confirm_imports_the_file(client, district_a, member, provider):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    upload(client, district_a)
    preview = client.get(preview_url(district_a))
    assert preview.status_code == 200
    assert "Elternkurs" in preview.content.decode()
    assert Offering.objects.count() == 0
    token = client.session[SESSION_KEY][str(district_a.pk)]["token"]

    response = client.post(preview_url(district_a), {"token": token, "action": "import"})

    assert response.status_code == 302
    assert Offering.objects.get().name == "Elternkurs"
    assert str(district_a.pk) not in client.session[SESSION_KEY]


def test_a_faulty_file_shows_every_problem_and_offers_no_import(
    client, district_a, member, provider
):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    upload(client, district_a, CSV + "Zweiter Kurs;Unbekannter Träger;familienbildung\n")
    response = client.get(preview_url(district_a))
    content = response.content.decode()
    assert "Unbekannter Träger" in content
    assert 'value="import"' not in content
    token = client.session[SESSION_KEY][str(district_a.pk)]["token"]
    client.post(preview_url(district_a), {"token": token, "action": "import"})
    assert Offering.objects.count() == 0


def test_cancelling_discards_the_upload(client, district_a, member, provider):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    upload(client, district_a)
    token = client.session[SESSION_KEY][str(district_a.pk)]["token"]
    client.post(preview_url(district_a), {"token": token, "action": "cancel"})
    assert Offering.objects.count() == 0
    assert client.get(preview_url(district_a)).status_code == 302


def test_a_file_of_another_kind_is_refused_by_the_form(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    response = upload(client, district_a, "x", name="angebote.pdf")
    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_the_export_page_reads_in_a_fixed_number_of_queries(
    client, district_a, member, django_assert_max_num_queries
):
    for _ in range(15):
        f.OfferingPlaceFactory(offering__district=district_a)
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    url = reverse("offerings:export", kwargs={"district": district_a.slug})
    with django_assert_max_num_queries(20):
        assert client.get(url, {"format": "csv"}).status_code == 200
