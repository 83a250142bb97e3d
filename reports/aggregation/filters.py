"""The filter views of a snapshot: which slice of respondents each "filter" key means.

A view reads the counts of one dimension (reports/aggregation/counts.py) and keeps the rows
of its values; the view of all respondents reads the benefit dimension whole, which then
splits it into the funnel columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation

from reports.aggregation.counts import ALL, Counts
from reports.aggregation.scope import WITH, WITHOUT, Structure
from reports.schema import Label
from surveys.languages import BY_CODE
from surveys.models import CollectionPoint

GROUP_LABELS: dict[str, Label] = {
    "with_benefits": {"de": "Familien mit Leistungen", "en": "Families with benefits"},
    "without_benefits": {"de": "Familien ohne Leistungen", "en": "Families without benefits"},
    "single_parent": {"de": "Alleinerziehende", "en": "Single parents"},
    "many_children": {
        "de": "Familien mit drei oder mehr Kindern",
        "en": "Families with three or more children",
    },
}
ALL_LABEL: Label = {"de": "Alle Antworten", "en": "All respondents"}
# group key → (dimension, value)
GROUP_COLUMNS: dict[str, tuple[str, int]] = {
    "with_benefits": ("ben", WITH),
    "without_benefits": ("ben", WITHOUT),
    "single_parent": ("single", 1),
    "many_children": ("many", 1),
}


@dataclass(frozen=True)
class View:
    key: str
    kind: str
    label: Label
    column: str | None = None  # None: every row
    values: tuple[int | str, ...] = ()

    @property
    def dim(self) -> str:
        """The dimension whose counts the view reads (all respondents: by benefit column)."""
        return self.column or "ben"

    def summed(self, counts: Counts, part: str) -> dict:
        """The part's counts of the families in the view (reports/aggregation/counts.py)."""
        return counts.summed(self.dim, part, None if self.column is None else self.values)

    def respondents(self, counts: Counts, flag: int = ALL) -> int:
        """Respondents in the view (with a flag of reports/aggregation/counts.py)."""
        return self.summed(counts, "p").get(flag, 0)


def both(function: object) -> Label:
    """A label computed under German and under English."""
    out = {}
    for language in ("de", "en"):
        with translation.override(language):
            out[language] = str(function() if callable(function) else function)
    return {"de": out["de"], "en": out["en"]}


def area_codes(s: Structure) -> dict[str, tuple[str, list[int]]]:
    """Area code → (name, home-area option ids), sorted by code."""
    codes: dict[str, tuple[str, list[int]]] = {}
    for option, (code, name, _level) in sorted(s.area_options.items(), key=lambda i: i[1][0]):
        codes.setdefault(code, (name, []))[1].append(option)
    return codes


def views(counts: Counts, s: Structure, points: list[CollectionPoint]) -> list[View]:
    """Every filter view with at least one respondent, in a fixed order."""
    out = [View("all", "all", ALL_LABEL)]
    for key, (column, value) in GROUP_COLUMNS.items():
        out.append(View(f"group:{key}", "group", GROUP_LABELS[key], column, (value,)))
    for code, (name, options) in area_codes(s).items():
        out.append(View(f"area:{code}", "area", {"de": name, "en": name}, "area", tuple(options)))
    for point in points:
        label = both(lambda point=point: str(point))
        out.append(View(f"point:{point.pk}", "point", label, "point", (point.pk,)))
    for code in sorted(counts.respondents("lang")):
        language = BY_CODE.get(code)
        label = both(language.name) if language else {"de": code, "en": code}
        out.append(View(f"language:{code}", "language", label, "lang", (code,)))
    # "all" stays even without answers, so every page finds the view it starts with.
    return [view for view in out if view.key == "all" or view.respondents(counts) > 0]
