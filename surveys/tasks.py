"""Celery tasks of the surveys app: the nightly retention."""

from __future__ import annotations

from celery import shared_task

from surveys.retention import retention_apply_all

# Deleting a large district's old answers takes seconds; half an hour means a stuck lock.
SOFT_TIME_LIMIT = 30 * 60


@shared_task(soft_time_limit=SOFT_TIME_LIMIT, time_limit=SOFT_TIME_LIMIT + 60)
def apply_retention() -> dict[str, int]:
    """Nightly (CELERY_BEAT_SCHEDULE): delete what every district's retention settings say is
    due. Each district and survey is its own transaction, so an interrupted run leaves whole
    deletions behind and the next night finishes the rest."""
    items = retention_apply_all()
    return {
        "responses": sum(item.responses for item in items),
        "answers": sum(item.answers for item in items),
    }
