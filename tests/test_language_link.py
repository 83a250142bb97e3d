"""The public pages' language switch as a plain link (/sprache/<code>/?next=…): the same cookie
as Django's set_language, back to a page of this site only, and no CSRF token needed."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

COOKIE_ATTRIBUTES = ("max-age", "path", "domain", "secure", "httponly", "samesite")


def link(code: str, next_url: str | None = None) -> str:
    url = reverse("language_link", kwargs={"code": code})
    return url if next_url is None else f"{url}?next={next_url}"


@pytest.fixture
def cookie_settings(settings):
    """Every attribute away from its default, so each one is seen to be passed on."""
    settings.LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 30
    settings.LANGUAGE_COOKIE_PATH = "/"
    settings.LANGUAGE_COOKIE_DOMAIN = "testserver"
    settings.LANGUAGE_COOKIE_SECURE = True
    settings.LANGUAGE_COOKIE_HTTPONLY = True
    settings.LANGUAGE_COOKIE_SAMESITE = "Strict"
    return settings


def test_the_link_sets_the_cookie_django_s_switch_sets(client, cookie_settings):
    response = client.get(link("en", "/transparenz/"))

    assert response.status_code == 302
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["max-age"] == 60 * 60 * 24 * 30
    assert cookie["path"] == "/"
    assert cookie["domain"] == "testserver"
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    form = {"language": "en", "next": "/transparenz/"}
    django_s = Client().post(reverse("set_language"), form).cookies[settings.LANGUAGE_COOKIE_NAME]
    assert {name: cookie[name] for name in COOKIE_ATTRIBUTES} == {
        name: django_s[name] for name in COOKIE_ATTRIBUTES
    }
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(
    "next_url",
    ["/transparenz/", "/transparenz/mitte/7/", "/barrierefreiheit/?seite=/transparenz/"],
)
def test_it_goes_back_to_a_page_of_this_site(client, next_url):
    response = client.get(reverse("language_link", kwargs={"code": "en"}), {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url


@pytest.mark.parametrize(
    "next_url",
    [
        None,
        "",
        "//evil.example/",
        "https://evil.example/",
        "http://evil.example/transparenz/",
        "javascript:alert(1)",
        "/\\evil.example/",
    ],
)
def test_an_offsite_or_missing_next_goes_to_the_transparency_index(client, next_url):
    params = {} if next_url is None else {"next": next_url}
    response = client.get(reverse("language_link", kwargs={"code": "en"}), params)
    assert response.status_code == 302
    assert response["Location"] == reverse("transparency:index")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


@pytest.mark.parametrize("code", ["fr", "xx", "GIBTSNICHT"])
def test_an_unknown_language_is_a_404_and_sets_nothing(client, code):
    response = client.get(link(code, "/transparenz/"))
    assert response.status_code == 404
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_only_get_and_head_are_served(client):
    assert client.post(link("en", "/transparenz/")).status_code == 405
    assert client.head(link("en", "/transparenz/")).status_code == 302


def test_the_chosen_language_shows_on_the_public_pages_and_back(client):
    index = reverse("transparency:index")
    german = client.get(index)
    assert '<html lang="de">' in german.text
    assert f'href="{link("en", index)}"' in german.text

    english = client.get(link("en", index), follow=True)
    assert english.redirect_chain == [(index, 302)]
    assert '<html lang="en">' in english.text
    assert f'href="{link("de", index)}"' in english.text

    again = client.get(link("de", index), follow=True)
    assert '<html lang="de">' in again.text


def test_a_member_on_a_public_page_switches_with_the_same_link(client, coordinator_a):
    client.force_login(coordinator_a.user)
    index = reverse("transparency:index")
    page = client.get(index)
    assert coordinator_a.user.get_full_name() in page.text
    assert f'href="{link("en", index)}"' in page.text

    english = client.get(link("en", index), follow=True)
    assert '<html lang="en">' in english.text
    assert coordinator_a.user.get_full_name() in english.text
