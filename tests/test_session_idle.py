"""Staff sessions end after inactivity and when the password is changed elsewhere; a family's
anonymous session is left alone."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from districts.models import Membership
from mitwirkung.account_security.session_idle import LAST_SEEN_KEY

pytestmark = pytest.mark.django_db

PASSWORD = "sicheres-passwort-123"


def set_last_seen(client: Client, minutes_ago: float) -> None:
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time() - minutes_ago * 60)
    session.save()


def test_staff_are_logged_out_after_the_idle_time(client, member, district_a, settings):
    settings.MITWIRKUNG_SESSION_IDLE_MINUTES = 30
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    home = reverse("districts:home", args=[district_a.slug])

    set_last_seen(client, 29)
    assert client.get(home).status_code == 200
    assert client.session[LAST_SEEN_KEY] >= time.time() - 5  # the visit counts as activity

    set_last_seen(client, 31)
    response = client.get(home, follow=True)
    assert response.redirect_chain[0][0] == f"{reverse('login')}?next={home}"
    assert "_auth_user_id" not in client.session
    with translation.override("de"):
        assert (
            escape(
                translation.gettext(
                    "You were logged out because you did nothing for %(minutes)s minutes. "
                    "Please log in again."
                )
                % {"minutes": 30}
            )
            in response.text
        )


def test_a_family_session_is_not_ended_by_the_idle_time(client):
    session = client.session
    session["survey-draft:ABC123"] = {"answers": {"1": "ja"}}
    session[LAST_SEEN_KEY] = int(time.time() - 24 * 60 * 60)
    session.save()
    assert client.get(reverse("transparency:index")).status_code == 200
    assert client.session["survey-draft:ABC123"] == {"answers": {"1": "ja"}}


def test_a_password_change_ends_the_other_sessions(member, district_a):
    user = member(district_a, Membership.Role.STAFF).user
    home = reverse("districts:home", args=[district_a.slug])
    here, elsewhere = Client(), Client()
    for browser in (here, elsewhere):
        browser.post(reverse("login"), {"username": user.username, "password": PASSWORD})
        assert browser.get(home).status_code == 200

    changed = here.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "ganz-neues-Passwort-2026",
            "new_password2": "ganz-neues-Passwort-2026",
        },
    )
    assert changed.status_code == 302
    assert here.get(home).status_code == 200
    response = elsewhere.get(home)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in elsewhere.session
