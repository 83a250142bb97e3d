"""Before and after a decision: the same figures from the last snapshot before the change
and from each snapshot after it, with 95 % intervals and the difference between them.

Only cells the snapshots themselves show are used: a hidden or small cell stays "–", and a
difference is given only where both sides are shown, so the comparison publishes nothing a
snapshot did not. For a published report (`public=True`) only snapshots that are public,
plus the report being built, take part: their cells were protected together with
every earlier public report of the same survey (reports/aggregation/disclosure.py), and
reports of different surveys count different answers.

A snapshot is "before" when its last answer came before the day the decision was done, and
"after" when its first answer came on or after it; one that spans the change is neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from reports.aggregation.stats import newcombe_difference, wilson
from reports.dashboard import CellView, date_text, percent_text, points_text, stage_labels
from reports.models import Decision, ReportSnapshot
from reports.schema import TABLES_VERSION

EVIDENCE_STAGES = ("known", "used")
MAX_AFTER = 4  # the newest snapshots after the change; older ones add little


@dataclass(frozen=True)
class Point:
    """One snapshot taking part: what the columns of the comparison are."""

    snapshot: int
    survey: str
    first: str | None
    last: str | None
    role: str  # "before" | "after"

    def as_dict(self) -> dict[str, Any]:
        return {
            "snapshot": self.snapshot,
            "survey": self.survey,
            "first": self.first,
            "last": self.last,
            "role": self.role,
        }


def _area_keys(decision: Decision) -> list[str]:
    return [a.code for a in decision.areas.all()]


def _views(decision: Decision, tables: dict[str, Any]) -> list[tuple[str, str]]:
    """(filter key, column) pairs the evidence reads, in the order shown."""
    pairs = [("all", "all"), ("all", "with_benefits")]
    pairs += [
        (g if g.startswith("language:") else f"group:{g}", "all")
        for g in decision.groups or []
        if g != "with_benefits"
    ]
    area_filters = {f["key"][5:] for f in tables.get("filters", []) if f.get("kind") == "area"}
    for code in _area_keys(decision):
        # A Planungsraum is counted in its Bezirksregion when the snapshot reports regions.
        found = next((c for c in (code, code[:6]) if c in area_filters), code)
        pairs.append((f"area:{found}", "all"))
    seen: set[tuple[str, str]] = set()
    return [p for p in pairs if not (p in seen or seen.add(p))]


def _cell(tables: dict[str, Any], offering: int, view: str, column: str, stage: str) -> Any:
    rows = ((tables.get("reach") or {}).get("funnel") or {}).get(view)
    if rows is None:
        withheld = {w.get("key") for w in tables.get("withheld") or []}
        # A view the snapshot withholds (too few families in or outside it) is said so.
        return {"s": "withheld"} if view in withheld else None
    row = next((r for r in rows if int(r["offering"]) == offering), None)
    if row is None or column not in row.get("columns", {}):
        return None
    values = row["columns"][column]
    cell = dict(values.get(stage) or {})
    base = values.get("base") or {}
    if "n" in base:
        cell["base"] = base["n"]
    return cell


def _view_label(tables: dict[str, Any], view: str) -> dict[str, str] | None:
    found = next((f for f in tables.get("filters", []) if f["key"] == view), None)
    return found["label"] if found else None


def _offerings(tables: dict[str, Any]) -> dict[int, str]:
    return {int(o["id"]): o["name"] for o in (tables.get("reach") or {}).get("offerings", [])}


def evidence_data(decision: Decision, points: list[tuple[Point, dict[str, Any]]]) -> dict[str, Any]:
    """Rows of raw cells per point: JSON, so a published report can keep it frozen."""
    offering_ids = [o.pk for o in decision.offerings.all()]
    rows = []
    for offering in offering_ids:
        names = [n for _p, t in points for i, n in _offerings(t).items() if i == offering]
        if not names:
            continue
        for view, column in _views(decision, points[-1][1]):
            label = next((_view_label(t, view) for _p, t in points if _view_label(t, view)), None)
            for stage in EVIDENCE_STAGES:
                cells = [_cell(t, offering, view, column, stage) for _p, t in points]
                if all(c is None for c in cells):
                    continue
                rows.append(
                    {
                        "offering": names[-1],
                        "view": view,
                        "view_label": label,
                        "column": column,
                        "stage": stage,
                        "cells": cells,
                    }
                )
    return {"points": [p.as_dict() for p, _t in points], "rows": rows}


def _candidates(decision: Decision, public: bool) -> list[tuple[Point, int]]:
    done = decision.done_on
    if done is None:
        return []
    snapshots = ReportSnapshot.objects.for_district(decision.district_id).ready()
    if public:
        # Currently public ones: a withdrawn report's numbers are not repeated.
        snapshots = snapshots.published()
    rows = snapshots.filter(tables__version=TABLES_VERSION).values_list(
        "pk",
        "survey__title",
        "tables__meta__first_answer_on",
        "tables__meta__last_answer_on",
        "requested_at",
    )
    before, after = [], []
    iso = done.isoformat()
    for pk, title, first, last, requested in rows:
        if last and last < iso:
            before.append((last, requested, Point(pk, title, first, last, "before")))
        elif first and first >= iso:
            after.append((first, requested, Point(pk, title, first, last, "after")))
    chosen = []
    if before:
        chosen.append(max(before, key=lambda b: (b[0], b[1]))[2])
    chosen += [a[2] for a in sorted(after, key=lambda a: (a[0], a[1]))][-MAX_AFTER:]
    return [(p, p.snapshot) for p in chosen]


def decision_evidence(
    decision: Decision,
    *,
    public: bool = False,
    current: tuple[ReportSnapshot, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The evidence of a done decision; `current` is a report being built (public section)."""
    candidates = _candidates(decision, public)
    if current is not None:
        snapshot, tables = current
        meta = tables.get("meta") or {}
        first = meta.get("first_answer_on")
        candidates = [c for c in candidates if c[1] != snapshot.pk]
        if first and decision.done_on and first >= decision.done_on.isoformat():
            point = Point(
                snapshot.pk, snapshot.survey.title, first, meta.get("last_answer_on"), "after"
            )
            candidates.append((point, snapshot.pk))
    wanted = [pk for _p, pk in candidates if current is None or pk != current[0].pk]
    loaded = dict(ReportSnapshot.objects.filter(pk__in=wanted).values_list("pk", "tables"))
    if current is not None:
        loaded[current[0].pk] = current[1]
    points = [(p, loaded[pk]) for p, pk in candidates if pk in loaded]
    data = evidence_data(decision, points) if points else {"points": [], "rows": []}
    data["has_before"] = any(p.role == "before" for p, _t in points)
    data["has_after"] = any(p.role == "after" for p, _t in points)
    return data


