"""The public pages and files from the cache: the same as rendered, 304 when unchanged, gone
at once when withdrawn, never a member's page for others, no CSRF token or cookie for
anonymous readers, and text gzip-compressed for readers who accept it."""

from __future__ import annotations

import datetime
import gzip
import io
import logging
import zipfile
from typing import Any

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db.models import F
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from reports import public_cache, public_state
from reports.models import PublicationEvent, ReportDocument, ReportSnapshot
from tests.factories import ReportDocumentFactory, ReportSnapshotFactory, SurveyFactory
from tests.reports.sample_tables import sample_tables

pytestmark = pytest.mark.django_db

KINDS = ["index", "district", "report", "pdf", "json", "json_en", "xlsx", "csv"]
PAGES = {"index", "district", "report"}
FILES = [kind for kind in KINDS if kind not in PAGES]
# HTML, JSON and CSV of at least a kilobyte are compressed; PDFs and workbooks never.
GZIPPED = {"index", "district", "report", "json", "json_en", "csv"}


class Recorder:
    """The shared cache with every get and set written down (and, if asked, failing)."""

    def __init__(self, *, failing: bool = False) -> None:
        self.real = caches["default"]
        self.gets: list[str] = []
        self.sets: list[str] = []
        self.failing = failing

    def get(self, key: str) -> Any:
        self.gets.append(key)
        if self.failing:
            raise ConnectionError("Redis is gone")
        return self.real.get(key)

    def set(self, key: str, value: Any, timeout: int) -> None:
        self.sets.append(key)
        if self.failing:
            raise ConnectionError("Redis is gone")
        self.real.set(key, value, timeout)


def forget_everything() -> None:
    caches["default"].clear()
    public_state.states.clear()
    public_cache.recent_entries.clear()
    public_cache.cache_switch.reset()


@pytest.fixture(autouse=True)
def empty_cache():
    forget_everything()
    yield
    forget_everything()


@pytest.fixture
def recorder(monkeypatch) -> Recorder:
    recording = Recorder()
    monkeypatch.setattr(public_cache, "shared_cache", lambda: recording)
    return recording


def publish_report(district, coordinator, *, title: str = "Was erreicht Familien im Kiez?"):
    survey = SurveyFactory(district=district, title=title)
    snapshot = ReportSnapshotFactory(survey=survey, tables=sample_tables(survey=survey))
    ReportDocumentFactory(
        snapshot=snapshot,
        pdf=b"%PDF-1.7 public",
        sha256="ab" * 32,
        finished_at=timezone.now(),
    )
    snapshot.publish(by=coordinator.user)
    return snapshot


def move_back(snapshot: ReportSnapshot, delta: datetime.timedelta) -> None:
    """Published (and its PDF made) `delta` ago: Last-Modified counts whole seconds."""
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(published_at=F("published_at") - delta)
    PublicationEvent.objects.filter(snapshot=snapshot).update(at=F("at") - delta)
    ReportDocument.objects.filter(snapshot=snapshot).update(finished_at=F("finished_at") - delta)
    snapshot.refresh_from_db()


@pytest.fixture
def snapshot(district_a, coordinator_a) -> ReportSnapshot:
    return publish_report(district_a, coordinator_a)


def url_of(kind: str, snapshot: ReportSnapshot) -> str:
    kwargs = {"district": snapshot.district.slug, "snapshot": snapshot.pk}
    return {
        "index": reverse("transparency:index"),
        "district": reverse("transparency:district", kwargs={"district": snapshot.district.slug}),
        "report": reverse("transparency:report", kwargs=kwargs),
        "pdf": reverse("transparency:document_pdf", kwargs={**kwargs, "document": "bericht-de"}),
        "json": reverse("transparency:export_json", kwargs=kwargs),
        "json_en": reverse("transparency:export_json", kwargs=kwargs) + "?lang=en",
        "xlsx": reverse("transparency:export_xlsx", kwargs=kwargs),
        "csv": reverse("transparency:export_csv", kwargs={**kwargs, "table": "reach"}),
    }[kind]


def comparable(response: HttpResponse) -> bytes:
    """The body without what differs between any two renderings: the moment a workbook was
    written (docProps/core.xml)."""
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        with zipfile.ZipFile(io.BytesIO(response.content)) as book:
            return b"".join(
                name.encode() + book.read(name)
                for name in sorted(book.namelist())
                if name != "docProps/core.xml"
            )
    return response.content


def vary(response: HttpResponse) -> set[str]:
    return {name.strip() for name in response.get("Vary", "").split(",") if name.strip()}


