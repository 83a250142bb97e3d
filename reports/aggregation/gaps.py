"""The gaps of a snapshot: what no offering covers, and where poor areas are reached least.

Goals, target groups and life phases come from the district's offerings (the same counting
as the offerings gap view, offerings/gaps.py); the poverty gaps and the area rows come from
the survey part of the build (H1's respondents table), so this module only selects from them.
"""

from __future__ import annotations

import statistics

from districts.models import District
from offerings import gaps as offering_gaps
from reports.schema import AreaGap, AreaRespondents, Gaps, PovertyGap


def district_gaps(
    district: District, *, areas: list[AreaRespondents], poverty_gaps: list[PovertyGap]
) -> Gaps:
    """Goals, target groups and life phases without offerings, the poverty gaps as given, and
    the areas with high child poverty and low reach. Four queries.

    Area rule: an area is listed when it has high child poverty (`high_poverty`, the gap
    view's median rule) and either
      - "low_reach": the share of its respondents using at least one of the survey's
        offerings (`uses_any` percent) is at or below the median of that share over all areas
        that have one, or
      - "no_answers": it has no such share, because nobody from there answered or too few to
        show a percentage (suppressed count or base below 10) — the survey cannot say whether
        families there are reached, which is a gap of its own.
    Sorted by child poverty, highest first (then by code).
    """
    return {
        "goals_without_offerings": [
            {"id": row.goal.pk, "title": row.goal.title}
            for row in offering_gaps.goal_coverage(district)
            if row.is_gap
        ],
        "poverty_gaps": list(poverty_gaps),
        "areas_low_reach": areas_low_reach(areas),
        "target_groups_without_offerings": [
            *_vocabulary_gaps("target_group", offering_gaps.target_group_coverage(district)),
            *_vocabulary_gaps("life_phase", offering_gaps.life_phase_coverage(district)),
        ],
    }


def areas_low_reach(areas: list[AreaRespondents]) -> list[AreaGap]:
    """The area rule of district_gaps, on the respondents' area rows; no query."""
    shares = [_uses_pct(row) for row in areas]
    known = [share for share in shares if share is not None]
    median = statistics.median(known) if known else None
    found: list[AreaGap] = []
    for row, share in zip(areas, shares, strict=True):
        if not row["high_poverty"] or row["child_poverty"] is None:
            continue
        if share is None:
            reason = "no_answers"
        elif median is not None and share <= median:
            reason = "low_reach"
        else:
            continue
        found.append(
            {
                "code": row["code"],
                "name": row["name"],
                "child_poverty": float(row["child_poverty"]),
                "uses_pct": share,
                "reason": reason,
            }
        )
    found.sort(key=lambda gap: (-gap["child_poverty"], gap["code"]))
    return found


def _uses_pct(row: AreaRespondents) -> float | None:
    cell = row.get("uses_any") or {}
    percent = cell.get("p")
    return None if percent is None else float(percent)


def _vocabulary_gaps(kind: str, rows: list[offering_gaps.GroupCoverage]) -> list[dict[str, str]]:
    # Names are data in German and English; the German one is the name, English goes along.
    return [
        {
            "kind": kind,
            "key": row.item.key,
            "name": row.item.name_de,
            "name_en": row.item.name_en or row.item.name_de,
        }
        for row in rows
        if row.is_gap
    ]
