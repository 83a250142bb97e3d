"""mitwirkung/session_store.py and mitwirkung/light_commit.py: Django's database sessions in
fewer round trips, the same rows and the same rules; commits that do not wait for the disk
only where a caller's transaction does not decide."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mitwirkung.light_commit import light_write
from mitwirkung.session_store import SessionStore

pytestmark = pytest.mark.django_db


def writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")
    ]


def test_a_new_session_is_one_insert_and_readable_by_djangos_own_store():
    store = SessionStore()
    store["draft"] = {"answers": {"12": {"options": [3]}}}
    with CaptureQueriesContext(connection) as queries:
        store.save()
    assert [sql.split()[0] for sql in writes(queries)] == ["INSERT"]
    assert not any(q["sql"].startswith("SELECT 1") for q in queries.captured_queries)
    assert DjangoStore(store.session_key).load() == {"draft": {"answers": {"12": {"options": [3]}}}}


def test_saving_unchanged_data_again_writes_nothing_and_a_change_one_update():
    store = SessionStore()
    store["draft"] = {"answers": {}}
    store.save()
    with CaptureQueriesContext(connection) as queries:
        store.save()  # the view saved it; the middleware saves it again
    assert writes(queries) == []
    store["draft"]["answers"]["12"] = {"number": 2}  # changed inside, then saved
    store.modified = True
    with CaptureQueriesContext(connection) as queries:
        store.save()
    assert [sql.split()[0] for sql in writes(queries)] == ["UPDATE"]
    assert SessionStore(store.session_key).load()["draft"]["answers"] == {"12": {"number": 2}}


def test_an_expired_or_unknown_session_loads_empty_and_gets_a_new_key():
    store = SessionStore()
    store["x"] = 1
    store.save()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    expired = SessionStore(store.session_key)
    assert expired.load() == {}
    assert expired.session_key is None
    assert SessionStore("x" * 32).load() == {}


def test_flush_deletes_the_row_in_one_statement():
    store = SessionStore()
    store["x"] = 1
    store.save()
    key = store.session_key
    with CaptureQueriesContext(connection) as queries:
        store.flush()
    assert [sql.split()[0] for sql in writes(queries)] == ["DELETE"]
    assert not Session.objects.filter(session_key=key).exists()


def test_inside_a_failed_transaction_nothing_of_the_session_is_kept():
    store = SessionStore()
    store["x"] = 1
    store.save()
    old_key = store.session_key
    new_keys: list[str] = []

    def send() -> None:
        with transaction.atomic():
            store.flush()  # as the family form's send: the draft leaves with the response
            store["thanks"] = True
            store.save()
            new_keys.append(store.session_key)
            raise RuntimeError("the response could not be stored")

    with pytest.raises(RuntimeError):
        send()
    assert Session.objects.filter(session_key=old_key).exists()
    assert not Session.objects.filter(session_key=new_keys[0]).exists()


def synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


def test_inside_a_callers_transaction_a_light_write_is_the_plain_statement():
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        SessionStore().save()
    assert not any("synchronous_commit" in q["sql"] for q in queries.captured_queries)


@pytest.mark.django_db(transaction=True)
def test_a_light_write_runs_without_waiting_for_the_disk_and_then_restores():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = on")  # as in production
    store = SessionStore()
    store["x"] = 1
    store.save()
    table = Session._meta.db_table
    try:
        # The statement writes the setting it ran under into the row it changes.
        setting = (
            "current_setting('synchronous_commit')" if connection.vendor == "postgresql" else "'-'"
        )
        light_write(
            f"UPDATE {table} SET session_data = {setting} WHERE session_key = %s",
            [store.session_key],
        )
        written = Session.objects.get(session_key=store.session_key).session_data
        assert written == ("off" if connection.vendor == "postgresql" else "-")
        if connection.vendor == "postgresql":
            assert synchronous_commit() == "on"
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")


@pytest.mark.django_db(transaction=True)
def test_on_its_own_each_session_write_is_one_round_trip():
    store = SessionStore()
    store["draft"] = {"answers": {}}
    with CaptureQueriesContext(connection) as queries:
        store.save()
        store["draft"]["answers"]["7"] = {"number": 1}
        store.modified = True
        store.save()
        store.delete()
    statements = [q["sql"] for q in queries.captured_queries]
    assert len(statements) == 3  # no BEGIN, no COMMIT, no SELECT before the INSERT
    light = connection.vendor == "postgresql"
    for sql, verb in zip(statements, ("INSERT", "UPDATE", "DELETE"), strict=True):
        prefix = "SET LOCAL synchronous_commit = off; " if light else ""
        assert sql.startswith(prefix + verb), sql
    assert not Session.objects.filter(session_key=store.session_key).exists()


@pytest.mark.django_db(transaction=True)
def test_light_write_counts_rows_and_leaves_commits_waiting_for_the_disk_afterwards():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = on")  # as in production
    try:
        store = SessionStore()
        store["x"] = 1
        store.save()
        table = Session._meta.db_table
        changed = light_write(
            f"UPDATE {table} SET session_data = session_data WHERE session_key IN (%s, %s)",
            [store.session_key, "no-such-key"],
        )
        assert changed == 1
        missing = light_write(f"DELETE FROM {table} WHERE session_key = %s", ["no-such-key"])
        assert missing == 0
        if connection.vendor == "postgresql":
            assert synchronous_commit() == "on"
        # A refused statement stores nothing of its message and leaves the connection usable.
        with pytest.raises(IntegrityError):
            light_write(
                f"INSERT INTO {table} (session_key, session_data, expire_date) VALUES (%s, %s, %s)",
                [store.session_key, "x", timezone.now()],
            )
        assert Session.objects.filter(session_key=store.session_key).count() == 1
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
