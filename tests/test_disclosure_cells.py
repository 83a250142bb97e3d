from __future__ import annotations

import itertools

import pytest
from django.utils import translation

from mitwirkung.disclosure.cells import (
    HIDDEN,
    SHOWN,
    SMALL,
    Cell,
    protect,
    share,
    suppress_counts,
    suppress_grid,
)


def reasons(table):
    return [cell.reason for cell in table.cells]


def values(cells):
    return [cell.value for cell in cells]


def test_counts_from_the_minimum_group_size_are_shown_as_they_are():
    table = suppress_counts([5, 12, 40], min_size=5)
    assert values(table.cells) == [5, 12, 40]
    assert table.total.value == 57
    assert not table.any_suppressed


def test_a_count_below_the_minimum_is_suppressed_and_does_not_carry_its_number():
    table = suppress_counts([4, 12, 40], min_size=5)
    assert table.cells[0].reason == SMALL
    assert table.cells[0].value is None
    assert table.cells[0].percent is None


def test_zero_describes_no_family_and_stays_visible():
    table = suppress_counts([0, 12, 40], min_size=5)
    assert values(table.cells) == [0, 12, 40]


def test_the_minimum_follows_the_surveys_group_size():
    assert reasons(suppress_counts([7, 20, 30], min_size=8))[0] == SMALL
    assert reasons(suppress_counts([7, 20, 30], min_size=5))[0] == SHOWN


def test_a_single_small_cell_hides_the_next_smallest_so_the_total_cannot_reveal_it():
    table = suppress_counts([3, 30, 9, 12], min_size=5)
    assert reasons(table) == [SMALL, SHOWN, HIDDEN, SHOWN]
    assert table.cells[2].value is None
    # The total stays: with two hidden cells only their sum is known.
    assert table.total.value == 54


def test_a_hidden_zero_alone_does_not_protect_a_small_cell():
    # Hiding only the 0 would leave 3 = 23 − 0 − 20 to work out from the total.
    table = suppress_counts([3, 0, 20], min_size=5)
    assert reasons(table) == [SMALL, HIDDEN, HIDDEN]


def test_two_small_cells_need_no_secondary_suppression():
    table = suppress_counts([2, 3, 20, 30], min_size=5)
    assert reasons(table) == [SMALL, SMALL, SHOWN, SHOWN]


def test_on_a_tie_the_first_of_the_smallest_cells_is_hidden():
    table = suppress_counts([1, 9, 9, 30], min_size=5)
    assert reasons(table) == [SMALL, HIDDEN, SHOWN, SHOWN]


def test_a_table_of_one_small_cell_hides_its_total():
    table = suppress_counts([3], min_size=5)
    assert table.cells[0].reason == SMALL
    assert table.total.suppressed


def test_a_small_total_is_suppressed_as_well():
    table = suppress_counts([3, 0, 0], min_size=5)
    assert table.total.reason == SMALL
    assert values(table.cells)[1:] == [0, 0]


def test_no_hidden_cell_of_a_row_can_be_recomputed_from_the_shown_ones():
    # Exhaustive over small rows: a reader who knows the total and the shown cells must
    # never be able to subtract their way to exactly one hidden cell.
    for counts in itertools.product([0, 1, 4, 5, 9], repeat=3):
        table = suppress_counts(list(counts), min_size=5)
        hidden = [c for c in [*table.cells, table.total] if c.suppressed]
        assert len(hidden) != 1, counts
        for count, cell in zip(counts, table.cells, strict=True):
            if 0 < count < 5:
                assert cell.suppressed, counts


def test_percentages_are_shown_only_when_the_base_is_at_least_ten():
    assert suppress_counts([5, 4], min_size=1).cells[0].percent is None
    table = suppress_counts([5, 5], min_size=1)
    assert table.cells[0].percent == pytest.approx(50.0)


def test_a_suppressed_cell_has_no_percentage_even_with_a_large_base():
    table = suppress_counts([2, 3, 40], min_size=5)
    assert [c.percent for c in table.cells[:2]] == [None, None]
    assert table.cells[2].percent == pytest.approx(100 * 40 / 45)


