"""mitwirkung/postgresql/: a reused connection is checked before a request's first query by
looking at its socket, the "SELECT 1" only goes out when something has arrived; the session
read is a prepared statement."""

from __future__ import annotations

import os
import select
from collections.abc import Iterator

import psycopg
import pytest
from django.db import OperationalError, ProgrammingError, connections
from django.db.backends.postgresql import base as django_postgresql
from django.test.utils import CaptureQueriesContext

from mitwirkung.postgresql.prepared import fetch_one

pytestmark = pytest.mark.django_db


@pytest.fixture
def wrapper() -> Iterator:
    """A connection of its own (the test's is inside a transaction), to the test database."""
    if connections["default"].vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs against PostgreSQL (.ci/run sets DATABASE_URL)")
        pytest.skip("the embedded default is SQLite; CI runs this against PostgreSQL")
    own = connections.create_connection("default")
    own.connect()
    yield own
    own.close()


@pytest.fixture
def select_ones(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Counts Django's own check (the "SELECT 1"), which the backend calls when it must ask."""
    calls: list[bool] = []
    original = django_postgresql.DatabaseWrapper.is_usable

    def counted(self: django_postgresql.DatabaseWrapper) -> bool:
        result = original(self)
        calls.append(result)
        return result

    monkeypatch.setattr(django_postgresql.DatabaseWrapper, "is_usable", counted)
    return calls


def other_connection(wrapper) -> psycopg.Connection:
    params = wrapper.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    return psycopg.connect(**params, autocommit=True)


def wait_readable(wrapper) -> None:
    poller = select.poll()
    poller.register(wrapper.connection.fileno(), select.POLLIN)
    assert poller.poll(5000), "the server sent nothing within 5 s"


def test_the_configured_engine_is_this_backend(wrapper):
    assert wrapper.settings_dict["ENGINE"] == "mitwirkung.postgresql"
    assert wrapper.vendor == "postgresql"


def test_an_idle_connection_is_usable_without_a_round_trip(wrapper, select_ones):
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT 2")
        assert cursor.fetchone() == (2,)
    assert wrapper.is_usable() is True
    assert select_ones == []


def test_a_connection_the_server_ended_is_not_usable(wrapper, select_ones):
    pid = wrapper.connection.info.backend_pid
    with other_connection(wrapper) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    wait_readable(wrapper)
    assert wrapper.is_usable() is False
    assert select_ones == [False]  # the socket had the goodbye; the query confirmed it
    # Django then closes it; the next query opens a new one and works.
    wrapper.close()
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid


def test_something_arrived_but_the_connection_is_alive_asks_and_keeps_it(wrapper, select_ones):
    with wrapper.cursor() as cursor:
        cursor.execute("LISTEN mitwirkung_health")
    with other_connection(wrapper) as admin:
        admin.execute("NOTIFY mitwirkung_health")
    wait_readable(wrapper)
    assert wrapper.is_usable() is True
    assert select_ones == [True]


def test_a_closed_connection_is_not_usable(wrapper, select_ones):
    wrapper.connection.close()
    assert wrapper.is_usable() is False
    assert select_ones == []


# mitwirkung/postgresql/prepared.py: the session read, planned once per connection.


def test_fetch_one_prepares_its_statement_once_per_connection(wrapper):
    sql = "SELECT %s::int + 1"
    assert fetch_one(wrapper, sql, [1]) == (2,)
    assert fetch_one(wrapper, sql, [41]) == (42,)
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        assert cursor.fetchall() == [("SELECT $1::int + 1",)]


def test_fetch_one_is_logged_wrapped_and_its_errors_are_djangos(wrapper):
    with CaptureQueriesContext(wrapper) as queries:
        fetch_one(wrapper, "SELECT %s::text", ["x"])
    assert [q["sql"] for q in queries.captured_queries] == ["SELECT %s::text"]

    def refuse(execute, sql, params, many, context):
        raise OperationalError("refused by the test")

    with wrapper.execute_wrapper(refuse), pytest.raises(OperationalError):
        fetch_one(wrapper, "SELECT 1", [])
    with pytest.raises(ProgrammingError):
        fetch_one(wrapper, "SELECT no_such_column FROM django_session", [])
    assert fetch_one(wrapper, "SELECT 1", []) == (1,)  # the connection goes on
