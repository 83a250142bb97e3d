"""Reports listen to surveys: closing a survey builds its final snapshot."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction

from reports.models import ReportSnapshot
from reports.services import snapshot_request
from surveys.models import Survey


def build_final_snapshot(sender: type[Survey], survey: Survey, **kwargs: Any) -> None:
    """Request the final snapshot once the closing is committed (not if it is rolled back)."""
    transaction.on_commit(
        partial(snapshot_request, survey=survey, by=None, kind=ReportSnapshot.Kind.FINAL),
        robust=True,  # the survey is closed either way; a failed request is logged
    )
