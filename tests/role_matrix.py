"""The role × URL matrix: every scoped route × every kind of visitor × GET and POST.

The routes come from the resolver (tests/url_walker.py), so a new view is in the matrix the
day it is added. What each visitor should get is read from the view's own declaration, the
`required_role` of its DistrictMixin, never from a response. Where that attribute does not
tell the whole story (function views, views that read with one role and write with another,
the provider who edits only its own organisation's offerings) DECLARED below says it; a route
that neither declares a role nor is listed here is reported as undeclared, so it cannot slip
through unchecked.

Expected answers: anonymous visitors are sent to the login; a coordinator of another district
gets the same 404 as a district that does not exist (also with that district in the address
and this district's object); a member below the required role gets 403; allowed members get
200 for GET (or what GET_STATUS documents) and, for an empty POST, the form again (200),
a redirect (302) or 400. A method a view does not serve may answer 405 to anyone.
Every POST (and every allowed GET) runs in a savepoint that is rolled back, so one visitor's
delete does not take the object away from the next; a refused request must not save or
delete a row (signals), and every table counts as many rows after the walk as before it.
Every refused visitor is asked; of the allowed ones only those `_asked` names (the cost).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.test import Client
from django.urls import resolve, reverse

from districts.models import District, Membership, Stakeholder
from districts.scoping import DistrictMixin
from reports.lookups import parse_document_slug
from reports.models import ReportSnapshot
from surveys.models import IndicatorLink, Survey
from tests import factories as f
from tests import url_walker

ROLE = Membership.Role

# The visitors of the matrix. Members of district A by role; `provider` keeps the offerings of
# the matrix up to date (its organisation is their provider), `provider_other` belongs to
# another organisation of the same district and is only asked where providers are declared.
ANONYMOUS, COORDINATOR_B = "anonymous", "coordinator_b"
MEMBERS = {
    "provider": ROLE.PROVIDER,
    "viewer": ROLE.VIEWER,
    "staff": ROLE.STAFF,
    "coordinator": ROLE.COORDINATOR,
}
PROVIDER_OTHER = "provider_other"
ACTORS = (ANONYMOUS, *MEMBERS, COORDINATOR_B)


def at_least(role: str) -> frozenset[str]:
    """The members of district A whose role allows what `role` may do (Role.allows)."""
    return frozenset(
        actor
        for actor, actor_role in {**MEMBERS, PROVIDER_OTHER: ROLE.PROVIDER}.items()
        if ROLE.allows(actor_role, role)
    )


STAFF_UP = at_least(ROLE.STAFF)
COORDINATOR_ONLY = at_least(ROLE.COORDINATOR)
EVERY_MEMBER = at_least(ROLE.VIEWER)


@dataclass(frozen=True)
class Access:
    """Who may GET and who may POST; None: the view does not serve the method (405)."""

    get: frozenset[str] | None
    post: frozenset[str] | None
    # What a member below the role gets: 403, or 404 where the view finds the object among
    # what the user may see (the object then does not exist for them).
    denied: int = 403

    @property
    def names_providers(self) -> bool:
        """Providers allowed where viewers are not: the organisation decides."""
        return any(
            "provider" in allowed and "viewer" not in allowed
            for allowed in (self.get, self.post)
            if allowed is not None
        )


OWN_PROVIDER_AND_STAFF = STAFF_UP | {"provider"}
ANY_PROVIDER_AND_STAFF = STAFF_UP | {"provider", PROVIDER_OTHER}

# Routes whose rule is not (or not only) the view's `required_role`. Each entry says why.
DECLARED: dict[str, Access] = {
    # Offerings: the view lets every member in and checks Offering.editable_by, so staff,
    # coordinators and the provider of the offering's own organisation edit it; a provider of
    # any organisation adds offerings (for its own organisation).
    "offerings:create": Access(get=ANY_PROVIDER_AND_STAFF, post=ANY_PROVIDER_AND_STAFF),
    "offerings:edit": Access(get=OWN_PROVIDER_AND_STAFF, post=OWN_PROVIDER_AND_STAFF),
    "offerings:end": Access(get=OWN_PROVIDER_AND_STAFF, post=OWN_PROVIDER_AND_STAFF),
    "offerings:offering_confirm": Access(get=None, post=OWN_PROVIDER_AND_STAFF),
    "offerings:offering_publish": Access(get=None, post=COORDINATOR_ONLY),
    # Every member reads the exchange page and exports; only staff upload.
    "offerings:exchange": Access(get=EVERY_MEMBER, post=STAFF_UP),
    # Every member reads a document's state; staff have it built (BUILD_ROLE).
    "reports:document": Access(get=EVERY_MEMBER, post=STAFF_UP),
    # Function views: their role is the one they pass to resolve_district / member_snapshot.
    "reports:snapshot_status_json": Access(get=EVERY_MEMBER, post=None),
    "reports:document_status_json": Access(get=EVERY_MEMBER, post=None),
    "reports:document_pdf": Access(get=EVERY_MEMBER, post=None),
    "reports:export_json": Access(get=EVERY_MEMBER, post=None),
    "reports:export_xlsx": Access(get=EVERY_MEMBER, post=None),
    "reports:export_csv": Access(get=EVERY_MEMBER, post=None),
    "surveys:export_csv": Access(get=COORDINATOR_ONLY, post=None),
    "surveys:export_xlsx": Access(get=COORDINATOR_ONLY, post=None),
    "surveys:free_text_review": Access(get=STAFF_UP, post=STAFF_UP),
    "surveys:free_text_delete": Access(get=STAFF_UP, post=STAFF_UP),
    "surveys:tags": Access(get=STAFF_UP, post=STAFF_UP),
    "surveys:tag_delete": Access(get=STAFF_UP, post=STAFF_UP),
    # Not below /d/<district>/: a report reaches the coordinators of its district, through
    # BarrierReport.objects.for_user, so everyone else finds no such report.
    "legal:barrier_report_answer": Access(get=COORDINATOR_ONLY, post=COORDINATOR_ONLY, denied=404),
}

# Allowed GETs that do not answer 200, and why.
GET_STATUS: dict[str, int] = {
    # Without an uploaded file in the session there is nothing to preview: back to the upload.
    "districts:area_import_preview": 302,
    "offerings:exchange_preview": 302,
    # A ready snapshot has no progress to show: on to its dashboard.
    "reports:snapshot_status": 302,
    # The matrix's snapshot is not published, so there is nothing to withdraw: to its share page.
    "reports:unpublish": 302,
    # Form targets whose form sits on another page (the finding, the decision, the free texts).
    "reports:finding_comment": 302,
    "reports:decision_progress": 302,
    "surveys:free_text_review": 302,
    "surveys:tags": 302,
}

# What an anonymous visitor gets from the pages outside the district scoping, with the kwargs
# below: 200 public, 302 to the login for the account's own pages, 404 for a made-up survey
# code or an unpublished report. A new name in PUBLIC_OR_OWN_PAGES needs its line here.
LOGIN = "302 to the login"
PUBLIC_ANONYMOUS_GET: dict[str, int | str] = {
    "home": LOGIN,
    "healthz": 200,
    "login": 200,
    "logout": 405,  # logging out is a POST (Django 5)
    "password_change": LOGIN,
    "password_change_done": LOGIN,
    "password_reset": 200,
    "password_reset_done": 200,
    "password_reset_confirm": 200,  # the page that says the link is not valid
    "password_reset_complete": 200,
    "two_factor:status": LOGIN,
    "two_factor:enrol": LOGIN,
    "two_factor:verify": LOGIN,
    "two_factor:recovery_codes": LOGIN,
    "two_factor:regenerate": LOGIN,
    "two_factor:disable": LOGIN,
    "set_language": 302,  # back to where the visitor came from
    # The public pages' language link with the made-up code below; "en" sets the cookie and
    # redirects (tests/test_language_link.py).
    "language_link": 404,
    "offerings:open_data_json": 200,
    "offerings:open_data_csv": 200,
    "transparency:index": 200,
    "transparency:district": 200,
    "transparency:report": 404,
    "transparency:document_pdf": 404,
    "transparency:export_json": 404,
    "transparency:export_xlsx": 404,
    "transparency:export_csv": 404,
    "surveys:family_code": 200,
    "surveys:family_start": 404,
    "surveys:family_page": 404,
    "surveys:family_thanks": 404,
    "surveys:family_tablet": 404,
    "legal:accessibility": 200,
    "legal:barrier_report": 200,
    "legal:barrier_report_thanks": 200,
    "legal:barrier_report_list": LOGIN,
    "legal:privacy": 200,
    "legal:imprint": 200,
    "legal:easy_language": 200,
}

POST_ACCEPTED = {200, 302, 400}


def declared_access(name: str, view: Callable[..., Any]) -> Access | str:
    """The route's Access, or why it has none (the route must then be declared)."""
    if name in DECLARED:
        return DECLARED[name]
    view_class = getattr(view, "view_class", None)
    if view_class is None or not issubclass(view_class, DistrictMixin):
        return "a function view (or a view without DistrictMixin): declare it in DECLARED"
    allowed = at_least(view_class.required_role)
    served = {m for m in ("get", "post") if m in view_class.http_method_names}
    served = {m for m in served if hasattr(view_class, m)}
    if "post" in served and ROLE.rank(view_class.required_role) < ROLE.rank(ROLE.STAFF):
        # DistrictMixin's default lets every member in: right for reading, a hole for writing
        # unless the view checks more itself. Such a view has to say who may write.
        return "takes POST with a reading role: declare who may write in DECLARED"
    return Access(
        get=allowed if "get" in served else None, post=allowed if "post" in served else None
    )


