"""HEAD works wherever GET does: link previews in messengers and link checkers send it first.

A HEAD request answers like GET, without a body and without side effects: it never starts a
family's answers, counts a start or writes anything.
"""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse

from districts.models import Membership
from surveys.models import CollectionPointDay, Response
from tests import url_walker
from tests.surveys.test_family_fixtures import make_family_survey

pytestmark = pytest.mark.django_db


def test_the_family_pages_answer_head_like_get_and_change_nothing(client):
    family = make_family_survey()
    urls = [
        family.start_url(),
        family.page_url(1),
        family.thanks_url,
        reverse("surveys:family_code"),
        reverse("healthz"),
        reverse("legal:barrier_report"),
        reverse("legal:privacy"),
        reverse("transparency:index"),
    ]
    before = (Response.objects.count(), CollectionPointDay.objects.count())
    for url in urls:
        head = client.head(url)
        assert head.status_code in {200, 302}, url
        assert head.content == b"", url
    assert (Response.objects.count(), CollectionPointDay.objects.count()) == before
    assert "family" not in str(dict(client.session))
    for url in urls:
        assert client.head(url).status_code == client.get(url).status_code, url


def test_every_district_page_answers_head_like_get(client, district_a):
    """Class-based views answer HEAD with their GET by Django's design unless their method
    list leaves it out, so they are checked by their list; function views, whose decorators
    decide, are asked."""
    client.force_login(url_walker.member_of(district_a, Membership.Role.COORDINATOR).user)
    different = []
    for route in url_walker.all_routes():
        if not route.is_district_page:
            continue
        kwargs = {"district": district_a.slug, **url_walker.objects_in(district_a, route)}
        url = reverse(route.name, kwargs=kwargs)
        view_class = getattr(resolve(url).func, "view_class", None)
        if view_class is not None:
            methods = view_class.http_method_names
            if "get" in methods and hasattr(view_class, "get") and "head" not in methods:
                different.append(f"{route.name}: allows GET but not HEAD")
            continue
        head = client.head(url).status_code
        # Only a page that refuses GET too (a form's POST address) may refuse HEAD.
        if head == 405 and (get := client.get(url).status_code) != 405:
            different.append(f"{route.name}: GET {get}, HEAD {head}")
    assert different == []