# --- reading it on a page -----------------------------------------------------------------


def _label(label: dict[str, str] | None) -> str:
    if not label:
        return ""
    language = (translation.get_language() or "de")[:2]
    return label.get(language) or label.get("de") or ""


def _cell_text(cell: dict[str, Any] | None, min_size: int) -> tuple[str, str]:
    """("30,0 %", "22,1 … 39,4 %") or the suppression label and ""."""
    if cell is None:
        return _("not asked"), ""
    if cell.get("s") == "withheld":
        return _("not published"), ""
    if cell.get("s") in {"small", "hidden"}:
        return CellView.of(cell, min_size).count_text, ""
    n, base = cell.get("n"), cell.get("base")
    if n is None or not base or cell.get("p") is None:
        return "–", ""
    low, high = wilson(int(n), int(base))
    return percent_text(
        100 * n / base
    ), f"{percent_text(100 * low)[:-2]} … {percent_text(100 * high)}"


def _difference(
    before: dict[str, Any] | None, after: dict[str, Any] | None
) -> tuple[str, str, bool]:
    """(change in points, its 95 % interval, clear) where both shares are shown."""
    shown = [c for c in (before, after) if c and c.get("p") is not None and c.get("base")]
    if len(shown) < 2:
        return "–", "", False
    difference, low, high = newcombe_difference(
        int(after["n"]), int(after["base"]), int(before["n"]), int(before["base"])
    )
    return (
        points_text(100 * difference),
        f"{points_text(100 * low)} … {points_text(100 * high)}",
        low > 0 or high < 0,
    )