# Objects for a route's kwargs that must belong together (a page of that very survey, a
# document of that snapshot), so allowed members see the page instead of a 404.
def _survey_children(district: District, survey: int) -> dict[str, Callable[[], object]]:
    return {
        "page": lambda: f.PageFactory(survey_id=survey).pk,
        "question": lambda: f.QuestionFactory(page__survey_id=survey).pk,
        "collection_point": lambda: f.CollectionPointFactory(survey_id=survey).pk,
        "answer": lambda: f.AnswerFactory(response__collection_point__survey_id=survey).pk,
        "tag": lambda: f.FreeTextTagFactory(survey_id=survey).pk,
        "batch": lambda: f.AccessCodeBatchFactory(survey=Survey.objects.get(pk=survey)).pk,
        "target": lambda: f.ParticipationTargetFactory(collection_point__survey_id=survey).pk,
        "indicator": lambda: (
            IndicatorLink.objects.create(
                indicator=f.IndicatorFactory(goal__district=district),
                question=f.QuestionFactory(page__survey_id=survey),
            ).indicator_id
        ),
    }


def _snapshot_document(snapshot: int, slug: str) -> str:
    """The document slug, with a ready PDF of that snapshot behind it."""
    kind, language = parse_document_slug(slug)
    f.ReportDocumentFactory(
        snapshot=ReportSnapshot.objects.get(pk=snapshot), kind=kind, language=language
    )
    return slug


