from __future__ import annotations

import pytest
from django.utils import translation

from districts.models import Area, Sector
from offerings.forms import OfferingForm, OfferingGoalForm, OfferingPlaceForm
from offerings.models import Offering, OfferingCategory
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


@pytest.fixture
def provider(district_a):
    return f.StakeholderFactory(district=district_a)


def data(provider, **changes):
    category = OfferingCategory.objects.get(key="familienzentrum")
    values = {
        "name": "Babytreff",
        "provider": provider.pk,
        "provider_type": Offering.ProviderType.INDEPENDENT,
        "category": category.pk,
        "cost": Offering.Cost.FREE,
        "status": Offering.Status.ACTIVE,
    }
    values.update(changes)
    return values


def test_a_valid_offering_is_saved_with_the_categorys_sector(district_a, provider):
    form = OfferingForm(data(provider), district=district_a)
    assert form.is_valid(), form.errors
    offering = form.save()
    assert offering.district == district_a
    assert offering.sector == offering.category.sector


def test_a_chosen_sector_is_kept(district_a, provider):
    sector = Sector.objects.get(key="health")
    form = OfferingForm(data(provider, sector=sector.pk), district=district_a)
    assert form.is_valid(), form.errors
    assert form.save().sector == sector


def test_an_end_before_the_start_is_refused_in_german(district_a, provider):
    form = OfferingForm(
        data(provider, starts_on="2026-05-01", ends_on="2026-04-01"), district=district_a
    )
    assert not form.is_valid()
    assert form.errors["ends_on"] == ["Das Ende darf nicht vor dem Beginn liegen."]
    assert Offering.objects.count() == 0


def test_a_negative_capacity_is_refused(district_a, provider):
    form = OfferingForm(data(provider, capacity_per_month="-3"), district=district_a)
    assert not form.is_valid()
    assert form.errors["capacity_per_month"] == ["Die Zahl darf nicht negativ sein."]


def test_an_upper_age_below_the_lower_age_is_refused(district_a, provider):
    form = OfferingForm(data(provider, age_from="6", age_to="3"), district=district_a)
    assert not form.is_valid()
    assert "age_to" in form.errors


def test_a_provider_of_another_district_is_refused(district_a, district_b):
    foreign = f.StakeholderFactory(district=district_b)
    form = OfferingForm(data(foreign), district=district_a)
    assert not form.is_valid()
    assert "provider" in form.errors


def test_a_second_offering_with_the_same_name_and_provider_is_refused(district_a, provider):
    f.OfferingFactory(district=district_a, provider=provider, name="Babytreff")
    form = OfferingForm(data(provider), district=district_a)
    assert not form.is_valid()
    assert form.errors["name"] == ["Dieser Träger hat schon ein Angebot mit diesem Namen."]


def test_a_fixed_provider_is_not_on_the_form_and_wins(district_a, provider):
    other = f.StakeholderFactory(district=district_a)
    form = OfferingForm(data(other), district=district_a, provider=provider)
    assert "provider" not in form.fields
    assert form.is_valid(), form.errors
    assert form.save().provider == provider


def test_a_place_in_another_districts_area_is_refused(district_a, district_b):
    offering = f.OfferingFactory(district=district_a)
    foreign = f.AreaFactory(district=district_b, level=Area.Level.PLANUNGSRAUM, code="11020304")
    form = OfferingPlaceForm(
        {"address": "Frankfurter Allee 1", "area": foreign.pk},
        district=district_a,
        offering=offering,
    )
    assert not form.is_valid()
    assert "area" in form.errors


def test_a_place_offers_only_planning_areas_and_regions(district_a):
    offering = f.OfferingFactory(district=district_a)
    region = f.AreaFactory(district=district_a, level=Area.Level.BEZIRKSREGION, code="040101")
    forecast = f.AreaFactory(district=district_a, level=Area.Level.PROGNOSERAUM, code="0401")
    form = OfferingPlaceForm(district=district_a, offering=offering)
    choices = set(form.fields["area"].queryset)
    assert region in choices
    assert forecast not in choices


def test_a_goal_of_another_district_is_refused(district_a, district_b):
    offering = f.OfferingFactory(district=district_a)
    goal = f.ActionGoalFactory(district=district_b)
    form = OfferingGoalForm({"goal": goal.pk}, district=district_a, offering=offering)
    assert not form.is_valid()
    assert "goal" in form.errors


def test_an_already_linked_goal_is_not_offered_again(district_a):
    link = f.OfferingGoalFactory(offering__district=district_a)
    form = OfferingGoalForm(district=district_a, offering=link.offering)
    assert link.goal not in set(form.fields["goal"].queryset)
