"""PostgreSQL down (a restart, a failover): a friendly 503 in the family's language, not a 500.

The outage is simulated by a query wrapper that raises what psycopg raises when the server is
gone, so the real middleware, handler500 and session code run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.utils import OperationalError
from django.test import Client

from surveys.models import Response
from tests.surveys.test_family_fixtures import (
    FamilySurvey,
    answer_all,
    answer_first_page,
    make_family_survey,
    start,
)

pytestmark = pytest.mark.django_db

GONE = "connection to server at 127.0.0.1, port 5432 failed: Connection refused"


@contextmanager
def database_down(only: Callable[[str], bool] = lambda sql: True) -> Iterator[None]:
    def refuse(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        if only(sql):
            raise OperationalError(GONE)
        return execute(sql, *args)

    with connection.execute_wrapper(refuse):
        yield


@pytest.fixture
def client() -> Client:
    # Middleware that reads the user touches the database outside the view; Django hands that
    # to handler500 as in production instead of raising it into the test.
    return Client(raise_request_exception=False)


@pytest.fixture
def family() -> FamilySurvey:
    cache.clear()  # the rate limit's counters outlive a test in the local-memory cache
    return make_family_survey(languages=["en", "tr", "ar"])


def test_a_family_page_answers_503_in_the_familys_language_with_retry_after(client, family):
    with database_down():
        response = client.get(family.start_url(sprache="tr"))
    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Language"] == "tr"
    # Turkish first (the heading), German below it for whoever helps the family.
    assert "<h1>Anket şu anda kullanılamıyor</h1>" in body
    assert "<h2>Die Umfrage ist gerade nicht erreichbar</h2>" in body
    assert "English" not in body
    assert "Server Error" not in body


def test_a_page_without_the_language_in_its_address_shows_every_form_language(client, family):
    start(client, family, "ar")
    with database_down():
        response = client.get(family.page_url(1))
    body = response.content.decode()
    assert response.status_code == 503
    assert body.index("Die Umfrage ist gerade nicht erreichbar") < body.index(
        "الاستبيان غير متاح حاليًا"
    )
    assert "The survey is not available right now" in body
    assert f'href="{family.page_url(1)}"' in body  # "try again" shows the page again


def test_the_draft_is_still_there_when_the_database_is_back(client, family):
    start(client, family)
    answer_first_page(client, family)
    with database_down():
        assert client.get(family.page_url(2)).status_code == 503
    # Back again: the answers of page 1 were kept (the session lives in the database).
    assert client.get(family.page_url(1)).content.decode().count("checked") == 1
    answer_all(client, family)
    assert Response.objects.count() == 1


def test_a_session_that_cannot_be_saved_after_the_view_gives_the_503_too(client, family):
    client.get(family.start_url())
    writes_session = lambda sql: "django_session" in sql and not sql.startswith("SELECT")  # noqa: E731
    with database_down(only=writes_session):
        response = client.post(family.start_url(), {"sprache": "en"})
    assert response.status_code == 503
    assert "The survey is not available right now" in response.content.decode()


def test_staff_pages_answer_503_through_gettext(client, district_a):
    from tests.factories import MembershipFactory

    membership = MembershipFactory(district=district_a)
    client.force_login(membership.user)
    with database_down():
        response = client.get(f"/d/{district_a.slug}/")
    assert response.status_code == 503
    assert 'data-unavailable="database"' in response.content.decode()
    assert "MitWirkung" in response.content.decode()


def test_other_errors_stay_500(client, family):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            "surveys.family_views.find_point",
            lambda code: (_ for _ in ()).throw(ValueError("a bug")),
        )
        response = client.get(family.start_url())
    assert response.status_code == 500
    assert "data-unavailable" not in response.content.decode()


def test_a_send_whose_draft_cannot_be_removed_stores_nothing_and_the_retry_stores_once(
    client, family
):
    """The draft leaves the session in the response's transaction: no duplicate on retry."""
    start(client, family)
    answer_first_page(client, family)
    client.post(family.page_url(2), {family.helpful.field_name: family.scale[3].pk, "nav": "next"})
    send = {family.children.field_name: "2", "nav": "send"}
    writes_session = lambda sql: "django_session" in sql and not sql.startswith("SELECT")  # noqa: E731
    with database_down(only=writes_session):
        assert client.post(family.page_url(3), send).status_code == 503
    assert Response.objects.count() == 0
    retry = client.post(family.page_url(3), send)
    assert retry.status_code == 302
    assert retry["Location"] == family.thanks_url
    assert Response.objects.count() == 1
    assert client.post(family.page_url(3), send).status_code == 302  # draft gone: to the start
    assert Response.objects.count() == 1
