"""scripts/bench_http's verdicts: a figure meets its issue #19 target only at the ratio or
percentile asked, without unexpected statuses, and with every accepted send stored."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "bench_http"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("bench_http", str(SCRIPT))
    spec = importlib.util.spec_from_loader("bench_http", loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_http"] = module  # dataclasses look their module up there
    loader.exec_module(module)
    return module


class Stored:
    def __init__(self, count: int) -> None:
        self.count = count

    def query(self, sql: str, *params: object) -> list[tuple[int]]:
        assert "surveys_response" in sql
        return [(self.count,)]


def run(bench, name, per_second, *, p95=50.0, wrong=0, completed=0, connections=50):
    return bench.Run(
        name=name,
        requests=int(per_second * 10),
        seconds=10.0,
        p50_ms=p95 / 2,
        p95_ms=p95,
        p99_ms=p95 * 1.2,
        wrong_status=wrong,
        socket_errors=0,
        completed=completed,
        connections=connections,
    )


def verdicts(bench, runs, stored=0) -> dict[str, bool]:
    targets = bench.evaluate(runs, Stored(stored), {"survey": 1})
    return {f"{t.scenario}: {t.text.split(';')[0]}": t.met for t in targets}


def test_ratios_against_the_trivial_run_just_before(bench):
    trivial = run(bench, "trivial", 4000)
    runs = {
        "family start": (run(bench, "family start", 1700), trivial),  # 0.425
        "family page": (run(bench, "family page", 1500), trivial),  # 0.375
        "report page": (run(bench, "report page", 2100, wrong=3), trivial),  # errors
    }
    result = verdicts(bench, runs)
    assert result == {
        "family start: 0.42 of the trivial view's throughput (at least 0.40)": True,
        "family page: 0.38 of the trivial view's throughput (at least 0.40)": False,
        "report page: 0.53 of the trivial view's throughput (at least 0.50)": False,
    }


def test_percentiles_and_the_stored_responses(bench):
    trivial = run(bench, "trivial", 4000)
    runs = {
        "family flow": (run(bench, "family flow", 900, completed=100), trivial),
        "family flow, 200 at once": (
            run(bench, "family flow, 200 at once", 700, p95=310, completed=50, connections=200),
            trivial,
        ),
        "staff dashboard": (run(bench, "staff dashboard", 150, p95=120, connections=20), trivial),
    }
    assert verdicts(bench, runs, stored=160) == {
        "family flow: 0.23 of the trivial view's throughput (at least 0.20)": True,
        "family flow, 200 at once: p95 310 ms with 200 concurrent (under 300 ms)": False,
        "staff dashboard: p95 120 ms with 20 concurrent (under 200 ms)": True,
        "family flow: 150 families saw their send accepted, 160 responses stored "
        "(at most 250 more than accepted: sends cut off when wrk stopped)": True,
    }
    # A lost response (fewer stored than accepted) is never a met target.
    assert not all(verdicts(bench, runs, stored=149).values())


def test_the_lua_scripts_report_every_figure_the_parser_reads(bench):
    for script in ("get.lua", "flow.lua"):
        text = (bench.LUA / script).read_text()
        for field in bench.Run.__dataclass_fields__:
            if field not in ("name", "connections"):
                assert f'"{field}"' in text, (script, field)
