"""Asking for a PDF of a snapshot: one row per snapshot, kind and language, built once."""

from __future__ import annotations

from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from reports.models import ReportDocument, ReportSnapshot


def document_request(
    *, snapshot: ReportSnapshot, kind: str, language: str, by: object | None
) -> ReportDocument:
    """The document row for (snapshot, kind, language), queued for building when needed.

    A ready, pending or running document is returned as it is: its PDF is made from frozen
    tables, so building it again could not change a number. A failed one is queued again.
    """
    if not snapshot.is_ready:
        raise ValidationError(_("The report is not finished yet."), code="not_ready")
    if kind not in ReportDocument.Kind.values or language not in ReportDocument.Language.values:
        raise ValidationError(_("There is no such document."), code="unknown")
    try:
        with transaction.atomic():
            document, created = ReportDocument.objects.defer("pdf").get_or_create(
                snapshot=snapshot, kind=kind, language=language, defaults={"requested_by": by}
            )
    except IntegrityError:
        # Two requests at the same instant: the other one created the row.
        document, created = (
            ReportDocument.objects.defer("pdf").get(
                snapshot=snapshot, kind=kind, language=language
            ),
            False,
        )
    if created or document.rerequest(by=by):
        _enqueue(document.pk)
    return document


def _enqueue(document_id: int) -> None:
    from reports.tasks import build_document

    # After commit, so the worker finds the row; robust, so a broker hiccup leaves a pending
    # row that the next request finds instead of an error page.
    transaction.on_commit(partial(build_document.delay, document_id), robust=True)