def objects_for(
    route: url_walker.Route, district: District, own_org: Stakeholder, made: dict[str, object]
) -> dict[str, object]:
    """URL kwargs of `route` with objects in `district` that belong together (a page of that
    very survey). `made` keeps them for the next route: every POST is rolled back, so routes
    can share one survey, one offering, one goal, and the walk makes each kind once."""
    factories = {
        **url_walker.OBJECT_FACTORIES,
        "offering": lambda d: f.OfferingFactory(district=d, provider=own_org).pk,
    }
    if "snapshot" in route.kwargs and "snapshot" not in made:
        made["snapshot"] = f.ReportSnapshotFactory(survey__district=district).pk
    # Answers lock a survey's questions (editing them redirects), so they get a survey of
    # their own.
    survey = "survey with answers" if "answer" in route.kwargs else "survey"
    if "survey" in route.kwargs and survey not in made:
        made[survey] = f.SurveyFactory(district=district).pk
    children = _survey_children(district, made[survey]) if "survey" in route.kwargs else {}
    kwargs: dict[str, object] = {}
    for key in route.object_kwargs:
        if key == "survey":
            kwargs[key] = made[survey]
        elif key in children:
            if f"{survey}.{key}" not in made:
                made[f"{survey}.{key}"] = children[key]()
            kwargs[key] = made[f"{survey}.{key}"]
        elif key in made:
            kwargs[key] = made[key]
        elif key == "document" and "snapshot" in made:
            made[key] = kwargs[key] = _snapshot_document(
                made["snapshot"], str(factories[key](district))
            )
        else:
            made[key] = kwargs[key] = factories[key](district)
    return kwargs


@dataclass
class Visitors:
    clients: dict[str, Client]

    @classmethod
    def create(cls, own: District, foreign: District, own_org: Stakeholder) -> Visitors:
        memberships = {
            actor: f.MembershipFactory(district=own, role=role) for actor, role in MEMBERS.items()
        }
        memberships["provider"].stakeholder = own_org
        memberships["provider"].save(update_fields=["stakeholder"])
        memberships[PROVIDER_OTHER] = f.MembershipFactory(
            district=own, role=ROLE.PROVIDER, stakeholder=f.StakeholderFactory(district=own)
        )
        memberships[COORDINATOR_B] = f.MembershipFactory(district=foreign, role=ROLE.COORDINATOR)
        clients = {ANONYMOUS: Client()}
        for actor, membership in memberships.items():
            clients[actor] = Client()
            clients[actor].force_login(membership.user)
        return cls(clients)


