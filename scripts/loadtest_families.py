"""Simulated families for scripts/loadtest: threads with the standard library's HTTP client.

A family opens the collection point's link, starts, answers page after page and sends, like a
phone without JavaScript would: its own cookies, the CSRF token from each form, gzip. Each
family comes with its own address in X-Forwarded-For (the server trusts one proxy), so the
per-address rate limit counts families, not the load generator.

Some families make mistakes first: a page sent without its required answer must come back
with an error (200, nothing saved) and a tampered answer must be refused (400).

On a 503 or a refused connection a family does what a person does: waits and tries again
(reload), up to a limit. If the send itself had no clear answer and the retry finds the draft
gone, the submission is "ambiguous" (it may have been stored): the check allows for these.
"""

from __future__ import annotations

import gzip
import http.client
import random
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

UNAVAILABLE_MARKER = 'data-unavailable="database"'
THANKS_MARKERS = ("Vielen Dank!", "Thank you!", "Çok teşekkürler!", "شكرًا جزيلًا!")
LANGUAGES = ["de", "de", "de", "en", "tr", "ar"]  # most families read German
REQUEST_TIMEOUT = 30
RETRY_FOR_SECONDS = 60
RETRY_PAUSE = 1.0


@dataclass
class Sample:
    label: str
    started: float  # seconds since the run began
    seconds: float
    status: int  # 0: no answer (refused, reset, timeout)
    friendly: bool = False  # a 503 with the friendly page


@dataclass
class Tally:
    """What the families saw; appended to from many threads (list.append is atomic)."""

    samples: list[Sample] = field(default_factory=list)
    accepted: list[float] = field(default_factory=list)  # when the send was answered /danke/
    thanks_seen: int = 0
    ambiguous: int = 0
    invalid_posts: int = 0
    invalid_wrong: list[str] = field(default_factory=list)
    drafts_lost: int = 0
    gave_up: int = 0
    unexpected: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, name: str) -> None:
        with self.lock:
            setattr(self, name, getattr(self, name) + 1)


class FormParser(HTMLParser):
    """The page form: CSRF token, answer fields (name -> values), the main button."""

    def __init__(self) -> None:
        super().__init__()
        self.csrf = ""
        self.choices: dict[str, list[str]] = {}
        self.kinds: dict[str, str] = {}
        self.nav = ""
        self.summary = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "input" and a.get("name") == "csrfmiddlewaretoken":
            self.csrf = a.get("value", "")
        elif tag == "input" and a.get("type") in ("radio", "checkbox"):
            self.choices.setdefault(a["name"], []).append(a.get("value", ""))
            self.kinds[a["name"]] = a["type"]
        elif tag == "button" and a.get("name") == "nav" and a.get("value") in ("next", "send"):
            self.nav = a["value"]
        elif tag == "div" and "summary" in a.get("class", "").split():
            self.summary = True


def parse_form(html: str) -> FormParser:
    parser = FormParser()
    parser.feed(html)
    return parser


