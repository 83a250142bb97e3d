"""Demo content for seed_demo: a ready, published snapshot of the demo survey, so dashboards
and the public transparency pages show data on the first `make run`."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model

from districts.demo import DEMO_ACCOUNTS
from districts.models import District, Membership
from reports.documents.requests import document_request
from reports.models import PublicationEvent, ReportDocument, ReportSnapshot
from reports.services import effective_min_group_size, snapshot_build
from surveys.models import Survey

DEMO_DOCUMENTS = (
    (ReportDocument.Kind.REPORT, "de"),
    (ReportDocument.Kind.BRIEF, "de"),
)


def _demo_coordinator() -> object | None:
    username = next(
        (a.username for a in DEMO_ACCOUNTS if a.role == Membership.Role.COORDINATOR), None
    )
    return get_user_model().objects.filter(username=username).first()


def seed(district: District) -> list[str]:
    """Replace the demo survey's demo snapshot by a fresh one, built right here (no queue),
    publish it as the demo coordinator and ask for its German PDFs."""
    survey = Survey.objects.for_district(district).filter(is_demo=True).order_by("pk").first()
    if survey is None:
        return []
    # seed_demo regenerates the survey's answers, so the last demo snapshot describes
    # nothing any more; snapshots people built themselves stay. Its publication record
    # goes with it (PROTECT keeps real records from vanishing by accident); its PDFs cascade.
    old = ReportSnapshot.objects.filter(district=district, is_demo=True)
    PublicationEvent.objects.filter(snapshot__in=old).delete()
    old.delete()
    snapshot = ReportSnapshot.objects.create(
        district=district,
        survey=survey,
        kind=ReportSnapshot.Kind.MANUAL,
        min_group_size=effective_min_group_size(survey),
        is_demo=True,
    )
    snapshot.claim()
    snapshot_build(snapshot=snapshot)
    coordinator = _demo_coordinator()
    snapshot.publish(by=coordinator)
    # Test settings may switch the PDFs off: without Redis the report is built right there
    # (over ten seconds), and every browser test seeds the demo.
    if getattr(settings, "MITWIRKUNG_DEMO_PDFS", True):
        # Built when seed_demo's transaction commits: by the worker, or here without Redis.
        for kind, language in DEMO_DOCUMENTS:
            document_request(snapshot=snapshot, kind=kind, language=language, by=coordinator)
    return [
        f"  Berichtsstand: {snapshot.pk} ({snapshot.get_status_display()}, veröffentlicht "
        f"unter /transparenz/{district.slug}/{snapshot.pk}/)"
    ]
