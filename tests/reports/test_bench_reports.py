"""The benchmark command runs end to end on a small data set and prints its figures."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from reports.models import ReportSnapshot
from surveys.models import Answer, Question, Response

pytestmark = pytest.mark.django_db


def _bench(**options: object) -> str:
    out = io.StringIO()
    # In place: the test database is already a throwaway one.
    call_command("bench_reports", in_place=True, stdout=out, **options)
    return out.getvalue()


def _figure(output: str, label: str) -> str:
    match = re.search(rf"^{re.escape(label)}: (.+)$", output, re.MULTILINE)
    assert match, f"no line {label!r} in:\n{output}"
    return match.group(1)


def test_bench_prints_every_figure_on_the_real_blocks_and_stores_a_ready_snapshot():
    """One small run for both: each run builds a snapshot and renders the dashboard five
    times, whatever the number of responses (seconds)."""
    output = _bench(responses=60, repeat=1, profile=2)

    assert _figure(output, "responses") == "60"
    assert Response.objects.count() == 60
    assert int(_figure(output, "answer rows")) == Answer.objects.count()
    # About twelve answer rows per family, so 100,000 responses give over a million.
    assert 10 <= Answer.objects.count() / 60 <= 15
    assert re.fullmatch(
        r"[\d.]+ s \(snapshot_build, median of 1\)", _figure(output, "snapshot build")
    )
    assert re.fullmatch(r"[\d.]+ s \(median of 1\)", _figure(output, "build_tables"))
    assert re.fullmatch(r"[\d.]+ s \(median of 1, \d+ rows\)", _figure(output, "raw GROUP BY"))
    assert re.fullmatch(r"[\d.]+", _figure(output, "ratio build / GROUP BY"))
    assert re.fullmatch(r"[\d.]+ ms \(median of 5, HTTP 200\)", _figure(output, "dashboard render"))
    assert len(re.findall(r"^  step ", output, re.MULTILINE)) >= 3
    assert len(re.findall(r"^  query ", output, re.MULTILINE)) == 2

    keys = set(Question.objects.values_list("block", "block_key"))
    assert {("reach", "known"), ("reach", "helpful"), ("reach", "barriers")} <= keys
    assert {("family", "benefits"), ("family", "home_area"), ("missing", "choices")} <= keys
    assert Question.objects.filter(block_key="known").count() == 4
    snapshot = ReportSnapshot.objects.ready().get()
    assert snapshot.tables["meta"]["respondents"] == {"n": 60}
    # Follow-up questions are answered only after the answer that shows them.
    for answer in Answer.objects.filter(question__show_if_option__isnull=False).select_related(
        "question"
    ):
        assert Answer.objects.filter(
            response_id=answer.response_id, option_id=answer.question.show_if_option_id
        ).exists()


def test_bench_scale_grows_one_survey_and_says_whether_the_targets_are_met():
    output = _bench(scale="20,50", repeat=1)

    rows = re.findall(
        r"^([\d,]+) \| ([\d,]+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+)$",
        output,
        re.MULTILINE,
    )
    assert [row[0] for row in rows] == ["20", "50"]
    assert Response.objects.count() == 50
    assert int(rows[-1][1].replace(",", "")) == Answer.objects.count()
    for size, _answers, build, raw, ratio, per_1k in rows:
        assert float(build) > 0
        assert float(raw) > 0
        assert float(ratio) > 0
        assert float(per_1k) == pytest.approx(float(build) * 1_000_000 / int(size), rel=0.01)
    # 100,000 responses are not among the sizes: the ratio target is not judged.
    assert "target ratio at 100,000 responses <= 3.0: not measured" in output
    assert re.search(r"^target linear growth .*: (met|not met) \(x[\d.]+\)$", output, re.MULTILINE)
