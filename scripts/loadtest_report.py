"""Figures and PASS/FAIL lines for scripts/loadtest."""

from __future__ import annotations

import argparse
from collections import defaultdict
from dataclasses import dataclass, field

from loadtest_families import Sample, Tally

ORDER = [
    "trivial GET",
    "start GET",
    "start POST",
    "page GET",
    "page POST",
    "invalid POST",
    "send POST",
    "thanks GET",
]


def percentile(sorted_values: list[float], share: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(share * len(sorted_values)) - 1))
    return sorted_values[index]


def stats(samples: list[Sample]) -> dict[str, float]:
    ok = sorted(s.seconds * 1000 for s in samples if 0 < s.status < 500)
    return {
        "n": len(samples),
        "p50": percentile(ok, 0.50),
        "p95": percentile(ok, 0.95),
        "p99": percentile(ok, 0.99),
        "friendly503": sum(1 for s in samples if s.friendly),
        "errors": sum(1 for s in samples if s.status == 0 or (s.status >= 500 and not s.friendly)),
    }


def print_samples(samples: list[Sample], seconds: float) -> None:
    by_label: dict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        by_label[sample.label].append(sample)
    if not any(label == "trivial GET" for label in by_label):
        by_label["all family requests"] = list(samples)
    for label in [*ORDER, "all family requests"]:
        if label not in by_label:
            continue
        s = stats(by_label[label])
        print(
            f"    {label:20} n={s['n']:6d}  {s['n'] / seconds:7.1f}/s  "
            f"p50 {s['p50']:7.0f}  p95 {s['p95']:7.0f}  p99 {s['p99']:7.0f}  "
            f"503 friendly {s['friendly503']:4d}  errors {s['errors']:4d}"
        )


def summary(tally: Tally, ceiling: list[Sample], args: argparse.Namespace, new: int) -> str:
    family_rps = len(tally.samples) / args.seconds
    ceiling_rps = len(ceiling) / args.ceiling_seconds if ceiling else 0.0
    ratio = family_rps / ceiling_rps if ceiling_rps else 0.0
    family = stats(tally.samples)
    trivial = stats(ceiling)
    accepted = len(tally.accepted)
    return "\n".join(
        [
            f"  throughput: {family_rps:.1f} family requests/s, {accepted / args.seconds:.2f} "
            f"submissions/s; ceiling (trivial view) {ceiling_rps:.1f} requests/s; "
            f"ratio {ratio:.2f}",
            f"  p50 family {family['p50']:.0f} ms vs trivial {trivial['p50']:.0f} ms; "
            f"p99 family {family['p99']:.0f} ms vs trivial {trivial['p99']:.0f} ms",
            f"  accepted (send answered with /danke/) {accepted}, thank-you pages seen "
            f"{tally.thanks_seen}, ambiguous {tally.ambiguous}, new responses in DB {new}",
            f"  invalid posts {tally.invalid_posts}, families who gave up after them "
            f"{tally.gave_up}, unfinished drafts lost {tally.drafts_lost}",
        ]
    )


def print_timeline(tally: Tally, seconds: float, step: int = 5) -> None:
    print("  timeline (per 5 s: submissions accepted / requests / friendly 503 / errors):")
    for start in range(0, int(seconds), step):
        window = [s for s in tally.samples if start <= s.started < start + step]
        accepted = sum(1 for t in tally.accepted if start <= t < start + step)
        friendly = sum(1 for s in window if s.friendly)
        errors = sum(1 for s in window if s.status == 0 or (s.status >= 500 and not s.friendly))
        print(
            f"    {start:3d}-{start + step:3d} s  {accepted:4d} / {len(window):5d} / {friendly:4d} / {errors:4d}"
        )


@dataclass
class Checks:
    lines: list[tuple[bool, str, str]] = field(default_factory=list)

    def add(self, what: str, ok: bool, detail: str) -> None:
        self.lines.append((ok, what, detail))

    @property
    def passed(self) -> bool:
        return all(ok for ok, _, _ in self.lines)

    def print(self) -> None:
        for ok, what, detail in self.lines:
            print(f"  {'PASS' if ok else 'FAIL'}  {what}{f': {detail}' if detail else ''}")
