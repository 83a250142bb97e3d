"""surveys/family_live.py: a send whose collection point comes from the process's memory reads
the survey's state afresh, as the ORM would hand it over, without touching the kept point."""

from __future__ import annotations

import datetime
import uuid

import pytest

from surveys.family_live import LIVE_SURVEY_FIELDS
from surveys.family_session import find_point
from surveys.models import CollectionPoint, Survey
from tests.surveys.test_family_fixtures import make_family_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(settings) -> CollectionPoint:
    settings.SURVEY_POINT_CACHE_SECONDS = 60
    family = make_family_survey()
    point = find_point(family.point.code)
    assert point is not None
    assert find_point(family.point.code) is point  # kept in memory
    return point


def test_a_send_sees_every_change_made_by_another_process_with_the_orms_types(kept):
    version = uuid.uuid4()
    Survey.objects.filter(pk=kept.survey.pk).update(  # no signal: as in another process
        status=Survey.Status.CLOSED,
        opens_on=datetime.date(2026, 1, 5),
        closes_on=datetime.date(2026, 2, 1),
        requires_access_code=True,
        languages=["tr"],
        structure_version=version,
    )
    fresh = find_point(kept.code, fresh=True)
    stored = Survey.objects.get(pk=kept.survey.pk)
    for name in LIVE_SURVEY_FIELDS:
        assert getattr(fresh.survey, name) == getattr(stored, name), name
        assert type(getattr(fresh.survey, name)) is type(getattr(stored, name)), name
    assert fresh.survey.languages == ["tr"]
    assert fresh.survey.closes_on == datetime.date(2026, 2, 1)
    assert not fresh.survey.accepts_responses()
    assert fresh.survey.district == kept.survey.district
    # The kept point, shared by the process's requests, is untouched.
    assert kept.survey.status == Survey.Status.OPEN
    assert kept.survey.structure_version != version
    assert find_point(kept.code) is kept


def test_a_point_switched_off_meanwhile_stores_nothing(kept):
    CollectionPoint.objects.filter(pk=kept.pk).update(is_active=False)
    assert find_point(kept.code, fresh=True) is None
