"""One snapshot built by a real Celery worker through Redis (CI sets REDIS_URL)."""

from __future__ import annotations

import os
import time

import pytest
from django.conf import settings

from mitwirkung.celery import app
from reports.models import ReportSnapshot
from reports.services import snapshot_request
from surveys import blocks
from tests.factories import (
    AnswerFactory,
    CollectionPointFactory,
    OfferingFactory,
    ResponseFactory,
    SurveyFactory,
)


def _wait_until_finished(snapshot_id: int, timeout: float = 30) -> ReportSnapshot:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        snapshot = ReportSnapshot.objects.get(pk=snapshot_id)
        if snapshot.is_finished:
            return snapshot
        time.sleep(0.2)
    return ReportSnapshot.objects.get(pk=snapshot_id)


@pytest.mark.django_db(transaction=True)
def test_a_worker_builds_a_snapshot_sent_through_redis(district_a):
    if not settings.REDIS_URL:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run with REDIS_URL")
        pytest.skip("no REDIS_URL: tasks run eagerly, there is no broker to test")
    from celery.contrib.testing.worker import start_worker

    survey = SurveyFactory(district=district_a)
    blocks.add_reach_block(survey, [OfferingFactory(district=district_a)])
    known = survey.questions.get(block_key="known")
    point = CollectionPointFactory(survey=survey)
    for _ in range(6):
        AnswerFactory(
            response=ResponseFactory(survey=survey, collection_point=point),
            question=known,
            option=known.options.get(code="used"),
            text="",
        )
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            # No transaction here: the request commits at once and hands the id to Redis.
            snapshot = snapshot_request(survey=survey, by=None, kind=ReportSnapshot.Kind.MANUAL)
            snapshot = _wait_until_finished(snapshot.pk)
    finally:
        app.conf.task_always_eager = eager
    assert snapshot.status == ReportSnapshot.Status.READY, snapshot.failure_reason
    assert snapshot.tables["meta"]["respondents"] == {"n": 6}
    assert snapshot.fingerprint
