from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from districts.models import Area, AreaIndicatorValue, District, Membership, Stakeholder
from goals.models import ActionGoal, Indicator, IndicatorValue, Resource
from offerings.models import Offering
from reports.models import PublicationEvent, ReportDocument, ReportSnapshot
from surveys.models import Answer, CollectionPoint, CollectionPointDay, Response, Survey

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_three_logins_and_marks_the_district(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    district = District.objects.get(slug="charlottenburg-wilmersdorf")
    assert district.has_demo_data
    roles = dict(Membership.objects.filter(district=district).values_list("user__username", "role"))
    assert roles == {"koordination": "coordinator", "fachkraft": "staff", "politik": "viewer"}
    assert get_user_model().objects.get(username="politik").check_password("mitwirkung")


DEMO_MODELS = [
    Membership,
    Area,
    AreaIndicatorValue,
    Stakeholder,
    ActionGoal,
    Indicator,
    IndicatorValue,
    Resource,
    Survey,
    CollectionPoint,
    Response,
    Answer,
    CollectionPointDay,
    ReportSnapshot,
    PublicationEvent,
    ReportDocument,
]


def test_seed_demo_twice_creates_nothing_new(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = {model.__name__: model.objects.count() for model in DEMO_MODELS}
    call_command("seed_demo")
    assert {model.__name__: model.objects.count() for model in DEMO_MODELS} == counts


def test_seed_demo_fills_every_step_of_the_demo_district(settings):
    settings.DEBUG = True
    settings.MITWIRKUNG_DEMO_PDFS = True
    call_command("seed_demo")
    district = District.objects.get(slug="charlottenburg-wilmersdorf")
    assert Area.objects.for_district(district).level(Area.Level.PLANUNGSRAUM).count() == 52
    assert Stakeholder.objects.for_district(district).count() == 15
    goals = ActionGoal.objects.for_district(district)
    assert goals.filter(kind=ActionGoal.Kind.IMPACT).count() == 3
    assert goals.filter(kind=ActionGoal.Kind.ACTION).count() == 8
    assert (
        Indicator.objects.for_district(district).filter(values__isnull=False).distinct().count()
        >= 5
    )
    assert Resource.objects.for_district(district).count() == 7
    assert Offering.objects.for_district(district).active().count() >= 35
    survey = Survey.objects.for_district(district).get(is_demo=True)
    assert survey.status == Survey.Status.OPEN
    assert survey.collection_points.count() == 3
    assert 550 <= Response.objects.filter(survey=survey, is_demo=True).count() <= 650
    # The public transparency pages have content on the first `make run`.
    published = ReportSnapshot.objects.published().get(district=district, is_demo=True)
    assert published.publication_events.get().by.username == "koordination"
    assert set(published.documents.values_list("kind", "language")) == {
        ("report", "de"),
        ("brief", "de"),
    }


def test_seed_demo_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
    assert not get_user_model().objects.filter(username="koordination").exists()
    call_command("seed_demo", "--force")
    assert get_user_model().objects.filter(username="koordination").exists()


def test_demo_districts_say_so_on_every_page(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    response = client.post("/accounts/login/", {"username": "fachkraft", "password": "mitwirkung"})
    assert response.status_code == 302
    page = client.get("/d/charlottenburg-wilmersdorf/").text
    assert "Demo-Daten" in page
