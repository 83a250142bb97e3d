"""Fuzzing the family form: raw POST bodies with unknown fields, another survey's question
and option ids, repeated keys, huge values, other scripts, wrong types and invalid UTF-8.

Whatever arrives: never a 500; a 4xx or the page again with the error summary in the
family's language; no Response or Answer written unless the answers were complete; and a
family sending real answers afterwards still gets through. Hypothesis runs a fixed, small
number of examples (derandomised for CI, no example database in the repository).
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote_from_bytes

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from pytest_django import DjangoDbBlocker

from surveys.family_texts import form_text
from surveys.models import Answer, Response
from tests.conftest import create_reference_data
from tests.surveys.test_family_fixtures import (
    FamilySurvey,
    answer_all,
    make_family_survey,
    start,
)

pytestmark = pytest.mark.django_db
# Hypothesis caches Unicode tables in .hypothesis/ under the working directory: keep the
# checkout clean and put them in the temporary directory instead.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "mitwirkung-hypothesis")

FUZZ = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FORM = "application/x-www-form-urlencoded"
# Every test client gets its own address, so the rate limit of one never stops another.
ADDRESSES = (f"198.51.100.{n}" for n in itertools.count(1))


@pytest.fixture(scope="module")
def surveys(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[tuple]:
    """The family survey and a second one whose ids are forged into the first; rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        create_reference_data()
        yield make_family_survey(), make_family_survey()
        transaction.set_rollback(True)


@pytest.fixture
def family(surveys: tuple) -> FamilySurvey:
    return surveys[0]


@pytest.fixture
def other(surveys: tuple) -> FamilySurvey:
    return surveys[1]


@pytest.fixture(autouse=True)
def _generous_limits(settings) -> None:
    settings.SURVEY_SUBMISSIONS_PER_HOUR = 10_000


def body(pairs: list[tuple[bytes, bytes]]) -> bytes:
    return b"&".join(
        quote_from_bytes(k).encode() + b"=" + quote_from_bytes(v).encode() for k, v in pairs
    )


def names(family: FamilySurvey) -> list[bytes]:
    questions = [family.known, family.needs, family.helpful, family.children, family.wish]
    return [q.field_name.encode() for q in questions] + [
        f"{family.needs.field_name}_other{family.other.pk}".encode()
    ]


def option_ids(family: FamilySurvey) -> list[bytes]:
    options = [family.used, family.not_known, family.forms, family.none, family.other]
    return [str(o.pk).encode() for o in options + family.scale]


def stored() -> tuple[int, int]:
    return Response.objects.count(), Answer.objects.count()


def assert_safe_outcome(response, before: tuple[int, int], family: FamilySurvey, language: str):
    assert response.status_code < 500
    if response.status_code in (200, 400) and "summary-title" in response.text:
        assert form_text("error_summary_title", language) in response.text
    else:
        assert response.status_code in (302, 400, 413, 429), response.status_code
    if stored() != before:
        # Only a complete set of answers is ever stored, and then the family sees thanks.
        assert response.status_code == 302
        assert response["Location"].startswith(family.thanks_url)
        newest = Response.objects.latest("pk")
        assert newest.answers.filter(question=family.known).exists()


def fuzz_keys(family: FamilySurvey, other: FamilySurvey) -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.sampled_from(names(family) + names(other)),
        st.sampled_from([b"q", b"q-1", b"q0", b"q99999999999999999999", b"q1_other", b"nav"]),
        st.sampled_from([b"sprache", b"csrfmiddlewaretoken", b"\xff\xfe", "q١".encode()]),
        st.binary(max_size=12),
    )


def fuzz_values(family: FamilySurvey, other: FamilySurvey) -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.sampled_from(option_ids(family) + option_ids(other)),
        st.sampled_from(
            [
                b"",
                b"-1",
                b"0",
                b"1e9",
                b"99999999999999999999999999",
                "٣".encode(),
                b"\xff\xfe\xfd",
                b"\x00",
                b"null",
                b"[1,2]",
                b'{"a": 1}',
                b"x" * 20_000,
                "=cmd|' /C calc'!A0 𝔘 ä".encode(),
            ]
        ),
        st.text(max_size=30).map(str.encode),
    )


