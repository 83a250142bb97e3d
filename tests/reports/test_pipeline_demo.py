"""seed_demo leaves one ready demo snapshot, so dashboards show data on the first `make run`."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from goals.models import IndicatorValue
from reports.models import ReportSnapshot
from surveys.models import Survey

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_one_ready_snapshot_of_the_demo_survey_and_replaces_it(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    first = ReportSnapshot.objects.get()
    survey = Survey.objects.get(is_demo=True)
    assert first.survey == survey
    assert first.is_demo
    assert first.status == ReportSnapshot.Status.READY
    assert first.tables["meta"]["is_demo"] is True
    assert first.tables["meta"]["respondents"]["n"] == survey.responses.count()
    survey_values = IndicatorValue.objects.filter(indicator__survey_link__question__survey=survey)
    assert survey_values.count() == 1
    assert survey_values.get().source_note.startswith(f"Umfrage {survey.title}, Stand ")

    call_command("seed_demo")
    second = ReportSnapshot.objects.get()
    assert second.pk != first.pk
    assert second.is_ready
    assert survey_values.count() == 1