@pytest.mark.parametrize("kind", KINDS)
def test_the_cached_response_is_the_rendered_one(client, snapshot, recorder, kind):
    url = url_of(kind, snapshot)
    rendered = client.get(url)
    assert rendered.status_code == 200
    assert len(recorder.sets) == 1

    public_cache.recent_entries.clear()  # the next one comes from the shared cache
    cached = client.get(url)
    assert len(recorder.sets) == 1
    assert recorder.gets == [recorder.sets[0], recorder.sets[0]]

    forget_everything()
    again = client.get(url)  # rendered once more, with nothing cached
    assert len(recorder.sets) == 2
    for response in (cached, again):
        assert response.status_code == 200
        assert response["Content-Type"] == rendered["Content-Type"]
        assert response.get("Content-Disposition") == rendered.get("Content-Disposition")
        assert response["ETag"] == rendered["ETag"]
        assert response["Last-Modified"] == rendered["Last-Modified"]
        assert comparable(response) == comparable(rendered)
    if kind in PAGES:
        assert cached.content == rendered.content  # byte for byte: no per-reader token in it
        assert cached["Cache-Control"] == "private, no-cache"
        assert cached["ETag"].startswith('W/"')
    else:
        assert cached.content == again.content or kind == "xlsx"
        assert cached["Cache-Control"] == "public, no-cache"
    if kind == "pdf":
        assert cached["ETag"] == f'"{"ab" * 32}"'
        assert cached.content == b"%PDF-1.7 public"
    if kind == "json":
        assert cached["Access-Control-Allow-Origin"] == "*"


def test_a_cached_page_costs_one_query(client, snapshot, django_assert_num_queries):
    for kind in KINDS:
        client.get(url_of(kind, snapshot))
    for kind in KINDS:
        with django_assert_num_queries(1):
            assert client.get(url_of(kind, snapshot)).status_code == 200, kind


def test_with_the_state_kept_a_cached_page_needs_no_query_and_a_withdrawal_acts_at_once(
    client, snapshot, coordinator_a, settings, django_assert_num_queries
):
    settings.TRANSPARENCY_STATE_CACHE_SECONDS = 60
    for kind in KINDS:
        client.get(url_of(kind, snapshot))
    for kind in KINDS:
        with django_assert_num_queries(0):
            assert client.get(url_of(kind, snapshot)).status_code == 200, kind
    # Withdrawn in another process (no signal here): the kept state still serves it...
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(published_at=None)
    assert client.get(url_of("report", snapshot)).status_code == 200
    # ...until this process sees a publication event, as the acting process does at once.
    snapshot.refresh_from_db()
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(published_at=timezone.now())
    snapshot.refresh_from_db()
    snapshot.unpublish(by=coordinator_a.user)
    for kind in FILES:
        assert client.get(url_of(kind, snapshot)).status_code == 404, kind
    assert client.get(url_of("report", snapshot)).status_code == 404


def test_an_anonymous_reader_gets_no_csrf_token_and_no_cookie(client, snapshot):
    for kind in sorted(PAGES):
        url = url_of(kind, snapshot)
        for response in (client.get(url), client.get(url)):  # rendered, then from the cache
            assert response.status_code == 200, kind
            assert not response.cookies, kind
            assert b"csrfmiddlewaretoken" not in response.content, kind
            assert "Set-Cookie" not in response, kind
    assert not client.cookies


def test_the_language_links_of_a_cached_page_switch_it(client, snapshot):
    url = url_of("report", snapshot)
    client.get(url)
    page = client.get(url)  # from the cache
    link = f"{reverse('language_link', kwargs={'code': 'en'})}?next={url}"
    assert f'href="{link}"' in page.content.decode()
    assert 'action="/i18n/setlang/"' not in page.content.decode()

    switched = client.get(link)
    assert switched.status_code == 302
    assert switched["Location"] == url
    english = client.get(url)
    assert b'<html lang="en">' in english.content
    assert english["ETag"] != page["ETag"]
    back = f"{reverse('language_link', kwargs={'code': 'de'})}?next={url}"
    assert f'href="{back}"' in english.content.decode()
    assert not english.cookies


@pytest.mark.parametrize("kind", KINDS)
def test_a_conditional_request_is_304_from_the_state_alone(
    client, snapshot, recorder, kind, django_assert_num_queries
):
    url = url_of(kind, snapshot)
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert modified == first["Last-Modified"]
    reads = len(recorder.gets)

    with django_assert_num_queries(1):
        by_etag = client.get(url, headers={"If-None-Match": etag})
    by_date = client.get(url, headers={"If-Modified-Since": modified})
    head = client.head(url, headers={"If-None-Match": etag})
    for response in (by_etag, by_date, head):
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == etag
    assert len(recorder.gets) == reads  # the cache was not even asked
    other = client.get(url, headers={"If-None-Match": 'W/"something-else"'})
    assert other.status_code == 200


