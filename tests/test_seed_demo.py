from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from districts.models import District, Membership

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_three_logins_and_marks_the_district(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    district = District.objects.get(slug="charlottenburg-wilmersdorf")
    assert district.has_demo_data
    roles = dict(Membership.objects.filter(district=district).values_list("user__username", "role"))
    assert roles == {"koordination": "coordinator", "fachkraft": "staff", "politik": "viewer"}
    assert get_user_model().objects.get(username="politik").check_password("mitwirkung")


def test_seed_demo_twice_creates_nothing_new(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (get_user_model().objects.count(), Membership.objects.count())
    call_command("seed_demo")
    assert (get_user_model().objects.count(), Membership.objects.count()) == counts


def test_seed_demo_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
    assert not get_user_model().objects.filter(username="koordination").exists()
    call_command("seed_demo", "--force")
    assert get_user_model().objects.filter(username="koordination").exists()


def test_demo_districts_say_so_on_every_page(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    response = client.post("/accounts/login/", {"username": "fachkraft", "password": "mitwirkung"})
    assert response.status_code == 302
    page = client.get("/d/charlottenburg-wilmersdorf/").text
    assert "Demo-Daten" in page
