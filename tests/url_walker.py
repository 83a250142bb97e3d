"""Walks every URL pattern of the project, so new views are checked without being listed.

The routes and their objects are what the role matrix (tests/role_matrix.py) and the HEAD
test request. Every object kwarg needs a factory below,
and every pattern without a district needs a place in PUBLIC_OR_OWN_PAGES: a new URL
that fits neither makes the test fail until its author decides which it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from districts.models import District, Membership
from goals.models import ActionGoal
from tests import factories as f

# URL names that are not district data: public pages, the account's own pages, and the
# admin (superusers only). Everything else must be district-scoped.
PUBLIC_OR_OWN_PAGES = {
    "home",
    "healthz",
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    # The public pages' language switch as a link (mitwirkung/language_link.py).
    "language_link",
    # The account's own second factor (mitwirkung/account_security/urls.py).
    "two_factor:status",
    "two_factor:enrol",
    "two_factor:verify",
    "two_factor:recovery_codes",
    "two_factor:regenerate",
    "two_factor:disable",
    "legal:accessibility",
    "legal:barrier_report",
    "legal:barrier_report_thanks",
    "legal:barrier_report_list",
    "legal:privacy",
    "legal:imprint",
    "legal:easy_language",
    # The family form behind a short link: anonymous, no login, no district in the address.
    "surveys:family_start",
    # The same form's other pages: typing the code from paper, a page of questions, thanks.
    "surveys:family_code",
    "surveys:family_page",
    "surveys:family_thanks",
    # Tablet mode: a signed link (surveys/tablet.py), public so the tablet needs no login.
    "surveys:family_tablet",
    # Open data: a district's published, active offerings without contact persons, for everyone.
    "offerings:open_data_json",
    "offerings:open_data_csv",
    # Transparency pages: published snapshots only, for everyone (reports/public_urls.py).
    "transparency:index",
    "transparency:district",
    "transparency:report",
    "transparency:document_pdf",
    "transparency:export_json",
    "transparency:export_xlsx",
    "transparency:export_csv",
}
IGNORED_NAMESPACES = {"admin"}


# kwarg name -> make an object of that kind in a district, return the URL value.
def _goal(district: District) -> ActionGoal:
    return f.ActionGoalFactory(district=district)


OBJECT_FACTORIES: dict[str, Callable[[District], object]] = {
    "membership": lambda district: f.MembershipFactory(district=district).pk,
    "barrier_report": lambda district: f.BarrierReportFactory(district=district).pk,
    "area": lambda district: f.AreaFactory(district=district).pk,
    "stakeholder": lambda district: f.StakeholderFactory(district=district).pk,
    "goal": lambda district: _goal(district).pk,
    "indicator": lambda district: f.IndicatorFactory(goal=_goal(district)).pk,
    "value": lambda district: f.IndicatorValueFactory(indicator__goal=_goal(district)).pk,
    "partner": lambda district: f.CurvePartnerFactory(indicator__goal=_goal(district)).pk,
    "action": lambda district: f.CurveActionFactory(indicator__goal=_goal(district)).pk,
    "resource": lambda district: f.ResourceFactory(district=district).pk,
    "offering": lambda district: f.OfferingFactory(district=district).pk,
    "place": lambda district: f.OfferingPlaceFactory(offering__district=district).pk,
    "link": lambda district: f.OfferingGoalFactory(offering__district=district).pk,
    "offering_resource": lambda district: f.OfferingResourceFactory(offering__district=district).pk,
    "change": lambda district: f.OfferingChangeFactory(offering__district=district).pk,
    "survey": lambda district: f.SurveyFactory(district=district).pk,
    "page": lambda district: f.PageFactory(survey__district=district).pk,
    "question": lambda district: f.QuestionFactory(page__survey__district=district).pk,
    "option": lambda district: f.OptionFactory(question__page__survey__district=district).pk,
    "collection_point": lambda district: f.CollectionPointFactory(survey__district=district).pk,
    "answer": lambda district: (
        f.AnswerFactory(response__collection_point__survey__district=district).pk
    ),
    "tag": lambda district: f.FreeTextTagFactory(survey__district=district).pk,
    "batch": lambda district: f.AccessCodeBatchFactory(survey__district=district).pk,
    "target": lambda district: (
        f.ParticipationTargetFactory(collection_point__survey__district=district).pk
    ),
    "snapshot": lambda district: f.ReportSnapshotFactory(survey__district=district).pk,
    "finding": lambda district: f.FindingFactory(district=district).pk,
    "decision": lambda district: f.DecisionFactory(district=district).pk,
    "cycle": lambda district: f.StrategyCycleFactory(district=district).pk,
    # Not objects: the walker only needs a valid value.
    "block": lambda district: "family",
    "language": lambda district: "ar",
    "document": lambda district: "bericht-de",
    "table": lambda district: "reach",
}

_KWARG = re.compile(r"<(?:\w+:)?(\w+)>")


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    kwargs: tuple[str, ...]

    @property
    def is_district_page(self) -> bool:
        return "district" in self.kwargs

    @property
    def object_kwargs(self) -> tuple[str, ...]:
        return tuple(k for k in self.kwargs if k != "district")


def _walk(resolver: URLResolver, prefix: str, namespace: str | None) -> Iterator[Route]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if ns and ns in IGNORED_NAMESPACES:
                continue
            full_ns = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else ns
            yield from _walk(entry, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern) and entry.name:
            route = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            kwargs = tuple(k for k in _KWARG.findall(route) if k not in entry.default_args)
            yield Route(name=name, route=route, kwargs=kwargs)


def all_routes() -> list[Route]:
    return list(_walk(get_resolver(), "", None))


def unclassified_routes() -> list[str]:
    """Routes that are neither district pages nor known public/own pages."""
    return sorted(
        r.name
        for r in all_routes()
        if not r.is_district_page and not r.object_kwargs and r.name not in PUBLIC_OR_OWN_PAGES
    )


def scoped_routes() -> list[Route]:
    """District pages, and pages of single objects that must check who may see them."""
    return [r for r in all_routes() if r.name not in PUBLIC_OR_OWN_PAGES]


def unknown_object_kwargs() -> list[str]:
    return sorted(
        {k for r in scoped_routes() for k in r.object_kwargs if k not in OBJECT_FACTORIES}
    )


def objects_in(district: District, route: Route) -> dict[str, object]:
    return {k: OBJECT_FACTORIES[k](district) for k in route.object_kwargs}


def member_of(district: District, role: str) -> Membership:
    return f.MembershipFactory(district=district, role=role)
