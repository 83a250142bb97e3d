from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from districts.models import Area, District, Language, Membership
from goals.models import LifePhase, TargetGroup
from offerings.models import Offering, OfferingCategory
from tests import factories as f
from tests.browser.axe import assert_no_serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "sicheres-passwort-123"


def _catalogue(district: District) -> None:
    region = f.AreaFactory(
        district=district, level=Area.Level.BEZIRKSREGION, code="040101", name="Klausenerplatz"
    )
    area = f.AreaFactory(
        district=district,
        level=Area.Level.PLANUNGSRAUM,
        code="04010101",
        name="Schloßstraße",
        parent=region,
    )
    centre = OfferingCategory.objects.get(key="familienzentrum")
    other = OfferingCategory.objects.exclude(pk=centre.pk).order_by("position")[:3]
    languages = list(Language.objects.filter(key__in=["de", "tr", "ar"]))
    provider = f.StakeholderFactory(district=district, name="Familienzentrum am Park e. V.")
    cafe = f.OfferingFactory(
        district=district,
        name="Elterncafé am Klausenerplatz",
        description="Eltern treffen sich, Kinder spielen, Fachkräfte beraten auf Deutsch, "
        "Türkisch und Arabisch.",
        provider=provider,
        category=centre,
        step_free=True,
        childcare=True,
        interpreters=True,
        opening_times="Di und Do 9–12 Uhr",
        capacity_per_month=40,
        reached_per_month=32,
    )
    cafe.languages.set(languages)
    cafe.target_groups.set(TargetGroup.objects.all()[:2])
    cafe.life_phases.set(LifePhase.objects.all()[:2])
    f.OfferingPlaceFactory(
        offering=cafe, name="Familienzentrum am Park", address="Nehringstraße 8", area=area
    )
    f.OfferingGoalFactory(offering=cafe, goal__title="Mehr Familien kennen die Angebote im Kiez")
    f.OfferingResourceFactory(offering=cafe, amount=18000, funding_source="Familienförderung")
    f.OfferingFactory(
        district=district,
        name="Familienbüro mobil",
        category=centre,
        is_mobile=True,
        cost=Offering.Cost.REDUCED,
        last_confirmed_on=timezone.localdate() - datetime.timedelta(days=400),
    )
    for index, category in enumerate(other):
        f.OfferingFactory(
            district=district,
            name=f"{category.name_de} im Kiez",
            category=category,
            cost=Offering.Cost.FEE if index == 0 else Offering.Cost.FREE,
            is_district_wide=index == 1,
        )


def test_staff_filter_the_catalogue_by_category_and_open_an_offering(
    log_in, page, live_server, screenshot
):
    district = District.objects.get(number="04")
    staff = f.MembershipFactory(district=district, role=Membership.Role.STAFF)
    _catalogue(district)
    log_in(staff.user.username, PASSWORD)

    page.get_by_role("link", name="Angebote", exact=True).first.click()
    expect(page.get_by_role("heading", name="Angebote", exact=True)).to_be_visible()
    expect(page.get_by_text("5 aktive Angebote.")).to_be_visible()

    page.get_by_text("Filtern und suchen").click()
    page.get_by_label("Kategorie").select_option(label="Familienzentrum")
    page.get_by_role("button", name="Filter anwenden").click()

    expect(page.get_by_text("2 Angebote passen zu den Filtern.")).to_be_visible()
    expect(page.get_by_role("link", name="Elterncafé am Klausenerplatz")).to_be_visible()
    expect(page.get_by_text("Veraltet")).to_be_visible()
    expect(page.get_by_role("link", name="Familienbüro mobil")).to_be_visible()
    screenshot("offering-catalogue")

    page.get_by_role("link", name="Elterncafé am Klausenerplatz").click()
    expect(page.get_by_role("heading", name="Elterncafé am Klausenerplatz")).to_be_visible()
    expect(page.get_by_text("Nehringstraße 8")).to_be_visible()
    expect(
        page.get_by_role("link", name="Mehr Familien kennen die Angebote im Kiez", exact=True)
    ).to_be_visible()
    expect(page.get_by_role("link", name="Bearbeiten")).to_be_visible()
    screenshot("offering-detail")
    page.get_by_role("link", name="Bearbeiten").click()
    expect(
        page.get_by_role("heading", name="Angebot „Elterncafé am Klausenerplatz“ bearbeiten")
    ).to_be_visible()
    assert_no_serious_violations(page, "offering form")