def test_head_answers_like_get(client, snapshot):
    for kind in KINDS:
        url = url_of(kind, snapshot)
        head = client.head(url)
        get = client.get(url)
        assert head.status_code == get.status_code == 200
        assert head["ETag"] == get["ETag"]
        assert head.content == b""


def test_last_modified_is_the_publication(client, snapshot):
    response = client.get(url_of("json", snapshot))
    assert response["Last-Modified"] == http_date(snapshot.published_at.timestamp())


def test_a_withdrawn_report_is_gone_from_every_cached_address(
    client, snapshot, coordinator_a, recorder
):
    move_back(snapshot, datetime.timedelta(minutes=1))
    before = {kind: client.get(url_of(kind, snapshot)) for kind in KINDS}
    assert all(response.status_code == 200 for response in before.values())
    assert snapshot.district.name in before["index"].content.decode()
    stored = len(recorder.sets)

    snapshot.unpublish(by=coordinator_a.user, reason="Eine Zahl war zu klein")

    for kind in FILES:
        assert client.get(url_of(kind, snapshot)).status_code == 404, kind
        old = client.get(url_of(kind, snapshot), headers={"If-None-Match": before[kind]["ETag"]})
        assert old.status_code == 404, kind
    assert client.get(url_of("report", snapshot)).status_code == 404
    index = client.get(url_of("index", snapshot))
    assert snapshot.district.name not in index.content.decode()
    assert index["ETag"] != before["index"]["ETag"]
    district = client.get(url_of("district", snapshot))
    assert "Was erreicht Familien im Kiez?" not in district.content.decode()
    assert "noch keinen Bericht veröffentlicht" in district.content.decode()
    assert len(recorder.sets) == stored + 2  # the new index and district page, nothing else


def test_withdrawing_an_older_report_moves_last_modified_of_the_lists(
    client, snapshot, district_a, coordinator_a
):
    newer = publish_report(district_a, coordinator_a, title="Zweite Welle")
    move_back(snapshot, datetime.timedelta(minutes=2))
    move_back(newer, datetime.timedelta(minutes=1))
    before = {kind: client.get(url_of(kind, snapshot)) for kind in ("index", "district")}

    snapshot.unpublish(by=coordinator_a.user)

    for kind, response in before.items():
        # A client that revalidates by date alone must not keep the withdrawn report.
        since = {"If-Modified-Since": response["Last-Modified"]}
        after = client.get(url_of(kind, snapshot), headers=since)
        assert after.status_code == 200, kind
        assert after["Last-Modified"] != response["Last-Modified"]
    district_page = client.get(url_of("district", snapshot)).content.decode()
    assert "Zweite Welle" in district_page
    assert "Was erreicht Familien im Kiez?" not in district_page


def test_publishing_again_changes_etag_and_body(client, snapshot, coordinator_a, recorder):
    # First published yesterday, so today's publication shows a new date.
    move_back(snapshot, datetime.timedelta(days=1))
    before = {kind: client.get(url_of(kind, snapshot)) for kind in KINDS}

    snapshot.unpublish(by=coordinator_a.user)
    snapshot.refresh_from_db()
    snapshot.publish(by=coordinator_a.user)

    for kind in KINDS:
        after = client.get(url_of(kind, snapshot))
        assert after.status_code == 200
        if kind == "pdf":  # the same bytes, so the same ETag: only Last-Modified moves
            assert after["ETag"] == before[kind]["ETag"]
            assert after["Last-Modified"] != before[kind]["Last-Modified"]
            continue
        assert after["ETag"] != before[kind]["ETag"], kind
        if kind != "csv":  # one table's rows: the publication is not in it
            assert comparable(after) != comparable(before[kind]), kind
    # Every address was stored again under a new key; the old entries are never read again.
    assert len(set(recorder.sets)) == len(recorder.sets) == 2 * len(KINDS)


def test_a_new_report_of_the_district_changes_index_and_district_page(
    client, snapshot, district_a, coordinator_a
):
    index, district = (
        client.get(url_of("index", snapshot)),
        client.get(url_of("district", snapshot)),
    )
    assert "1 Bericht" in index.content.decode()

    newer = publish_report(district_a, coordinator_a, title="Zweite Welle")

    index_after = client.get(url_of("index", newer))
    district_after = client.get(url_of("district", newer))
    assert "2 Berichte" in index_after.content.decode()
    assert "Zweite Welle" in district_after.content.decode()
    assert index_after["ETag"] != index["ETag"]
    assert district_after["ETag"] != district["ETag"]