class Client:
    """One browser: cookies, a new connection per request (gunicorn's sync workers close)."""

    def __init__(self, host: str, port: int, address: str, tally: Tally, t0: float):
        self.host, self.port, self.address = host, port, address
        self.cookies: dict[str, str] = {}
        self.tally, self.t0 = tally, t0

    def request(
        self, label: str, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str, str]:
        """(status, Location, body); status 0 when there was no answer at all."""
        headers = {
            "Host": f"{self.host}:{self.port}",
            "X-Forwarded-For": self.address,
            "Accept-Encoding": "gzip",
            "User-Agent": "MitWirkung-loadtest",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://{self.host}:{self.port}"
        started = time.monotonic()
        status, location, text = 0, "", ""
        try:
            connection = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                raw = response.read()
                status = response.status
                if response.getheader("Content-Encoding") == "gzip":
                    raw = gzip.decompress(raw)
                text = raw.decode("utf-8", "replace")
                location = response.getheader("Location") or ""
                for name, value in response.getheaders():
                    if name.lower() == "set-cookie":
                        self._store_cookie(value)
            finally:
                connection.close()
        except (OSError, http.client.HTTPException):
            status = 0
        self.tally.samples.append(
            Sample(
                label,
                started - self.t0,
                time.monotonic() - started,
                status,
                friendly=status == 503 and UNAVAILABLE_MARKER in text,
            )
        )
        return status, location, text

    def _store_cookie(self, header: str) -> None:
        pair, _, attributes = header.partition(";")
        name, _, value = pair.strip().partition("=")
        lowered = attributes.lower()
        if "max-age=0" in lowered or "01 jan 1970" in lowered or value in ('""', ""):
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = value

    def patient(
        self, label: str, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str, str, bool]:
        """Like request, but on a 503 / no answer waits and tries again; True if it had to."""
        deadline = time.monotonic() + RETRY_FOR_SECONDS
        retried = False
        while True:
            status, location, text = self.request(label, method, path, form)
            if status not in (0, 502, 503, 504) or time.monotonic() > deadline:
                return status, location, text, retried
            retried = True
            time.sleep(RETRY_PAUSE)


class Family:
    def __init__(self, run: Run, number: int):
        self.run = run
        self.rng = random.Random(number)
        # 10.x.y.z: unique per family, like a phone on its own mobile connection.
        address = f"10.{(number >> 16) & 255}.{(number >> 8) & 255}.{number & 255}"
        self.client = Client(run.host, run.port, address, run.tally, run.t0)
        self.language = self.rng.choice(LANGUAGES)
        roll = self.rng.random()
        self.makes_mistakes = roll < run.invalid_share
        self.gives_up_after_mistakes = roll < run.invalid_share / 3

    def go(self) -> None:
        tally, code = self.run.tally, self.run.code
        start = f"/s/{code}/" + (f"?sprache={self.language}" if self.language != "de" else "")
        status, _, html, _ = self.client.patient("start GET", "GET", start)
        if status != 200:
            tally.unexpected[f"start GET {status}"] += 1
            return
        token = parse_form(html).csrf
        form = {"csrfmiddlewaretoken": token, "sprache": self.language}
        status, location, _, _ = self.client.patient("start POST", "POST", f"/s/{code}/", form)
        if status != 302:
            tally.unexpected[f"start POST {status}"] += 1
            return
        mistakes_left = self.makes_mistakes
        while True:
            path = urlsplit(location).path
            if "/danke/" in path:
                self._thanks(location)
                return
            if not re.fullmatch(rf"/s/{code}/\d+/", path):
                tally.unexpected[f"redirect to {path.split('?')[0]}"] += 1
                if "abgelaufen" in location:
                    tally.count("drafts_lost")
                return
            status, location2, html, _ = self.client.patient("page GET", "GET", path)
            if status == 302 and "abgelaufen" in location2:
                tally.count("drafts_lost")
                return
            if status != 200:
                tally.unexpected[f"page GET {status}"] += 1
                return
            page = parse_form(html)
            if mistakes_left:
                mistakes_left = False
                self._mistakes(path, page)
                if self.gives_up_after_mistakes:
                    tally.count("gave_up")
                    return
                status, _, html, _ = self.client.patient("page GET", "GET", path)
                page = parse_form(html)
            answers = {"csrfmiddlewaretoken": page.csrf, "nav": page.nav or "next"}
            for name, values in page.choices.items():
                answers[name] = self.rng.choice(values)
            label = "send POST" if page.nav == "send" else "page POST"
            status, location, _, retried = self.client.patient(label, "POST", path, answers)
            if status != 302:
                tally.unexpected[f"{label} {status}"] += 1
                return
            if label == "send POST":
                if "/danke/" in location:
                    with tally.lock:
                        tally.accepted.append(time.monotonic() - self.run.t0)
                elif retried and "abgelaufen" in location:
                    # The first try may have been stored before the answer was lost.
                    tally.count("ambiguous")
                    return

    def _mistakes(self, path: str, page: FormParser) -> None:
        """A page without its required answer (shown again, 200) and a tampered answer (400)."""
        tally = self.run.tally
        empty = {"csrfmiddlewaretoken": page.csrf, "nav": page.nav or "next"}
        status, _, html, _ = self.client.patient("invalid POST", "POST", path, empty)
        tally.count("invalid_posts")
        if status != 200 or not parse_form(html).summary:
            tally.invalid_wrong.append(f"missing answer -> {status}")
        name = next(iter(page.choices), None)
        if name is None:
            return
        tampered = {**empty, name: "987654321"}
        status, _, _, _ = self.client.patient("invalid POST", "POST", path, tampered)
        tally.count("invalid_posts")
        if status != 400:
            tally.invalid_wrong.append(f"tampered answer -> {status}")

    def _thanks(self, location: str) -> None:
        parts = urlsplit(location)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        status, _, html, _ = self.client.patient("thanks GET", "GET", path)
        if status == 200 and any(marker in html for marker in THANKS_MARKERS):
            self.run.tally.count("thanks_seen")
        else:
            self.run.tally.unexpected[f"thanks GET {status}"] += 1


@dataclass
class Run:
    host: str
    port: int
    code: str
    families: int
    seconds: float
    invalid_share: float = 0.15
    tally: Tally = field(default_factory=Tally)
    t0: float = field(default_factory=time.monotonic)
    next_number: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def _number(self) -> int:
        with self.lock:
            self.next_number += 1
            return self.next_number

    def _loop(self) -> None:
        while time.monotonic() - self.t0 < self.seconds:
            try:
                Family(self, self._number()).go()
            except Exception as exc:  # a bug in the driver must not end the run silently
                self.tally.unexpected[f"driver {type(exc).__name__}: {exc}"] += 1

    def go(self) -> Tally:
        self.t0 = time.monotonic()
        threads = [
            threading.Thread(target=self._loop, daemon=True, name=f"family-{n}")
            for n in range(self.families)
        ]
        for thread in threads:
            thread.start()
        # A family busy at the end finishes its current step (bounded by its retries).
        deadline = self.t0 + self.seconds + RETRY_FOR_SECONDS + 2 * REQUEST_TIMEOUT
        for thread in threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
        still = sum(thread.is_alive() for thread in threads)
        if still:
            self.tally.unexpected[f"families still busy at the deadline: {still}"] += 1
        return self.tally


def hammer(host: str, port: int, path: str, clients: int, seconds: float) -> list[Sample]:
    """The ceiling: `clients` threads fetching one trivial page for `seconds`."""
    tally = Tally()
    t0 = time.monotonic()

    def loop(number: int) -> None:
        client = Client(host, port, f"10.255.{number >> 8 & 255}.{number & 255}", tally, t0)
        while time.monotonic() - t0 < seconds:
            client.request("trivial GET", "GET", path)

    threads = [threading.Thread(target=loop, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 2 * REQUEST_TIMEOUT)
    return tally.samples
