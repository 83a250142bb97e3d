"""The linked-tables audit (mitwirkung/disclosure/linked.py): hidden cells stay unprovable."""

from __future__ import annotations

import pytest

from mitwirkung.disclosure.linked import LinkedTables, ProtectionError, interval, protect

MIN = 5


def languages(counts: list[int]) -> tuple[LinkedTables, list[float]]:
    """Responses per language and their total, as the public files show them."""
    tables = LinkedTables()
    unknowns = tables.unknowns(len(counts))
    for i, (unknown, n) in enumerate(zip(unknowns, counts, strict=True)):
        tables.cell(("language", i), {unknown: 1.0}, n)
    tables.cell("all", dict.fromkeys(unknowns, 1.0), sum(counts))
    return tables, [float(n) for n in counts]


def test_a_small_count_beside_a_shown_total_gets_a_partner_and_a_wide_interval():
    # The example: 62 + 397 + 3 + 48 + 75 = 585, the 3 alone would come back.
    tables, values = languages([62, 397, 3, 48, 75])
    audit = protect(tables, MIN, values)
    assert audit.hidden == {("language", 2), ("language", 3)}  # 48 is the cheapest partner
    for key in audit.hidden:
        assert interval(tables, key) == pytest.approx((0, 51))


def test_nothing_is_hidden_where_nothing_is_small():
    tables, values = languages([62, 397, 30, 48, 75])
    audit = protect(tables, MIN, values)
    assert audit.hidden == set()
    assert audit.solved == 0


def test_two_views_of_the_same_families_are_protected_together():
    # Languages and collection points both add up to the same 40 families; hiding one small
    # cell per table is not enough when the other table gives the total of its partners.
    tables = LinkedTables()
    # unknowns: families per (language, point)
    grid = {(lang, point): tables.unknowns(1)[0] for lang in range(2) for point in range(2)}
    values = {(0, 0): 2, (0, 1): 18, (1, 0): 10, (1, 1): 10}
    for lang in range(2):
        terms = {grid[(lang, p)]: 1.0 for p in range(2)}
        tables.cell(("language", lang), terms, sum(values[(lang, p)] for p in range(2)))
    for point in range(2):
        terms = {grid[(lang, point)]: 1.0 for lang in range(2)}
        tables.cell(("point", point), terms, sum(values[(lang, point)] for lang in range(2)))
    # Language 0 is also split by point, in another table: its 2 at point 0 would come back
    # as 20 − 18, and hiding the 18 too still leaves point 0's 12 − language 1's 10.
    tables.cell(("language 0 at point 0",), {grid[(0, 0)]: 1.0}, 2)
    tables.cell(("language 0 at point 1",), {grid[(0, 1)]: 1.0}, 18)
    tables.cell(("language 1 at point 0",), {grid[(1, 0)]: 1.0}, 10)
    tables.cell("all", dict.fromkeys(grid.values(), 1.0), 40)
    truth = [float(values[key]) for key in sorted(grid, key=grid.get)]
    audit = protect(tables, MIN, truth)
    assert ("language 0 at point 0",) in audit.hidden
    assert len(audit.hidden) >= 3
    for key in audit.hidden:
        low, high = interval(tables, key)
        assert high - low >= MIN


def test_an_unpublished_difference_that_is_small_is_protected_too():
    # All 20 and "with benefits" 17 are shown: "without" is 3, although no table shows it.
    tables = LinkedTables()
    with_, without = tables.unknowns(2)
    tables.cell("all", {with_: 1.0, without: 1.0}, 20)
    tables.cell("with", {with_: 1.0}, 17)
    tables.cell("without", {without: 1.0}, 3, "unpublished")
    audit = protect(tables, MIN, [17.0, 3.0])
    assert audit.hidden == {"with"}
    assert interval(tables, "without") == pytest.approx((0, 20))


def test_an_unpublished_count_that_can_only_be_narrowed_to_a_few_values_is_protected():
    # a + b + c = 30 and a = 27: b lies between 0 and 3, so a reader knows it is small.
    tables = LinkedTables()
    a, b, c = tables.unknowns(3)
    tables.cell("a+b+c", {a: 1.0, b: 1.0, c: 1.0}, 30)
    tables.cell("a", {a: 1.0}, 27)
    tables.cell("b", {b: 1.0}, 2, "unpublished")
    audit = protect(tables, MIN, [27.0, 2.0, 1.0])
    assert audit.hidden == {"a"}
    low, high = interval(tables, "b")
    assert high - low >= MIN


def test_a_count_nothing_bounds_from_above_needs_no_partner():
    # A staff tag counted on its own: hidden when small, and nothing pins it.
    tables = LinkedTables()
    [tag] = tables.unknowns(1)
    tables.cell("tag", {tag: 1.0}, 3)
    audit = protect(tables, MIN, [3.0])
    assert audit.hidden == {"tag"}
    assert audit.added == set()
    assert interval(tables, "tag") == (0.0, float("inf"))


def test_a_fixed_cell_is_never_hidden_and_a_cell_only_fixed_ones_pin_is_reported():
    tables = LinkedTables()
    a, b = tables.unknowns(2)
    tables.cell("total", {a: 1.0, b: 1.0}, 10, fixed=True)
    tables.cell("a", {a: 1.0}, 7, fixed=True)
    tables.cell("b", {b: 1.0}, 3)
    audit = protect(tables, MIN, [7.0, 3.0])
    assert "total" not in audit.hidden
    assert "a" not in audit.hidden
    assert audit.unprotected == {"b"}


def test_an_earlier_report_hidden_cell_stays_protected_by_hiding_in_the_new_one():
    # Report 1 (fixed): all 20 shown, with 17 and without 3 hidden. Report 2 adds 10
    # families (all 30 fixed) and would show "with 26" and "without 4" (so 1's "without"
    # could be at most 4).
    tables = LinkedTables()
    w1, o1, w2, o2 = tables.unknowns(4)
    tables.cell("1 all", {w1: 1.0, o1: 1.0}, 20, fixed=True)
    tables.cell("1 with", {w1: 1.0}, 17, "hidden", fixed=True)
    tables.cell("1 without", {o1: 1.0}, 3, "hidden", fixed=True)
    tables.cell("2 all", {w1: 1.0, o1: 1.0, w2: 1.0, o2: 1.0}, 30, fixed=True)
    tables.cell("2 with", {w1: 1.0, w2: 1.0}, 26)
    tables.cell("2 without", {o1: 1.0, o2: 1.0}, 4)
    audit = protect(tables, MIN, [17.0, 3.0, 9.0, 1.0])
    # "without" of report 2 is small itself, and its partner must go with it.
    assert {"2 with", "2 without"} <= audit.hidden
    low, high = interval(tables, "1 without")
    assert high - low >= MIN


def test_the_same_numbers_give_the_same_pattern():
    counts = [12, 3, 4, 40, 7, 1, 90]
    first = protect(languages(counts)[0], MIN, counts)
    second = protect(languages(counts)[0], MIN, counts)
    assert first.hidden == second.hidden
    assert first.intervals == second.intervals


def test_published_cells_that_contradict_each_other_are_an_error_not_a_guess():
    tables, values = languages([10, 20, 3])
    tables.cell("all again", dict.fromkeys(range(3), 1.0), 99)
    with pytest.raises(ProtectionError, match="contradict"):
        protect(tables, MIN, values)


def test_the_true_values_must_fit_the_model():
    tables, values = languages([10, 20, 3])
    assert tables.check(values) == []
    assert tables.check([10.0, 20.0, 4.0]) != []
