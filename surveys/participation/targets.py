"""Participation targets and how far each has been reached."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mitwirkung.disclosure.cells import HIDDEN, SHOWN, Cell
from surveys.models import ParticipationTarget

if TYPE_CHECKING:
    from surveys.participation.areas import AreaRow


@dataclass(frozen=True)
class TargetProgress:
    """A target with what has been reached. `reached` is None when it cannot be counted."""

    target: ParticipationTarget
    reached: Cell | None
    not_counted_because: str | Promise = ""

    @property
    def percent(self) -> float | None:
        if self.reached is None or self.reached.value is None or not self.target.responses:
            return None
        return 100 * self.reached.value / self.target.responses

    @property
    def bar_percent(self) -> int:
        return min(100, round(self.percent or 0))

    @property
    def is_met(self) -> bool | None:
        """True, False, or None when the small-cell rule (or the question) does not tell.

        A "fewer than 5" is certainly below a target of 5 or more; a number hidden for the
        secondary suppression tells nothing, or comparing targets would reveal it.
        """
        reached = self.reached
        if reached is None:
            return None
        if reached.value is not None:
            return reached.value >= self.target.responses
        if reached.is_small and self.target.responses >= reached.min_size:
            return False
        return None

    @property
    def label(self) -> str:
        return target_label(self.target)


def target_label(target: ParticipationTarget) -> str:
    """What a target is for: the collection point, or the area with its level."""
    if target.collection_point_id:
        return str(target.collection_point)
    return f"{target.area.get_level_display()}: {target.area.name}"


def _not_counted(area_rows: list[AreaRow]) -> Promise:
    if not area_rows:
        return _("The survey does not ask where families live.")
    return _("Families choose their Bezirksregion in this survey; this area is not among them.")


def _area_target(target: ParticipationTarget, rows: list[AreaRow], min_size: int) -> TargetProgress:
    """What an area target has reached: the responses from it and every area within it.

    Summed only when every part is shown: a sum around a hidden cell would reveal it.
    """
    area = target.area
    covered = [
        row
        for row in rows
        if row.area is not None
        and row.area.valid_from == area.valid_from
        and row.area.code.startswith(area.code)
    ]
    if not covered:
        return TargetProgress(target, None, _not_counted(rows))
    if len(covered) == 1:
        return TargetProgress(target, covered[0].cell)
    if any(row.cell.suppressed for row in covered):
        return TargetProgress(target, Cell(None, HIDDEN, min_size))
    return TargetProgress(
        target, Cell(sum(row.cell.value or 0 for row in covered), SHOWN, min_size)
    )
