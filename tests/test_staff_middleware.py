"""mitwirkung/staff_middleware.py: django-otp, the idle logout and the history's request are
passed by on the family and public pages, and still run on every staff page."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.models import HistoricalRecords

from districts.models import Membership
from mitwirkung.account_security.session_idle import LAST_SEEN_KEY
from mitwirkung.staff_middleware import (
    HistoryRequestMiddleware,
    OTPMiddleware,
    is_public_path,
)
from tests.surveys.test_family_fixtures import make_family_survey

pytestmark = pytest.mark.django_db


def test_public_paths_are_the_family_form_the_public_reports_and_their_language_link():
    for path in ("/s/", "/s/abcd2345/", "/s/abcd2345/2/", "/transparenz/", "/sprache/en/"):
        assert is_public_path(path), path
    for path in ("/", "/d/mitte/", "/accounts/login/", "/admin/", "/sx/", "/transparent/"):
        assert not is_public_path(path), path


def seen_by_the_view(middleware_class, path: str) -> dict[str, bool]:
    seen: dict[str, bool] = {}

    def view(request: HttpRequest) -> HttpResponse:
        seen["is_verified"] = hasattr(request.user, "is_verified")
        seen["history_request"] = hasattr(HistoricalRecords.context, "request")
        return HttpResponse()

    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    middleware_class(view)(request)
    return seen


def test_otp_and_the_history_run_on_staff_pages_and_not_on_family_pages():
    assert seen_by_the_view(OTPMiddleware, "/d/mitte/")["is_verified"] is True
    assert seen_by_the_view(OTPMiddleware, "/s/abcd2345/2/")["is_verified"] is False
    assert seen_by_the_view(HistoryRequestMiddleware, "/d/mitte/")["history_request"] is True
    assert seen_by_the_view(HistoryRequestMiddleware, "/s/abcd2345/2/")["history_request"] is False


def test_staff_who_owe_a_code_open_the_family_form_and_the_language_link_but_no_staff_page(
    client, member, district_a
):
    user = member(district_a).user
    TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    client.force_login(user)  # password given, code not yet
    family = make_family_survey()
    assert client.get(family.start_url()).status_code == 200
    link = client.get(reverse("language_link", kwargs={"code": "en"}) + "?next=/transparenz/")
    assert link.status_code == 302
    assert link["Location"] == "/transparenz/"
    assert client.get(reverse("transparency:index")).status_code == 200
    staff_page = client.get(reverse("districts:home", args=[district_a.slug]))
    assert staff_page.status_code == 302
    assert staff_page["Location"].startswith(reverse("two_factor:verify"))


def test_the_idle_logout_waits_for_the_next_staff_page(client, member, district_a, settings):
    user = member(district_a, Membership.Role.STAFF).user
    client.force_login(user)
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - settings.MITWIRKUNG_SESSION_IDLE_MINUTES * 60 - 5
    session.save()
    family = make_family_survey()
    assert client.get(family.start_url()).status_code == 200
    assert client.session.get("_auth_user_id") == str(user.pk)  # not touched there
    home = client.get(reverse("districts:home", args=[district_a.slug]))
    assert home.status_code == 302
    assert "_auth_user_id" not in client.session
