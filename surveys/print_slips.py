"""Slips with one-time access codes: their sheets, cut lines and collection point."""

from __future__ import annotations

from dataclasses import dataclass

from surveys.models import AccessCodeBatch, CollectionPoint

SLIP_COLUMNS, SLIP_ROWS = 2, 7  # fourteen slips to an A4 sheet
SLIP_WIDTH, SLIP_HEIGHT = 97, 38.5  # millimetres (templates/surveys/print/slips.html)


@dataclass(frozen=True)
class SlipSheet:
    codes: list[str]
    cuts: str  # the dashed cut lines as one SVG path, in millimetres

    @property
    def height(self) -> float:
        return -(-len(self.codes) // SLIP_COLUMNS) * SLIP_HEIGHT

    @property
    def frame(self) -> float:
        """The drawing's height: half a millimetre more above and below, for the line width."""
        return self.height + 1


def cut_lines(count: int, *, right_to_left: bool = False) -> str:
    """Every edge of `count` slips once, as an SVG path.

    One dashed path per sheet: dashed CSS borders on 500 slips made the PDF four times
    larger and slower to draw.
    """
    edges: set[tuple[float, float, float, float]] = set()
    for index in range(count):
        row, column = divmod(index, SLIP_COLUMNS)
        if right_to_left:
            column = SLIP_COLUMNS - 1 - column
        left, top = column * SLIP_WIDTH, row * SLIP_HEIGHT
        right, bottom = left + SLIP_WIDTH, top + SLIP_HEIGHT
        edges |= {
            (left, top, right, top),
            (left, bottom, right, bottom),
            (left, top, left, bottom),
            (right, top, right, bottom),
        }
    return " ".join(f"M{x1:g} {y1:g}L{x2:g} {y2:g}" for x1, y1, x2, y2 in sorted(edges))


def slip_collection_point(batch: AccessCodeBatch) -> CollectionPoint | None:
    """The batch's collection point, else the survey's first active one (online preferred)."""
    if batch.collection_point is not None and batch.collection_point.survey_id == batch.survey_id:
        return batch.collection_point
    active = CollectionPoint.objects.filter(survey=batch.survey, is_active=True).order_by("pk")
    return active.filter(kind=CollectionPoint.Kind.ONLINE).first() or active.first()
