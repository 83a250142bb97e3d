"""A build's progress reaches the database in one statement that does not wait for the disk."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.models import ReportSnapshot
from tests.factories import ReportSnapshotFactory, SurveyFactory


@pytest.mark.django_db(transaction=True)
def test_progress_is_one_light_statement_and_others_read_it(district_a):
    snapshot = ReportSnapshotFactory(
        survey=SurveyFactory(district=district_a), status=ReportSnapshot.Status.RUNNING
    )
    other = ReportSnapshotFactory(
        survey=SurveyFactory(district=district_a), status=ReportSnapshot.Status.RUNNING
    )
    with CaptureQueriesContext(connection) as queries:
        snapshot.report_progress(140, "Lücken finden " + "x" * 200)
    assert len(queries.captured_queries) == 1
    if connection.vendor == "postgresql":
        assert queries.captured_queries[0]["sql"].startswith("SET LOCAL synchronous_commit = off")
    row = ReportSnapshot.objects.get(pk=snapshot.pk)
    assert (row.progress, len(row.progress_step)) == (100, 100)
    assert row.progress_step.startswith("Lücken finden x")
    untouched = ReportSnapshot.objects.get(pk=other.pk)
    assert (untouched.progress, untouched.progress_step) == (0, "")
