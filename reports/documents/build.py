"""Building one ReportDocument: content from the snapshot, charts as SVG, WeasyPrint."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from reports.documents.content import report_context
from reports.documents.render import RenderedPdf, render_document, warm_up_in_background
from reports.models import ReportDocument, ReportSnapshot
from surveys.pdf import css_string

TEMPLATES = {
    ReportDocument.Kind.REPORT: "reports/documents/report.html",
    ReportDocument.Kind.BRIEF: "reports/documents/brief.html",
}
# Share of the progress bar each phase ends at: charts take most of a report's time.
CONTENT_DONE, CHARTS_DONE = 10, 70


def build_document_pdf(document: ReportDocument) -> None:
    """Render the document's PDF from its snapshot's frozen tables and store it.

    Progress goes to the row as it happens (the status page polls it); errors propagate to
    the task, which records the failure.
    """
    snapshot = document.snapshot
    language = document.language

    def progress(percent: int, step: str) -> None:
        document.report_progress(percent, step)

    rendered = render_snapshot_pdf(
        snapshot, kind=document.kind, language=language, progress=progress
    )
    document.finish(rendered.pdf, rendered.pages)


def render_snapshot_pdf(
    snapshot: ReportSnapshot,
    *,
    kind: str,
    language: str,
    progress: Any = None,
) -> RenderedPdf:
    """The PDF of one kind of document; `progress(percent, step)` is told of each phase."""

    def tell(percent: int, step: str) -> None:
        if progress is not None:
            progress(percent, step)

    tell(2, gettext("Contents"))
    # The brief prints no chart: its sentences come from the same content, so no browser.
    chart_mode = "svg" if kind == ReportDocument.Kind.REPORT else "js"

    def on_chart(done: int, total: int) -> None:
        tell(
            CONTENT_DONE + (CHARTS_DONE - CONTENT_DONE) * done // total,
            gettext("Charts %(done)s of %(total)s") % {"done": done, "total": total},
        )

    warm_up = warm_up_in_background(language)
    context = report_context(snapshot, language=language, chart_mode=chart_mode, on_chart=on_chart)
    # The warm-up only saves time; if the fonts hang, rendering would hang too, and the task's
    # time limit ends it. Waiting longer here would only hide where it hung.
    warm_up.join(timeout=settings.MITWIRKUNG_PDF_WARM_UP_TIMEOUT)
    tell(CHARTS_DONE if chart_mode == "svg" else CONTENT_DONE, gettext("PDF"))
    with translation.override(language):
        if kind == ReportDocument.Kind.BRIEF:
            context["title"] = gettext("One-page brief")
        context.update(page_margins(context))
        return render_document(
            TEMPLATES[kind], context, max_pages=1 if kind == ReportDocument.Kind.BRIEF else 0
        )


def page_margins(context: dict[str, Any]) -> dict[str, str]:
    """The running header and the page numbers as CSS `content` values, in the language."""
    page_numbers = gettext("Page %(page)s of %(pages)s") % {
        "page": '" counter(page) "',
        "pages": '" counter(pages) "',
    }
    # css_string escapes quotes; the counters must stay CSS, so they are put back in.
    quoted = css_string(page_numbers).replace('\\" counter(page) \\"', '" counter(page) "')
    quoted = quoted.replace('\\" counter(pages) \\"', '" counter(pages) "')
    return {
        "css_running_title": css_string(f"{context['title']} · {context['district_name']}"),
        "css_page_numbers": quoted,
        "css_footer": css_string(context["survey_title"]),
    }
