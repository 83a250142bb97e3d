"""Benchmark of the PDF report: `python manage.py bench_report_pdf [--offerings 12 --areas 12]`.

Lays out a transparency report from a synthetic snapshot (reports/documents/synthetic.py:
valid tables of the given size, no database rows at all, so the configured database is
never touched) and prints the seconds of each phase the Celery task goes through:

  - content: the sections, sentences and chart figures from the tables,
  - SVG: every chart through one kaleido (Chromium) session,
  - WeasyPrint: layout and the tagged PDF/UA file,

plus the total, the number of charts and pages and the file size. A benchmark, not a test:
it prints figures and judges nothing.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

from districts.models import District
from reports.documents import content
from reports.documents.build import page_margins
from reports.documents.render import render_document, warm_up_in_background
from reports.documents.synthetic import synthetic_tables
from reports.models import ReportSnapshot


def bench_snapshot(*, offerings: int, areas: int) -> ReportSnapshot:
    """An unsaved ready snapshot with synthetic tables: nothing is written anywhere."""
    district = District(name="Benchmark-Bezirk", slug="benchmark")
    snapshot = ReportSnapshot(
        district=district,
        status=ReportSnapshot.Status.READY,
        tables=synthetic_tables(offerings=offerings, areas=areas),
    )
    snapshot.pk = 0
    return snapshot


def run(*, offerings: int, areas: int, language: str = "de", charts: bool = True) -> dict[str, Any]:
    """Build one report PDF in memory; seconds per phase, pages, charts and the bytes."""
    snapshot = bench_snapshot(offerings=offerings, areas=areas)
    started = time.perf_counter()
    context = content.report_context(snapshot, language=language, chart_mode="js")
    context["chart_mode"] = "svg"
    content_done = time.perf_counter()
    # As the task does it: WeasyPrint loads while Chromium draws.
    warm_up = warm_up_in_background(language)
    if charts:
        content.render_svgs(context["charts"])
    else:
        # Without a browser (the test suite): the charts' tables still print.
        context["charts"] = []
    warm_up.join()
    svg_done = time.perf_counter()
    with translation.override(language):
        context.update(page_margins(context))
        rendered = render_document("reports/documents/report.html", context)
    finished = time.perf_counter()
    return {
        "content": content_done - started,
        "svg": svg_done - content_done,
        "weasyprint": finished - svg_done,
        "total": finished - started,
        "charts": len(context["charts"]),
        "pages": rendered.pages,
        "pdf": rendered.pdf,
    }


class Command(BaseCommand):
    help = "Measure building the PDF transparency report from a synthetic snapshot."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--offerings", type=int, default=12)
        parser.add_argument("--areas", type=int, default=12)
        parser.add_argument("--language", choices=["de", "en"], default="de")
        parser.add_argument(
            "--no-charts", action="store_true", help="skip the SVG phase (no browser needed)"
        )
        parser.add_argument("--output", type=Path, help="also write the PDF to this file")
        parser.add_argument(
            "--repeat", type=int, default=1, help="build the report this many times in a row"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out = self.stdout.write
        out(f"offerings: {options['offerings']}")
        out(f"areas: {options['areas']}")
        results = []
        # Run 1 is a worker's first report (WeasyPrint, fonts and kaleido still to load);
        # later runs are what a running worker pays per report.
        for number in range(1, max(1, options["repeat"]) + 1):
            result = run(
                offerings=max(1, options["offerings"]),
                areas=max(1, options["areas"]),
                language=options["language"],
                charts=not options["no_charts"],
            )
            results.append(result)
            phases = ", ".join(
                f"{phase} {result[phase]:.2f} s" for phase in ("content", "svg", "weasyprint")
            )
            out(f"run {number}: total {result['total']:.2f} s ({phases})")
        result = results[-1]
        out(f"charts: {result['charts']}")
        out(f"pages: {result['pages']}")
        out(f"size: {len(result['pdf']) // 1024} kB")
        totals = sorted(r["total"] for r in results)
        out(f"total: {totals[len(totals) // 2]:.2f} s (median of {len(totals)})")
        if options["output"]:
            options["output"].write_bytes(result["pdf"])
            out(f"written: {options['output']}")
