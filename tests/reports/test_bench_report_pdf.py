"""The PDF benchmark runs end to end on a tiny synthetic snapshot and prints every phase.

Without charts, so no browser starts here (test_document_pdf renders charts for real); the
synthetic snapshot is never saved, so the database stays empty.
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from reports.models import ReportSnapshot

pytestmark = pytest.mark.django_db


def test_bench_prints_each_phase_and_the_page_count(tmp_path):
    out = io.StringIO()
    target = tmp_path / "bench.pdf"
    call_command(
        "bench_report_pdf",
        offerings=2,
        areas=2,
        no_charts=True,
        output=target,
        repeat=2,
        stdout=out,
    )

    output = out.getvalue()
    runs = re.findall(
        r"^run (\d): total [\d.]+ s \(content [\d.]+ s, svg [\d.]+ s, weasyprint [\d.]+ s\)$",
        output,
        re.MULTILINE,
    )
    assert runs == ["1", "2"], output
    assert re.search(r"^total: [\d.]+ s \(median of 2\)$", output, re.MULTILINE), output
    pages = int(re.search(r"^pages: (\d+)$", output, re.MULTILINE).group(1))
    assert pages >= 8  # cover, contents and a page per chapter
    assert target.read_bytes().startswith(b"%PDF-1.7")
    assert not ReportSnapshot.objects.exists()