def test_a_pdf_made_after_publication_appears_on_the_cached_page(client, snapshot):
    ReportDocument.objects.filter(snapshot=snapshot).delete()
    page = client.get(url_of("report", snapshot))
    assert "Von diesem Bericht gibt es noch kein PDF." in page.content.decode()

    ReportDocumentFactory(snapshot=snapshot, kind="brief", finished_at=timezone.now())

    again = client.get(url_of("report", snapshot))
    assert "Von diesem Bericht gibt es noch kein PDF." not in again.content.decode()
    assert "kurzfassung-de.pdf" in again.content.decode()
    assert again["ETag"] != page["ETag"]


def test_a_member_neither_reads_nor_writes_the_cache(client, snapshot, coordinator_a, recorder):
    client.force_login(coordinator_a.user)
    name = coordinator_a.user.get_full_name()
    for kind in KINDS:
        response = client.get(url_of(kind, snapshot))
        assert response.status_code == 200
        if kind in PAGES:
            assert name in response.content.decode()
            assert response["Cache-Control"] == "private, no-cache"
            assert "ETag" not in response
    assert recorder.gets == recorder.sets == []
    assert len(public_cache.recent_entries) == 0

    client.logout()
    anonymous = client.get(url_of("report", snapshot))
    assert name not in anonymous.content.decode()
    assert len(recorder.sets) == 1


def test_a_404_is_never_stored(client, district_a, coordinator_a, recorder):
    survey = SurveyFactory(district=district_a)
    draft = ReportSnapshotFactory(survey=survey, tables=sample_tables(survey=survey))
    ReportDocumentFactory(snapshot=draft)
    for kind in ["report", *FILES]:
        assert client.get(url_of(kind, draft)).status_code == 404, kind
    published = publish_report(district_a, coordinator_a)
    kwargs = {"district": district_a.slug, "snapshot": published.pk}
    missing = [
        reverse("transparency:export_csv", kwargs={**kwargs, "table": "gibt-es-nicht"}),
        reverse("transparency:document_pdf", kwargs={**kwargs, "document": "bericht-en"}),
        reverse("transparency:report", kwargs={"district": "gibt-es-nicht", "snapshot": 1}),
        reverse("transparency:district", kwargs={"district": "gibt-es-nicht"}),
    ]
    for url in missing:
        assert client.get(url).status_code == 404, url
    assert recorder.sets == []


def test_pending_messages_and_query_strings_are_rendered_for_that_request_only(
    client, snapshot, recorder
):
    url = url_of("report", snapshot)
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.INFO, "Sie wurden abgemeldet.")
    carrier = HttpResponse()
    storage.update(carrier)
    client.cookies["messages"] = carrier.cookies["messages"].value

    with_message = client.get(url)
    assert "Sie wurden abgemeldet." in with_message.content.decode()
    assert "ETag" not in with_message
    # The language links carry the path only, but a query string stays this request's own.
    probe = client.get(url + "?probe=<b>")
    assert probe.status_code == 200
    assert "ETag" not in probe
    assert "probe=" not in probe.content.decode()
    assert recorder.gets == recorder.sets == []

    plain = client.get(url)
    assert "Sie wurden abgemeldet." not in plain.content.decode()
    assert "probe=" not in plain.content.decode()
    assert len(recorder.sets) == 1


def test_each_host_address_and_language_has_its_own_page(client, snapshot, recorder):
    url = url_of("report", snapshot)
    client.get(url)
    client.get(url, headers={"Host": "localhost"})
    client.get(url.replace(f"/{snapshot.pk}/", f"/0{snapshot.pk}/"))
    client.cookies["django_language"] = "en"
    client.get(url)
    assert len(set(recorder.sets)) == 4


@pytest.mark.parametrize("kind", FILES)
def test_a_file_follows_its_address_not_the_readers_page_language(client, snapshot, kind):
    german = client.get(url_of(kind, snapshot))
    forget_everything()
    client.cookies["django_language"] = "en"
    english_reader = client.get(url_of(kind, snapshot))
    assert comparable(english_reader) == comparable(german)
    assert english_reader["ETag"] == german["ETag"]


