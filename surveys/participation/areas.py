"""Responses per home area (Bezirksregion) against children and child poverty, and the list
"Where to go next".
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext_lazy

from districts.models import Area, AreaIndicator
from mitwirkung.disclosure.cells import MIN_PERCENT_BASE, Cell, suppress_counts
from offerings import gaps
from surveys.models import Option, Survey
from surveys.participation.formatting import count_text, percent_text, rate_text
from surveys.participation.targets import TargetProgress

PER_CHILDREN = 1000


@dataclass
class AreaRow:
    """One line of the area table: a home area families chose, another answer, or none."""

    label: str | Promise
    cell: Cell
    area: Area | None = None
    children: int | None = None
    poverty: float | None = None
    poverty_estimated: bool = False
    is_high_poverty: bool = False
    target: TargetProgress | None = None
    is_listed: bool = False  # on the list "Where to go next"

    @property
    def rate(self) -> float | None:
        """Responses per 1,000 children; only for a shown count, so it cannot reveal a hidden one."""
        if self.area is None or self.cell.value is None:
            return None
        if self.children is None or self.children < MIN_PERCENT_BASE:
            return None
        return PER_CHILDREN * self.cell.value / self.children

    @property
    def is_inhabited(self) -> bool:
        return self.children != 0

    def sentence(self) -> str:
        """The plain sentence of the list "Where to go next"."""
        return f"{self.label}: {self.details()}"

    def details(self) -> str:
        """The sentence after the area's name: child poverty, responses so far, the target."""
        parts = []
        if self.is_high_poverty and self.poverty is not None:
            parts.append(
                gettext("high child poverty (%(share)s)") % {"share": percent_text(self.poverty)}
            )
        elif self.poverty is not None:
            parts.append(gettext("child poverty %(share)s") % {"share": percent_text(self.poverty)})
        parts.append(self._responses_text())
        text = ", ".join(parts)
        if self.target is not None:
            text += " – " + self._target_text(self.target)
        return text + "."

    def _responses_text(self) -> str:
        cell = self.cell
        if cell.is_small:
            return gettext("so far fewer than %(size)s responses") % {"size": cell.min_size}
        if cell.is_hidden:
            return gettext("number of responses hidden to protect small numbers")
        if cell.value == 0:
            return gettext("no response yet")
        if self.rate is not None:
            return gettext("so far %(rate)s responses per 1,000 children") % {
                "rate": rate_text(self.rate)
            }
        return gettext("so far %(count)s responses, number of children unknown") % {
            "count": count_text(cell)
        }

    @staticmethod
    def _target_text(progress: TargetProgress) -> str:
        target = number_format(progress.target.responses, force_grouping=True)
        if progress.reached is None:
            return gettext("target %(target)s, cannot be counted") % {"target": target}
        text = gettext("target %(target)s, reached %(reached)s") % {
            "target": target,
            "reached": count_text(progress.reached),
        }
        if progress.percent is not None:
            text += f" ({percent_text(progress.percent)})"
        return text


@dataclass
class AreaTable:
    rows: list[AreaRow]  # the home areas, in the order of the list "Where to go next"
    other_rows: list[AreaRow]  # "don't know", "prefer not to say", no answer
    total: int
    has_children: bool
    has_poverty: bool
    threshold: float | None
    poverty_indicator: AreaIndicator | None
    poverty_year: int | None
    children_year: int | None

    @property
    def next_steps(self) -> list[AreaRow]:
        return [row for row in self.rows if row.is_listed]

    @property
    def any_suppressed(self) -> bool:
        return any(row.cell.suppressed for row in self.rows + self.other_rows)

    @property
    def any_estimated(self) -> bool:
        return any(row.poverty_estimated for row in self.rows)


def _order_and_list(rows: list[AreaRow], has_poverty: bool) -> list[AreaRow]:
    """Mark the areas that need responses and sort them first.

    An inhabited area is listed when it is below its target (or the small-cell rule hides
    whether it is), or when it has high child poverty and no more responses per 1,000 children
    than the median area. Areas with a hidden number come first within their group, ordered by
    children only: their position must not reveal how many responses they have.
    """
    with_children = any(row.children for row in rows)

    def measure(row: AreaRow) -> float | None:
        if row.cell.value is None:
            return None
        return row.rate if with_children else float(row.cell.value)

    shown = [m for m in (measure(row) for row in rows) if m is not None]
    middle = statistics.median(shown) if shown else None
    for row in rows:
        if not row.is_inhabited:
            continue
        below_target = row.target is not None and row.target.is_met is not True
        poverty_counts = row.is_high_poverty if has_poverty else True
        value = measure(row)
        few = value is None or middle is None or value <= middle
        row.is_listed = below_target or (poverty_counts and few)

    def key(row: AreaRow) -> tuple[object, ...]:
        tier = 2
        if row.is_listed:
            tier = 0 if row.is_high_poverty else 1
        value = measure(row)
        if row.cell.suppressed:
            within: tuple[int, float] = (0, 0.0)
        elif value is not None:
            within = (1, value)
        else:
            within = (2, 0.0)
        return (tier, within, -(row.children or 0), str(row.label).casefold())

    return sorted(rows, key=key)


def _area_table(
    survey: Survey, options: list[Option], counts: dict[int, int], total: int, min_size: int
) -> AreaTable | None:
    """Responses per home area with children and child poverty, under the small-cell rule.

    One line for the rule: every area, every other answer and "no answer" add up to the
    number of responses, which the page shows, so only the cells themselves are protected.
    """
    if not options:
        return None
    area_options = sorted((o for o in options if o.area_id), key=lambda o: o.area.code)
    other_options = [o for o in options if not o.area_id]
    answered = sum(counts.get(o.pk, 0) for o in options)
    values = [counts.get(o.pk, 0) for o in area_options + other_options]
    values.append(max(total - answered, 0))
    table = suppress_counts(values, min_size=min_size, total_published=True)

    levels = {o.area.level for o in area_options}
    numbers = gaps.area_poverty_numbers(survey.district, levels) if levels else None
    rows = []
    for option, cell in zip(area_options, table.cells, strict=False):
        area = option.area
        children = poverty = None
        estimated = False
        if numbers is not None and area.code in numbers.by_code:
            children, poverty, estimated = numbers.by_code[area.code]
        rows.append(
            AreaRow(
                label=area.name,
                cell=cell,
                area=area,
                children=children,
                poverty=poverty,
                poverty_estimated=estimated,
                is_high_poverty=numbers is not None and area.code in numbers.high,
            )
        )
    rest = table.cells[len(area_options) :]
    other_rows = [
        AreaRow(label=option.text, cell=cell)
        for option, cell in zip(other_options, rest, strict=False)
    ]
    other_rows.append(AreaRow(label=pgettext_lazy("survey answer", "No answer"), cell=rest[-1]))
    return AreaTable(
        rows=rows,
        other_rows=other_rows,
        total=total,
        has_children=any(row.children for row in rows),
        has_poverty=numbers is not None and numbers.has_poverty,
        threshold=numbers.threshold if numbers else None,
        poverty_indicator=(
            AreaIndicator.objects.filter(key=gaps.POVERTY_KEY).first() if numbers else None
        ),
        poverty_year=numbers.poverty_year if numbers else None,
        children_year=numbers.children_year if numbers else None,
    )