@pytest.fixture
def strategies(family, other):
    return fuzz_keys(family, other), fuzz_values(family, other)


@FUZZ
@given(data=st.data())
def test_junk_posted_to_the_family_form_never_breaks_or_half_writes(family, other, data):
    keys, values = fuzz_keys(family, other), fuzz_values(family, other)
    pairs = data.draw(st.lists(st.tuples(keys, values), max_size=8))
    number = data.draw(st.sampled_from([1, 3]))
    nav = data.draw(st.sampled_from([b"next", b"send", b"back", b"", b"\xff"]))
    language = data.draw(st.sampled_from(["de", "ar"]))
    client = Client(REMOTE_ADDR=next(ADDRESSES))
    start(client, family, language)
    before = stored()
    response = client.generic(
        "POST", family.page_url(number), body([*pairs, (b"nav", nav)]), content_type=FORM
    )
    assert_safe_outcome(response, before, family, language)


def test_another_surveys_ids_are_refused_in_the_familys_language(family, other):
    for language in ("de", "ar"):
        client = Client(REMOTE_ADDR=next(ADDRESSES))
        start(client, family, language)
        before = stored()
        forged = [
            (family.known.field_name.encode(), str(other.used.pk).encode()),
            (other.needs.field_name.encode(), str(other.forms.pk).encode()),
            (b"nav", b"next"),
        ]
        response = client.generic("POST", family.page_url(1), body(forged), content_type=FORM)
        assert response.status_code == 400
        assert form_text("error_summary_title", language) in response.text
        assert form_text("error_invalid", language) in response.text
        assert stored() == before


def test_repeated_keys_and_invalid_utf8_get_an_error_not_a_500(family):
    client = Client(REMOTE_ADDR=next(ADDRESSES))
    start(client, family)
    before = stored()
    field = family.known.field_name.encode()
    repeated = [(field, str(family.used.pk).encode()), (field, str(family.not_known.pk).encode())]
    response = client.generic(
        "POST", family.page_url(1), body([*repeated, (b"nav", b"next")]), content_type=FORM
    )
    assert response.status_code == 400
    assert form_text("error_one_answer", "de") in response.text
    raw = field + b"=%FF%FE&" + family.children.field_name.encode() + b"=\xff\xfe&nav=next"
    response = client.generic("POST", family.page_url(1), raw, content_type=FORM)
    assert response.status_code == 400
    assert form_text("error_summary_title", "de") in response.text
    assert stored() == before


def test_oversized_bodies_and_multipart_junk_get_a_4xx(family):
    client = Client(REMOTE_ADDR=next(ADDRESSES))
    start(client, family)
    before = stored()
    wish = family.wish.field_name.encode()
    huge = body([(wish, b"x" * (3 * 1024 * 1024)), (b"nav", b"send")])
    assert client.generic("POST", family.page_url(3), huge, content_type=FORM).status_code == 400
    many = body([(b"q%d" % n, b"1") for n in range(1500)])
    assert client.generic("POST", family.page_url(1), many, content_type=FORM).status_code == 400
    broken = b"--xyz\r\nContent-Disposition: form-data; name=\r\n\r\n\xff\r\n--xy"
    for content, content_type in (
        (broken, "multipart/form-data; boundary=xyz"),
        (b"junk", "multipart/form-data"),
    ):
        response = client.generic("POST", family.page_url(1), content, content_type=content_type)
        # Refused, or read as an empty page: the required answer is asked for again.
        assert response.status_code == 400 or (
            response.status_code == 200 and form_text("error_summary_title", "de") in response.text
        ), response.status_code
    assert stored() == before


def test_a_family_sending_real_answers_after_the_junk_gets_through(family, other):
    client = Client(REMOTE_ADDR=next(ADDRESSES))
    start(client, family)
    junk = body([(family.known.field_name.encode(), b"\xff"), (b"nav", b"send")])
    assert client.generic("POST", family.page_url(1), junk, content_type=FORM).status_code == 400
    before = stored()
    response = answer_all(client, family)
    assert response.status_code == 302
    assert response["Location"] == family.thanks_url
    assert stored() == (before[0] + 1, before[1] + 6)
