from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "sicheres-passwort-123"


def test_login_page_is_german_by_default_even_for_an_english_browser(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="de">' in response.text
    assert "Anmelden" in response.text


def test_member_logs_in_and_reaches_their_district(client, coordinator_a):
    response = client.post(
        reverse("login"),
        {"username": coordinator_a.user.username, "password": PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse(
        "districts:home", kwargs={"district": coordinator_a.district.slug}
    )
    assert "Charlottenburg-Wilmersdorf" in response.text


def test_wrong_password_shows_a_german_message(client):
    user = UserFactory()
    response = client.post(reverse("login"), {"username": user.username, "password": "falsch"})
    assert response.status_code == 200
    assert "Bitte Benutzername und Passwort eingeben" in response.text


def test_login_is_locked_after_five_failures_even_with_the_right_password(client, settings):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": user.username, "password": "falsch"})
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in response.text
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_a_link_that_sets_a_new_password(client):
    user = UserFactory(email="fachkraft@example.org")
    client.post(reverse("password_reset"), {"email": "fachkraft@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "neues-Passwort-2026!", "new_password2": "neues-Passwort-2026!"},
    )
    user.refresh_from_db()
    assert user.check_password("neues-Passwort-2026!")


def test_logout_ends_the_session(client, coordinator_a):
    client.force_login(coordinator_a.user)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_a_person_without_district_is_told_whom_to_ask(client):
    client.force_login(UserFactory())
    response = client.get(reverse("home"))
    assert "noch keinem Bezirk zugeordnet" in response.text