@dataclass
class WriteWatch:
    """Which models a request saved or deleted (the session excepted: logging in is not data)."""

    written: list[str] = field(default_factory=list)
    on: bool = False

    def __call__(self, sender: Any, **kwargs: Any) -> None:
        if self.on and sender._meta.label != "sessions.Session":
            self.written.append(sender._meta.label)

    @contextmanager
    def listening(self) -> Iterator[None]:
        """Connected once for the walk; `watching` switches it on for one request."""
        signals = (post_save, post_delete, m2m_changed)
        for signal in signals:
            signal.connect(self, weak=False, dispatch_uid="role-matrix")
        try:
            yield
        finally:
            for signal in signals:
                signal.disconnect(dispatch_uid="role-matrix")

    @contextmanager
    def watching(self) -> Iterator[list[str]]:
        self.written, self.on = [], True
        try:
            yield self.written
        finally:
            self.on = False


def row_counts() -> dict[str, int]:
    """Rows per model, to show that the whole matrix left the database as it found it."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label != "sessions.Session" and not model._meta.proxy
    }


def _expected(actor: str, allowed: frozenset[str] | None, access: Access) -> set[int] | None:
    """Statuses that are right for a refused visitor; None when the visitor is allowed."""
    refused_method = {405} if allowed is None else set()
    if actor == ANONYMOUS:
        return {302} | refused_method
    if actor == COORDINATOR_B:
        return {404} | refused_method
    if allowed is None:
        return {403, access.denied, 405}
    if actor in allowed:
        return None
    return {access.denied}


def _lowest(allowed: frozenset[str] | None) -> frozenset[str]:
    """The allowed visitors of the lowest rank: the ones at the border of the rule."""
    if not allowed:
        return frozenset()
    rank = min(ROLE.rank(_role(actor)) for actor in allowed)
    return frozenset(actor for actor in allowed if ROLE.rank(_role(actor)) == rank)


def _asked(allowed: frozenset[str] | None, method: str) -> frozenset[str]:
    """The allowed visitors whose request is made; every refused one is always asked.

    Roles are ordered (Role.allows), so the lowest allowed rank is the border of the rule and
    is always asked. A reading page is asked of the coordinator as well, who sees every
    button on it (staff see a subset); a form for staff is asked of staff only, and an empty
    POST only of the lowest rank: higher roles take the same path through the role check.
    This keeps the matrix at the cost of the cross-district walks it replaced."""
    lowest = _lowest(allowed)
    if method == "POST" or not lowest:
        return lowest
    reading_page = ROLE.rank(_role(next(iter(lowest)))) < ROLE.rank(ROLE.STAFF)
    return lowest | (allowed & {"coordinator"}) if reading_page else lowest


def _role(actor: str) -> str:
    return ROLE.PROVIDER if actor == PROVIDER_OTHER else MEMBERS[actor]


@dataclass
class Outcome:
    problems: list[str] = field(default_factory=list)
    requests: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def slowest(self, count: int = 5) -> list[tuple[str, float]]:
        return sorted(self.seconds.items(), key=lambda item: -item[1])[:count]


@dataclass(frozen=True)
class Planned:
    route: url_walker.Route
    url: str
    access: Access
    targets: tuple[tuple[str, str], ...]


@dataclass
class Walk:
    own: District
    foreign: District
    own_org: Stakeholder
    visitors: Visitors
    outcome: Outcome = field(default_factory=Outcome)
    watch: WriteWatch = field(default_factory=WriteWatch)
    made: dict[str, object] = field(default_factory=dict)

    def plan(self, route: url_walker.Route) -> Planned | None:
        """The route's objects, URL, declaration and visitors; None when it is undeclared."""
        kwargs = objects_for(route, self.own, self.own_org, self.made)
        if route.is_district_page:
            kwargs["district"] = self.own.slug
        url = reverse(route.name, kwargs=kwargs)
        access = declared_access(route.name, resolve(url).func)
        if isinstance(access, str):
            self.outcome.problems.append(f"{route.name}: undeclared, {access}")
            return None
        targets = [(actor, url) for actor in ACTORS]
        if access.names_providers:
            targets.append((PROVIDER_OTHER, url))
        if route.is_district_page and route.object_kwargs:
            # Their own district in the address, this district's object.
            foreign_url = reverse(route.name, kwargs={**kwargs, "district": self.foreign.slug})
            targets.append((COORDINATOR_B, foreign_url))
        return Planned(route, url, access, tuple(targets))

    def run(self, planned: Planned) -> None:
        access, pdf_seen = planned.access, False
        for actor, target in planned.targets:
            for method, allowed in (("GET", access.get), ("POST", access.post)):
                expected = _expected(actor, allowed, access)
                if expected is None and actor not in _asked(allowed, method):
                    continue
                if expected is None and method == "GET" and pdf_seen:
                    # PDFs (posters, flyers, questionnaires) take a second each to render:
                    # the lowest allowed role proves the route works, higher roles pass the
                    # same role check.
                    continue
                response = self.request(actor, method, target, expected)
                pdf_seen |= response.get("Content-Type", "") == "application/pdf"

    def request(self, actor: str, method: str, url: str, expected: set[int] | None) -> Any:
        client = self.visitors.clients[actor]
        with self.watch.watching() as written:
            if method == "GET" and expected is not None:
                response = client.get(url)
            else:
                # Rolled back: a delete as staff leaves the object for the next request, and
                # what a page makes when first opened (the current strategy cycle) goes too.
                # A refused GET is not rolled back: the row count after the walk sees its
                # writes, even bulk ones the signals miss.
                with transaction.atomic():
                    response = client.get(url) if method == "GET" else client.post(url, {})
                    transaction.set_rollback(True)
        self.outcome.requests += 1
        status, name = response.status_code, resolve(url.split("?")[0]).view_name
        where = f"{method} {url} ({name}) as {actor}"
        if expected is None:
            wanted = {GET_STATUS.get(name, 200)} if method == "GET" else POST_ACCEPTED
            if status not in wanted:
                self.outcome.problems.append(f"{where} -> {status}, expected {sorted(wanted)}")
            return response
        if status not in expected:
            self.outcome.problems.append(f"{where} -> {status}, expected {sorted(expected)}")
        elif status == 302 and not response["Location"].startswith(reverse("login")):
            self.outcome.problems.append(f"{where} -> 302 to {response['Location']}, not login")
        if written:
            self.outcome.problems.append(f"{where} was refused but wrote {sorted(set(written))}")
        return response