def test_without_a_cache_the_pages_are_rendered_as_before(client, snapshot, monkeypatch, caplog):
    working = {kind: client.get(url_of(kind, snapshot)) for kind in KINDS}
    forget_everything()
    broken = Recorder(failing=True)
    monkeypatch.setattr(public_cache, "shared_cache", lambda: broken)

    with caplog.at_level(logging.WARNING, logger="reports.public_cache"):
        for kind in KINDS:
            response = client.get(url_of(kind, snapshot))
            assert response.status_code == 200, kind
            assert comparable(response) == comparable(working[kind]), kind
            assert response["ETag"] == working[kind]["ETag"]
    # One failure switches the cache off for a while: no request waits on it again.
    assert len(broken.gets) == 1
    assert broken.sets == []
    assert "public cache unavailable" in caplog.text


def test_text_is_sent_gzip_to_readers_who_take_it_and_plain_to_others(client, snapshot):
    for kind in KINDS:
        url = url_of(kind, snapshot)
        # Rendered (and stored) for a reader who takes gzip; then from the cache for both.
        first = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        plain = client.get(url)
        packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        head = client.head(url, HTTP_ACCEPT_ENCODING="gzip")
        for response in (first, plain, packed, head):
            assert response.status_code == 200, kind
            assert response["ETag"] == plain["ETag"], kind
            assert "Cookie" in vary(response), kind
        assert plain.get("Content-Encoding") is None, kind
        assert int(plain["Content-Length"]) == len(plain.content), kind
        if kind not in GZIPPED:  # the PDF and the workbook: always as they are
            for response in (first, packed, head):
                assert response.get("Content-Encoding") is None, kind
                assert "Accept-Encoding" not in vary(response), kind
            assert packed.content == plain.content, kind
            continue
        for response in (first, packed, head):
            assert response["Content-Encoding"] == "gzip", kind
            assert vary(response) == {"Accept-Encoding", "Cookie"}, kind
        assert "Accept-Encoding" in vary(plain), kind
        assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content), kind
        assert head["Content-Length"] == packed["Content-Length"], kind
        assert head.content == b"", kind
        assert gzip.decompress(first.content) == gzip.decompress(packed.content), kind
        assert gzip.decompress(packed.content) == plain.content, kind


def test_the_plain_body_is_the_rendered_one_byte_for_byte(client, snapshot):
    url = url_of("report", snapshot)
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")  # stored now, compressed once
    public_cache.recent_entries.clear()  # the next ones come from the shared cache
    plain = client.get(url)
    forget_everything()
    rendered = client.get(url)  # rendered again, for a reader without gzip
    assert plain.content == rendered.content == gzip.decompress(packed.content)
    assert rendered.get("Content-Encoding") is None


def test_a_conditional_request_with_gzip_is_still_304(client, snapshot):
    url = url_of("report", snapshot)
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    for validator in (
        {"If-None-Match": packed["ETag"]},
        {"If-Modified-Since": packed["Last-Modified"]},
    ):
        again = client.get(url, HTTP_ACCEPT_ENCODING="gzip", headers=validator)
        assert again.status_code == 304
        assert again.content == b""
        assert again.get("Content-Encoding") is None
        assert again["ETag"] == packed["ETag"]


def test_a_small_body_is_sent_plain(client, snapshot):
    kwargs = {"district": snapshot.district.slug, "snapshot": snapshot.pk, "table": "filters"}
    url = reverse("transparency:export_csv", kwargs=kwargs)
    client.get(url)
    small = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert len(small.content) < public_cache.GZIP_MIN_BYTES
    assert small.get("Content-Encoding") is None
    assert "Accept-Encoding" not in vary(small)


def test_a_member_gets_their_page_plain(client, snapshot, coordinator_a):
    # Rendered for them alone and never stored, so there is no compressed copy to send.
    client.force_login(coordinator_a.user)
    page = client.get(url_of("report", snapshot), HTTP_ACCEPT_ENCODING="gzip")
    assert page.status_code == 200
    assert page.get("Content-Encoding") is None


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("gzip", True),
        ("gzip, deflate, br, zstd", True),
        ("br;q=1.0, gzip;q=0.8, *;q=0.1", True),
        ("*", True),
        ("x-gzip", True),
        ("GZip", True),
        ("", False),
        ("identity", False),
        ("br, deflate", False),
        ("gzip;q=0", False),
        ("gzip;q=0.0, *", False),
        ("*;q=0", False),
        ("gzip;q=nonsense", False),
        ("gzipped", False),
    ],
)
def test_accept_encoding_is_read_with_its_weights(header, accepted):
    assert public_cache.accepts_gzip(header) is accepted
