"""Percentages, rates and counts written out as the monitor's page shows them."""

from __future__ import annotations

from django.utils.formats import number_format

from mitwirkung.disclosure.cells import Cell


def percent_text(value: float) -> str:
    return f"{number_format(round(value, 1), decimal_pos=1)} %"


def rate_text(value: float) -> str:
    """Responses per 1,000 children: one decimal below 10, whole numbers above."""
    if value < 10:
        return number_format(round(value, 1), decimal_pos=1)
    return number_format(round(value), force_grouping=True)


def count_text(cell: Cell) -> str:
    if cell.value is None:
        return cell.text
    return number_format(cell.value, force_grouping=True)
