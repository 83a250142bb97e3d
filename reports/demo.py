"""Demo content for seed_demo: a ready, published snapshot of the demo survey, so dashboards
and the public transparency pages show data on the first `make run`."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext

from districts.demo import DEMO_ACCOUNTS
from districts.models import District, Membership
from reports import demo_adaptation
from reports.documents.chart_process import browser_problem
from reports.documents.requests import document_request
from reports.models import PublicationEvent, ReportDocument, ReportSnapshot
from reports.services import effective_min_group_size, snapshot_build
from surveys.demo import EARLIER_TITLE
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


def _build(district: District, survey: Survey, coordinator: object) -> ReportSnapshot:
    snapshot = ReportSnapshot.objects.create(
        district=district,
        survey=survey,
        kind=ReportSnapshot.Kind.MANUAL,
        min_group_size=effective_min_group_size(survey),
        is_demo=True,
    )
    snapshot.claim()
    snapshot_build(snapshot=snapshot)
    snapshot.publish(by=coordinator)
    return snapshot


def seed(district: District) -> list[str]:
    """Replace the demo survey's demo snapshot by a fresh one, built right here (no queue),
    publish it as the demo coordinator and ask for its German PDFs.

    With last year's wave (surveys/demo.py), its report comes first, then the findings and
    decisions made from it (reports/demo_adaptation.py), then this year's report, which
    shows what changed since."""
    demo = Survey.objects.for_district(district).filter(is_demo=True)
    survey = demo.exclude(title=EARLIER_TITLE).order_by("pk").first()
    if survey is None:
        return []
    # seed_demo regenerates the survey's answers, so the last demo snapshot describes
    # nothing any more; snapshots people built themselves stay. Its publication record
    # goes with it (PROTECT keeps real records from vanishing by accident); its PDFs cascade.
    old = ReportSnapshot.objects.filter(district=district, is_demo=True)
    PublicationEvent.objects.filter(snapshot__in=old).delete()
    old.delete()
    coordinator = _demo_coordinator()
    earlier = demo.filter(title=EARLIER_TITLE).order_by("pk").first()
    adaptation: list[str] = []
    if earlier is not None and earlier.responses.exists():
        earlier_snapshot = _build(district, earlier, coordinator)
        adaptation = demo_adaptation.seed(district, earlier_snapshot, coordinator)
    snapshot = _build(district, survey, coordinator)
    if earlier is not None and adaptation:
        demo_adaptation.cycles(district, coordinator)
    lines = [
        f"  Berichtsstand: {snapshot.pk} ({snapshot.get_status_display()}, veröffentlicht "
        f"unter /transparenz/{district.slug}/{snapshot.pk}/)",
        *adaptation,
    ]
    # Test settings may switch the PDFs off: without Redis the report is built right there
    # (over ten seconds), and every browser test seeds the demo.
    if getattr(settings, "MITWIRKUNG_DEMO_PDFS", True):
        # Without a browser the report could only fail; a report without its charts would pass
        # for the real one. So it is skipped with the reason and the fix: the brief (no
        # charts), dashboards and public pages are all there, and once Chromium is installed
        # the share page makes the report with one click.
        missing_browser = browser_problem()
        # Built when seed_demo's transaction commits: by the worker, or here without Redis.
        for kind, language in DEMO_DOCUMENTS:
            if kind == ReportDocument.Kind.REPORT and missing_browser is not None:
                lines.append(_skipped_line(missing_browser.reason))
                continue
            document_request(snapshot=snapshot, kind=kind, language=language, by=coordinator)
    return lines


def summary(district: District) -> list[str]:
    """After seed_demo committed (and, without Redis, built the PDFs): a demo PDF that failed,
    with its reason, so a broken Chromium is said at once instead of found later."""
    failed = ReportDocument.objects.filter(
        snapshot__district=district, snapshot__is_demo=True, status=ReportDocument.Status.FAILED
    ).order_by("pk")
    return [
        "  "
        + gettext("Demo PDF “%(kind)s” not made: %(reason)s")
        % {"kind": document.get_kind_display(), "reason": document.failure_reason}
        for document in failed
    ]


def _skipped_line(reason: str) -> str:
    return "  " + gettext(
        "Demo PDF report skipped: %(reason)s Everything else of the demo is there."
    ) % {"reason": reason}
