"""An imported offering has one creation record in its history, and the lists are in it."""

from __future__ import annotations

import pytest

from offerings.exchange import offering_import_apply, offering_import_plan
from offerings.models import Offering
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_new_row_writes_one_creation_record_that_holds_its_lists(district_a):
    f.StakeholderFactory(district=district_a, name="Familienzentrum Klausenerplatz")
    data = (
        "Name;Träger;Kategorie;Zielgruppen;Sprachen\n"
        "Elterncafé;Familienzentrum Klausenerplatz;familienzentrum;"
        "Alleinerziehende|migration;Deutsch|Arabisch\n"
    ).encode()
    plan = offering_import_plan(data=data, district=district_a)
    assert plan.is_clean, plan.problems
    offering_import_apply(plan=plan)

    offering = Offering.objects.get(name="Elterncafé")
    record = offering.history.get()
    assert record.history_type == "+"
    assert set(record.target_groups.values_list("targetgroup__key", flat=True)) == {
        "single-parents",
        "migration",
    }
    assert set(record.languages.values_list("language__key", flat=True)) == {"de", "ar"}

    # A later change of a list is recorded as a change, as before.
    offering.languages.remove(*offering.languages.filter(key="ar"))
    assert list(offering.history.values_list("history_type", flat=True)) == ["~", "+"]
