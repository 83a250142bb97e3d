from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.core import mail

from mitwirkung.celery import app
from mitwirkung.legal.tasks import notify_new_barrier_report
from tests.factories import BarrierReportFactory


@pytest.mark.django_db(transaction=True)
def test_a_worker_runs_a_task_sent_through_redis(district_a, member):
    if not settings.REDIS_URL:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run with REDIS_URL")
        pytest.skip("no REDIS_URL: tasks run eagerly, there is no broker to test")
    from celery.contrib.testing.worker import start_worker

    coordinator = member(district_a, "coordinator")
    report = BarrierReportFactory(district=district_a)
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            result = notify_new_barrier_report.delay(report.pk)
            assert result.get(timeout=30) == 1
    finally:
        app.conf.task_always_eager = eager
    assert mail.outbox[-1].to == [coordinator.user.email]