def test_share_needs_a_base_of_ten():
    assert share(3, 9) is None
    assert share(3, 10) == pytest.approx(30.0)
    assert share(0, 0) is None


def test_negative_counts_are_refused():
    with pytest.raises(ValueError, match="negative"):
        suppress_counts([-1, 5])


def test_the_cell_text_says_fewer_than_the_minimum_in_german():
    table = suppress_counts([3, 9, 20], min_size=5)
    with translation.override("de"):
        assert table.cells[0].text == "weniger als 5"
        assert table.cells[1].text == "verborgen"
        assert table.cells[2].text == "20"
    assert str(Cell(7)) == "7"


def test_protect_works_on_any_lines_that_add_up():
    # Two overlapping lines: a=2 (small) shares line 1 with b and line 2 with c.
    reasons_ = protect([2, 6, 7, 8, 9], [[0, 1, 3], [0, 2, 4]], min_size=5)
    assert reasons_ == [SMALL, HIDDEN, HIDDEN, SHOWN, SHOWN]


def test_a_grid_hides_a_partner_in_the_row_and_in_the_column():
    grid = suppress_grid([[3, 10, 12], [8, 20, 25], [9, 30, 40]], min_size=5)
    flat = [[c.reason for c in row] for row in grid.rows]
    assert flat[0][0] == SMALL
    # Row 0: next-smallest is 10; column 0: next-smallest is 8.
    assert flat[0][1] == HIDDEN
    assert flat[1][0] == HIDDEN
    # Row 1 and column 1 now have one hidden cell each, so they hide another one too.
    for r, row in enumerate(flat):
        assert sum(reason != SHOWN for reason in row) != 1, r
    for c in range(3):
        assert sum(flat[r][c] != SHOWN for r in range(3)) != 1, c


def test_no_line_of_a_grid_is_left_with_a_single_hidden_entry():
    for a, b, c, d in itertools.product([0, 2, 6], repeat=4):
        grid = suppress_grid([[a, b], [c, d]], min_size=5)
        lines = [
            [*grid.rows[0], grid.row_totals[0]],
            [*grid.rows[1], grid.row_totals[1]],
            [grid.rows[0][0], grid.rows[1][0], grid.column_totals[0]],
            [grid.rows[0][1], grid.rows[1][1], grid.column_totals[1]],
            [*grid.row_totals, grid.total],
            [*grid.column_totals, grid.total],
        ]
        for line in lines:
            assert sum(cell.suppressed for cell in line) != 1, (a, b, c, d)


def test_grid_percentages_are_of_the_row_total():
    grid = suppress_grid([[5, 15], [6, 6]], min_size=5)
    assert grid.rows[0][0].percent == pytest.approx(25.0)
    assert grid.rows[0][1].percent == pytest.approx(75.0)
    # A row total of 12 is a large enough base; 6 of 12 is 50 %.
    assert grid.rows[1][0].percent == pytest.approx(50.0)


def test_grid_percentages_can_be_of_the_column_or_left_out():
    grid = suppress_grid([[5, 15], [5, 5]], min_size=5, percent_of="column")
    assert grid.rows[0][0].percent == pytest.approx(50.0)  # 5 of a column of 10
    grid = suppress_grid([[5, 15], [6, 5]], min_size=5, percent_of="column")
    assert grid.rows[0][0].percent == pytest.approx(100 * 5 / 11)
    grid = suppress_grid([[5, 15], [6, 5]], min_size=5, percent_of=None)
    assert grid.rows[0][0].percent is None


def test_rows_of_different_length_are_refused():
    with pytest.raises(ValueError, match="same number"):
        suppress_grid([[1, 2], [3]])


def test_a_total_published_elsewhere_stays_shown_and_the_cells_carry_the_protection():
    # 3 responses, all in German: the page shows "3 responses" anyway, so hiding the
    # total would protect nothing — a second cell (the zero) is hidden instead.
    table = suppress_counts([3, 0, 0], min_size=5, total_published=True)
    assert table.total.value == 3
    assert reasons(table) == [SMALL, HIDDEN, SHOWN]


def test_a_published_total_is_never_picked_for_secondary_suppression():
    assert protect([3, 8], [[0, 1]], min_size=5, published={1}) == [SMALL, SHOWN]
