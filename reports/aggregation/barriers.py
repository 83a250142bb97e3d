"""What made it hard to use an offering: rankings per filter view and per offering.

Families can name several barriers, so the counts of different codes do not add up to
anything; only the benefit columns of one code add up to its "all" (and likewise the base),
and those are the lines the small-cell rule protects.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from reports.aggregation.cells import cell, protect_lines, single
from reports.aggregation.filters import View
from reports.aggregation.scope import NOT_STATED, WITH, WITHOUT, Structure
from reports.schema import BarrierCode, BarrierRow, BarrierTable, Cell, OfferingBarriers
from surveys.block_texts import REACH_BLOCK

COLUMNS = (WITH, WITHOUT, NOT_STATED)


def codes(s: Structure) -> list[BarrierCode]:
    """The barrier codes of the survey's barrier questions, in the order of the block."""
    barrier_questions = {q for q, (_, key) in s.reach.items() if key == "barriers"}
    present = {s.option_code[o] for o in _options_of(s, barrier_questions)}
    texts = REACH_BLOCK["barriers"]["options"]
    out: list[BarrierCode] = []
    for number, text in texts.items():
        code = f"barrier_{number}"
        if code in present:
            out.append(
                {"code": code, "label": {"de": text["de"], "en": text.get("en", text["de"])}}
            )
    known = {c["code"] for c in out}
    for code in sorted(present - known):  # an option staff added themselves
        out.append({"code": code, "label": {"de": code, "en": code}})
    return out


def _options_of(s: Structure, questions: set[int]) -> list[int]:
    return [o for o, q in s.option_question.items() if q in questions]


def _rank_key(order: dict[str, int]) -> object:
    def key(row: dict) -> tuple[int, int, int]:
        count = row["all"] if "all" in row else row["count"]
        if "n" in count:
            return (0, -count["n"], order.get(row["code"], 0))
        # Suppressed rows last, in the block's order: their place must not hint at a number.
        return (1, 0, order.get(row["code"], 0))

    return key


def rank(rows: list[dict], code_list: list[BarrierCode]) -> None:
    """Largest first; suppressed rows last in the block's order, wherever their number would
    put them (sorted again once the linked protection has hidden more)."""
    order = {entry["code"]: i for i, entry in enumerate(code_list)}
    rows.sort(key=_rank_key(order))


def _protected_row(by_ben: dict[int, int], min_size: int) -> list[Cell]:
    values = [by_ben.get(c, 0) for c in COLUMNS]
    values.append(sum(values))
    reasons = protect_lines(values, [list(range(4))], min_size)
    return [cell(v, r) for v, r in zip(values, reasons, strict=True)]


def table(
    code_rows: pd.DataFrame,
    base_rows: pd.DataFrame,
    code_list: list[BarrierCode],
    min_size: int,
    *,
    split: bool = True,
) -> BarrierTable:
    """One view's ranking: families naming each code for at least one offering; `split`
    adds the benefit columns (only the view of all respondents has them)."""
    counts: dict[str, dict[int, int]] = {}
    for (code, ben), n in code_rows.groupby(["code", "ben"])["n"].sum().items():
        counts.setdefault(str(code), {})[int(ben)] = int(n)
    base_by_ben = {int(b): int(n) for b, n in base_rows.groupby("ben")["n"].sum().items()}
    if split:
        base = _protected_row(base_by_ben, min_size)[3]
    else:
        base = single(sum(base_by_ben.values()), min_size)
    rows: list[BarrierRow] = []
    for entry in code_list:
        by_ben = counts.get(entry["code"], {})
        if not split:
            rows.append({"code": entry["code"], "all": single(sum(by_ben.values()), min_size)})
            continue
        with_, without, _rest, all_ = _protected_row(by_ben, min_size)
        rows.append(
            {
                "code": entry["code"],
                "all": all_,
                "with_benefits": with_,
                "without_benefits": without,
            }
        )
    order = {entry["code"]: i for i, entry in enumerate(code_list)}
    rows.sort(key=_rank_key(order))
    return {"base": base, "rows": rows}


def by_filter(
    cube: pd.DataFrame, views: Iterable[View], code_list: list[BarrierCode], min_size: int
) -> dict[str, BarrierTable]:
    code_rows = cube[cube["part"] == "b"]
    # Profiles of families who answered at least one barrier question ("p" rows, q = 1).
    base_rows = cube[(cube["part"] == "p") & (cube["q"] == 1)]
    return {
        view.key: table(
            view.select(code_rows),
            view.select(base_rows),
            code_list,
            min_size,
            split=view.key == "all",
        )
        for view in views
    }


def by_offering(
    cube: pd.DataFrame, s: Structure, code_list: list[BarrierCode], min_size: int
) -> list[OfferingBarriers]:
    """Per offering, over all respondents: how many named each code, and the base."""
    reach = cube[cube["part"] == "r"]
    answered = cube[cube["part"] == "Q"].groupby("q")["n"].sum()
    per_option = reach.groupby("o")["n"].sum()
    order = {entry["code"]: i for i, entry in enumerate(code_list)}
    questions = {offering: q for q, (offering, key) in s.reach.items() if key == "barriers"}
    out: list[OfferingBarriers] = []
    for offering in s.offerings:
        question = questions.get(offering)
        if question is None:
            continue
        counts: dict[str, int] = {}
        for option in _options_of(s, {question}):
            code = s.option_code[option]
            counts[code] = counts.get(code, 0) + int(per_option.get(option, 0))
        rows = [
            {"code": entry["code"], "count": single(counts.get(entry["code"], 0), min_size)}
            for entry in code_list
            if entry["code"] in counts
        ]
        rows.sort(key=_rank_key(order))
        out.append(
            {
                "offering": offering,
                "base": single(int(answered.get(question, 0)), min_size),
                "rows": rows,
            }
        )
    return out