def present(data: dict[str, Any], min_size: int = 5) -> dict[str, Any]:
    """Texts for the template in the active language."""
    columns = {"all": _("all families"), "with_benefits": _("households with benefits")}
    stages = stage_labels()
    points = [
        {
            **p,
            "period": f"{date_text(p['first'])} – {date_text(p['last'])}",
            "role_text": pgettext("evidence", "before the change")
            if p["role"] == "before"
            else pgettext("evidence", "after the change"),
        }
        for p in data.get("points", [])
    ]
    before_index = next((i for i, p in enumerate(points) if p["role"] == "before"), None)
    rows = []
    for row in data.get("rows", []):
        view = _label(row.get("view_label")) if row["view"] != "all" else columns[row["column"]]
        if row["view"].startswith("language:") and view:
            view = _("Answered in %(language)s") % {"language": view}
        cells = [_cell_text(c, min_size) for c in row["cells"]]
        changes = []
        for i, cell in enumerate(row["cells"]):
            if before_index is None or i == before_index:
                continue
            changes.append(_difference(row["cells"][before_index], cell))
        rows.append(
            {
                "offering": row["offering"],
                "group": view or row["view"],
                "stage": stages.get(row["stage"], row["stage"]),
                "cells": cells,
                "changes": changes,
            }
        )
    offerings = list(dict.fromkeys(row["offering"] for row in rows))
    return {
        "points": points,
        "offerings": offerings,
        "one_offering": len(offerings) == 1,
        "after_points": [p for p in points if p["role"] == "after"],
        "has_before": before_index is not None,
        "rows": rows,
    }


def next_wave_hint(decision: Decision) -> dict[str, Any] | None:
    """When there is no snapshot after the change yet: the next planned survey, and whether
    it asks about the changed offerings."""
    from surveys.models import Question, Survey

    today = timezone.localdate()
    upcoming = (
        Survey.objects.for_district(decision.district_id)
        .exclude(status__in=[Survey.Status.CLOSED, Survey.Status.ARCHIVED])
        .filter(opens_on__gte=decision.done_on or today)
        .order_by("opens_on", "pk")
        .first()
    )
    offerings = list(decision.offerings.all())
    asked = set()
    if upcoming is not None:
        asked = set(
            Question.objects.filter(survey=upcoming, offering__in=offerings).values_list(
                "offering_id", flat=True
            )
        )
    return {
        "survey": upcoming,
        "opens_on": upcoming.opens_on if upcoming else None,
        "missing": [o for o in offerings if o.pk not in asked],
        "offerings": offerings,
        "since": (today - decision.done_on).days if decision.done_on else None,
    }


# --- the published report's section "What has changed" ------------------------------------


def _both(label_of: Any) -> dict[str, str]:
    out = {}
    for language in ("de", "en"):
        with translation.override(language):
            out[language] = str(label_of())
    return out


def changes_section(snapshot: ReportSnapshot, tables: dict[str, Any]) -> list[dict[str, Any]]:
    """The public decisions of the district (done or under way) with their public findings
    and, for done ones, the evidence from public reports and this one; frozen into the
    snapshot's tables so the published page and PDF never change afterwards.

    Internal comments never come along; a finding or decision reaches it only when a
    coordinator marked it public.
    """
    built = (tables.get("meta") or {}).get("built_at", "")[:10] or timezone.localdate().isoformat()
    decisions = (
        Decision.objects.for_district(snapshot.district_id)
        .public()
        .filter(status__in=[Decision.Status.DONE, Decision.Status.IN_PROGRESS])
        .exclude(done_on__gt=built)
        .prefetch_related("offerings", "areas", "findings")
        .order_by("-done_on", "-pk")
    )
    section = []
    for decision in decisions:
        entry: dict[str, Any] = {
            "title": decision.title,
            "kind": _both(decision.get_kind_display),
            "status": decision.status,
            "done_on": decision.done_on.isoformat() if decision.done_on else None,
            "offerings": [o.name for o in decision.offerings.all()],
            "findings": [f.title for f in decision.findings.all() if f.is_public],
        }
        if decision.status == Decision.Status.DONE:
            entry["evidence"] = decision_evidence(decision, public=True, current=(snapshot, tables))
        section.append(entry)
    return section


def present_changes(tables: dict[str, Any]) -> list[dict[str, Any]]:
    """The frozen section in the active language, for the public page and the PDF."""
    min_size = int((tables.get("meta") or {}).get("min_group_size") or 5)
    out = []
    for entry in tables.get("changes") or []:
        evidence = entry.get("evidence")
        out.append(
            {
                **entry,
                "kind_text": _label(entry.get("kind")),
                "done_text": date_text(entry.get("done_on")),
                "evidence": present(evidence, min_size) if evidence else None,
                "has_after": bool(evidence and evidence.get("has_after")),
                "has_before": bool(evidence and evidence.get("has_before")),
            }
        )
    return out