@contextmanager
def _quiet_refusals() -> Iterator[None]:
    """Every refusal would log a warning with its traceback; a 500 still logs as an error."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def walk(own: District, foreign: District, routes: list[url_walker.Route] | None = None) -> Outcome:
    """Requests every scoped route (or `routes`) as every visitor with GET and an empty POST."""
    own_org = f.StakeholderFactory(district=own)
    matrix = Walk(own, foreign, own_org, Visitors.create(own, foreign, own_org))
    planned = [
        matrix.plan(route) for route in (url_walker.scoped_routes() if routes is None else routes)
    ]
    rows_before = row_counts()
    with matrix.watch.listening(), _quiet_refusals():
        for plan in planned:
            if plan is not None:
                started = time.perf_counter()
                matrix.run(plan)
                matrix.outcome.seconds[plan.route.name] = time.perf_counter() - started
    changed = {
        model: (count, rows_after)
        for model, rows_after in row_counts().items()
        if (count := rows_before.get(model)) != rows_after
    }
    if changed:
        matrix.outcome.problems.append(f"rows changed (before, after): {changed}")
    return matrix.outcome


def public_pages(client: Client, district: District) -> list[str]:
    """Anonymous GETs of the pages outside the district scoping; returns what differed."""
    values = {
        "uidb64": "MQ",
        "token": "nicht-gueltig",
        "code": "GIBTSNICHT",
        "number": 1,
        "district": district.slug,
        "snapshot": f.ReportSnapshotFactory(survey__district=district).pk,  # not published
        **{key: url_walker.OBJECT_FACTORIES[key](district) for key in ("document", "table")},
    }
    problems = []
    routes = [r for r in url_walker.all_routes() if r.name in url_walker.PUBLIC_OR_OWN_PAGES]
    for route in routes:
        if route.name not in PUBLIC_ANONYMOUS_GET:
            problems.append(f"{route.name}: undeclared, add it to PUBLIC_ANONYMOUS_GET")
            continue
        url = reverse(route.name, kwargs={key: values[key] for key in route.kwargs})
        response = client.get(url)
        status: int | str = response.status_code
        if status == 302 and response["Location"].startswith(reverse("login")):
            status = LOGIN
        if status != PUBLIC_ANONYMOUS_GET[route.name]:
            problems.append(
                f"GET {url} ({route.name}) -> {status}, expected {PUBLIC_ANONYMOUS_GET[route.name]}"
            )
    return problems
