"""The reach funnel per filter view and offering: answered → know it → use it → found it helpful.

Each funnel is protected as one table (see funnel_cells): the answers to "do you know it"
by benefit column with all margins, and the helpfulness ratings of those who use it, whose
column totals are the "use it" row. Only then are the schema's stages read off it.
"""

from __future__ import annotations

from collections.abc import Iterable

from mitwirkung.disclosure.cells import SHOWN, SMALL
from reports.aggregation.cells import cell, protect_lines
from reports.aggregation.counts import Counts
from reports.aggregation.filters import View
from reports.aggregation.scope import NOT_STATED, WITH, WITHOUT, Structure
from reports.schema import Cell, FunnelRow, Stage

ANSWERS = ("not_known", "known_not_used", "used")
HELPFUL = ("high", "low", "cannot_say", "no_answer")
GRID_COLUMNS = (WITH, WITHOUT, NOT_STATED)
ALL = "all"
OUT_COLUMNS = {"all": ALL, "with_benefits": WITH, "without_benefits": WITHOUT}
HIGH_VALUES = (4, 5)


def helpful_row(s: Structure, option: int) -> str | None:
    code = s.option_code.get(option, "")
    if code == "cannot_say":
        return "cannot_say"
    value = s.option_value.get(option)
    if value is None:
        return None
    return "high" if value in HIGH_VALUES else "low"


def funnel_cells(
    answers: dict[str, dict[int, int]],
    helpful: dict[str, dict[int, int]],
    min_size: int,
    *,
    split: bool = True,
) -> dict[str, Stage]:
    """One offering's funnel in one view, protected as a whole.

    `answers[code][column]`: families per answer to "do you know it" and benefit column
    (or, in a view without benefit columns, under ALL);
    `helpful[row][column]`: ratings of those who use it (rows "high", "low", "cannot_say";
    "no_answer" is worked out here, so the rating columns add up to the "used" row).
    `split`: publish the benefit columns too (only the view of all respondents does; in a
    smaller view most of them would be hidden, and each hidden cell costs another).
    """
    values: list[int] = []
    at: dict[tuple[str, int | str], int] = {}

    def put(key: tuple[str, int | str], value: int) -> None:
        at[key] = len(values)
        values.append(max(int(value), 0))

    grid = GRID_COLUMNS if split else ()
    columns = (*grid, ALL)

    def count(table: dict[str, dict[int, int]], row: str, column: int | str) -> int:
        by_ben = table.get(row, {})
        if column == ALL:
            if ALL in by_ben:
                return by_ben[ALL]
            return sum(by_ben.get(c, 0) for c in GRID_COLUMNS)
        return by_ben.get(column, 0)

    for code in ANSWERS:
        for column in columns:
            put((code, column), count(answers, code, column))
    for column in columns:
        put(("base", column), sum(values[at[(code, column)]] for code in ANSWERS))
    for column in columns:
        used = values[at[("used", column)]]
        rated = 0
        for row in HELPFUL[:-1]:
            put((row, column), count(helpful, row, column))
            rated += values[at[(row, column)]]
        put(("no_answer", column), used - rated)

    lines: list[list[int]] = []
    if split:
        for row in (*ANSWERS, "base", *HELPFUL):
            lines.append([at[(row, c)] for c in columns])
    for column in columns:
        lines.append([at[(code, column)] for code in ANSWERS] + [at[("base", column)]])
        lines.append([at[(row, column)] for row in HELPFUL] + [at[("used", column)]])
    reasons = protect_lines(values, lines, min_size)

    def shown(key: tuple[str, int | str]) -> bool:
        return reasons[at[key]] == SHOWN

    stages: dict[str, Stage] = {}
    for name, column in OUT_COLUMNS.items():
        if column not in columns:
            continue
        base = values[at[("base", column)]]
        base_shown = shown(("base", column))

        def one(
            key: tuple[str, int | str], base: int = base, base_shown: bool = base_shown
        ) -> Cell:
            return cell(values[at[key]], reasons[at[key]], base, base_shown)

        known_value = values[at[("known_not_used", column)]] + values[at[("used", column)]]
        # "Known" is a sum of two protected cells: shown only when the reader can work it
        # out from shown cells anyway, so it adds nothing a subtraction could use.
        derivable = (shown(("known_not_used", column)) and shown(("used", column))) or (
            base_shown and shown(("not_known", column))
        )
        if derivable:
            known = cell(known_value, SHOWN, base, base_shown)
        else:
            known = cell(known_value, SMALL if 0 < known_value < min_size else "hidden")
        stages[name] = {
            "base": cell(base, reasons[at[("base", column)]]),
            "known": known,
            "used": one(("used", column)),
            "helpful": one(("high", column)),
        }
    return stages


def funnels(
    counts: Counts, views: Iterable[View], s: Structure, min_size: int
) -> dict[str, list[FunnelRow]]:
    """Filter key → one funnel row per offering (in survey order)."""
    questions = {key: {} for key in ("known", "helpful")}
    for question, (offering, key) in s.reach.items():
        if key in questions:
            questions[key].setdefault(offering, question)
    out: dict[str, list[FunnelRow]] = {}
    for view in views:
        split = view.key == "all"
        by: dict[int, dict[int, dict[int | str, int]]] = {}
        if split:
            for ben, keys in counts.values("ben", "r").items():
                for (question, option), n in keys.items():
                    by.setdefault(question, {}).setdefault(option, {})[ben] = n
        else:
            for (question, option), n in view.summed(counts, "r").items():
                by.setdefault(question, {})[option] = {ALL: n}
        rows: list[FunnelRow] = []
        for offering in s.offerings:
            answers: dict[str, dict[int, int]] = {}
            for option, by_ben in by.get(questions["known"].get(offering, -1), {}).items():
                code = s.option_code.get(option)
                if code in ANSWERS:
                    answers[code] = by_ben
            helpful: dict[str, dict[int, int]] = {}
            for option, by_ben in by.get(questions["helpful"].get(offering, -1), {}).items():
                row = helpful_row(s, option)
                if row is not None:
                    target = helpful.setdefault(row, {})
                    for ben, n in by_ben.items():
                        target[ben] = target.get(ben, 0) + n
            columns = funnel_cells(answers, helpful, min_size, split=split)
            rows.append({"offering": offering, "columns": columns})
        out[view.key] = rows
    return out
