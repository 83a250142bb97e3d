"""Tablet mode: one tablet at an offering, many families; after each sending nothing of the
previous family can be reached, and responses carry the channel "tablet"."""

from __future__ import annotations

import re
import time
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.cache import cache
from django.urls import reverse

from districts.models import Membership
from surveys import tablet
from surveys.models import Response
from tests import factories as f
from tests.surveys.test_family_fixtures import (
    FamilySurvey,
    answer_all,
    answer_first_page,
    make_family_survey,
    start,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def family() -> FamilySurvey:
    return make_family_survey()


def open_tablet(client, family: FamilySurvey):
    return client.get(tablet.tablet_path(family.point))


def checked(html: str) -> list[str]:
    return re.findall(r'<input[^>]*value="(\d+)"[^>]*\bchecked\b', html)


def test_the_tablet_link_starts_tablet_mode_on_a_neutral_start_page(client, family):
    response = open_tablet(client, family)
    assert response.status_code == 302
    assert response["Location"] == family.start_url()
    html = client.get(family.start_url()).text
    assert "Auf diesem Tablet antworten mehrere Familien nacheinander." in html
    assert "Umfrage starten" in html


@pytest.mark.parametrize(
    "token",
    ["kaputt", "eyJhIjoxfQ:1u0:abc", signing.dumps("abcdefgh", salt="other")],
    # Fixed ids: a signed token holds the time, and parallel workers must collect the same names.
    ids=["garbage", "bad-signature", "other-salt"],
)
def test_a_bad_tablet_token_is_a_friendly_404(client, family, token):
    url = reverse("surveys:family_tablet", kwargs={"code": family.point.code, "token": token})
    response = client.get(url)
    assert response.status_code == 404
    assert "Dieser Tablet-Link funktioniert nicht" in response.text
    assert client.get(family.start_url()).text.count("Auf diesem Tablet") == 0


def test_a_token_of_another_collection_point_is_refused(client, family):
    other = f.CollectionPointFactory(survey=family.survey)
    url = reverse(
        "surveys:family_tablet",
        kwargs={"code": family.point.code, "token": tablet.tablet_token(other)},
    )
    assert client.get(url).status_code == 404


def test_an_expired_tablet_token_is_refused(client, family):
    long_ago = time.time() - tablet.TOKEN_MAX_AGE.total_seconds() - 60
    with mock.patch("django.core.signing.time.time", return_value=long_ago):
        old = tablet.tablet_token(family.point)
    url = reverse("surveys:family_tablet", kwargs={"code": family.point.code, "token": old})
    assert client.get(url).status_code == 404
    assert tablet.token_matches(family.point, tablet.tablet_token(family.point))


def test_two_families_answer_on_one_tablet_and_the_second_sees_nothing_of_the_first(client, family):
    open_tablet(client, family)
    thanks = answer_all(client, family)
    assert thanks.status_code == 302
    html = client.get(thanks["Location"]).text
    assert "Bitte geben Sie das Tablet jetzt zurück." in html
    assert f'href="{family.start_url()}"' in html

    # The next family presses back through every page family 1 saw.
    for number in (1, 2, 3):
        page = client.get(family.page_url(number), follow=True)
        assert page.redirect_chain[-1][0] == family.start_url()
        assert "Hilfe beim Wohnungsamt" not in page.text
        assert "Mehr Angebote am Samstag" not in page.text
        assert checked(page.text) == []
        assert "Weiter mit der Umfrage" not in page.text
    start(client, family)
    first_page = client.get(family.page_url(1)).text
    assert family.known.field_name in first_page
    assert checked(first_page) == []
    assert "Hilfe beim Wohnungsamt" not in first_page

    answer_first_page(client, family, **{family.known.field_name: family.not_known.pk})
    client.post(family.page_url(3), {family.children.field_name: "1", "nav": "send"})
    responses = Response.objects.order_by("pk")
    assert [r.channel for r in responses] == [Response.Channel.TABLET] * 2
    assert responses[0].answers.count() > responses[1].answers.count()
    assert not responses[1].answers.filter(text="Mehr Angebote am Samstag").exists()


def test_after_sending_the_session_holds_only_tablet_mode(client, family):
    open_tablet(client, family)
    answer_all(client, family)
    sessions = [session.get_decoded() for session in Session.objects.all()]
    assert sessions == [{tablet.SESSION_KEY: family.point.code, "_session_expiry": mock.ANY}]


def test_the_tablet_thanks_page_lists_no_offerings_chosen_by_answers(client, family):
    f.OfferingFactory(district=family.survey.district, name="Familiencafé Nord")
    open_tablet(client, family)
    html = client.get(answer_all(client, family)["Location"]).text
    assert "Familiencafé Nord" not in html
    assert "Hilfe im Bezirk" not in html
    assert "Hier finden Sie Hilfe" not in html


def test_without_tablet_mode_the_response_is_online(client, family):
    answer_all(client, family)
    assert Response.objects.get().channel == Response.Channel.ONLINE


def test_tablet_mode_holds_only_for_its_own_collection_point(client, family):
    other = f.CollectionPointFactory(survey=family.survey)
    open_tablet(client, family)
    family.point = other
    answer_all(client, family)
    assert Response.objects.get().channel == Response.Channel.ONLINE


def test_a_tablet_may_send_far_more_than_one_phone(family, settings):
    from django.test import Client

    settings.SURVEY_SUBMISSIONS_PER_HOUR = 1
    device = Client()
    open_tablet(device, family)
    for _ in range(3):
        assert answer_all(device, family).status_code == 302
    assert Response.objects.filter(channel=Response.Channel.TABLET).count() == 3

    phone = Client()
    assert answer_all(phone, family).status_code == 302
    assert answer_all(phone, family).status_code == 429
    assert Response.objects.count() == 4


def test_a_family_that_walks_away_leaves_nothing_for_the_next(client, family):
    open_tablet(client, family)
    start(client, family)
    answer_first_page(client, family)
    assert "Weiter mit der Umfrage" in client.get(family.start_url()).text
    later = time.time() + tablet.DRAFT_IDLE_SECONDS + 120
    with mock.patch("surveys.tablet.time.time", return_value=later):
        html = client.get(family.start_url()).text
        assert "Weiter mit der Umfrage" not in html
        assert "Umfrage starten" in html
        assert client.get(family.page_url(2))["Location"] == family.start_url()
    assert "Auf diesem Tablet" in client.get(family.start_url()).text


def test_a_staff_login_ends_when_tablet_mode_starts(client, family, coordinator_a):
    client.force_login(coordinator_a.user)
    open_tablet(client, family)
    surveys_url = reverse("surveys:list", kwargs={"district": family.survey.district.slug})
    assert client.get(surveys_url)["Location"].startswith("/accounts/login/")


def test_every_tablet_page_is_not_stored_by_the_browser(client, family):
    responses = [open_tablet(client, family), client.get(family.start_url()), start(client, family)]
    responses.append(client.get(family.page_url(1)))
    responses.append(client.get(answer_all(client, family)["Location"]))
    for response in responses:
        assert response["Cache-Control"] == "no-store"


def test_question_pages_do_not_let_the_browser_refill_answers(client, family):
    open_tablet(client, family)
    start(client, family)
    html = client.get(family.page_url(1)).text
    assert re.search(r'<form method="post"[^>]*autocomplete="off"', html)


# --- The collection points page: where staff get the tablet link ---------------------------


def _points_page(client, family, user):
    client.force_login(user)
    url = reverse(
        "surveys:collection_points",
        kwargs={"district": family.survey.district.slug, "survey": family.survey.pk},
    )
    response = client.get(url)
    assert response.status_code == 200
    return response.text


def test_staff_find_a_working_tablet_link_with_a_qr_code(client, family, member):
    staff = member(family.survey.district, Membership.Role.STAFF)
    html = _points_page(client, family, staff.user)
    assert "Tablet-Modus" in html
    assert re.search(r"<svg [^>]*class=\"qr\"", html)
    link = re.search(r'href="(https?://[^"]+/tablet/[^"]+)"', html)
    assert link, "the card should carry the tablet link"
    client.logout()
    assert client.get(link.group(1))["Location"] == family.start_url()
    assert "Auf diesem Tablet" in client.get(family.start_url()).text


def test_viewers_get_no_tablet_link(client, family, member):
    viewer = member(family.survey.district, Membership.Role.VIEWER)
    html = _points_page(client, family, viewer.user)
    assert "/tablet/" not in html


def test_the_card_links_poster_and_flyer(client, family, member):
    staff = member(family.survey.district, Membership.Role.STAFF)
    html = _points_page(client, family, staff.user)
    for name in ("poster", "flyer"):
        url = reverse(
            f"surveys:{name}",
            kwargs={
                "district": family.survey.district.slug,
                "survey": family.survey.pk,
                "collection_point": family.point.pk,
            },
        )
        assert f'href="{url}"' in html
