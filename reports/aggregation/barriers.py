"""What made it hard to use an offering: rankings per filter view and per offering.

Families can name several barriers, so the counts of different codes do not add up to
anything; only the benefit columns of one code add up to its "all" (and likewise the base),
and those are the lines the small-cell rule protects.
"""

from __future__ import annotations

from collections.abc import Iterable

from reports.aggregation.cells import cell, protect_lines, single
from reports.aggregation.counts import BARRIER, Counts
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
    counts: dict[str, dict[int, int]],
    base_by_ben: dict[int, int],
    code_list: list[BarrierCode],
    min_size: int,
    *,
    split: bool = True,
) -> BarrierTable:
    """One view's ranking: families naming each code for at least one offering
    (`counts[code][benefit column]`, of those who answered a barrier question, `base_by_ben`);
    `split` adds the benefit columns (only the view of all respondents has them; the other
    views' counts are summed)."""
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
    counts: Counts, views: Iterable[View], code_list: list[BarrierCode], min_size: int
) -> dict[str, BarrierTable]:
    out = {}
    for view in views:
        # The base: families who answered at least one barrier question.
        if view.key == "all":
            codes: dict[str, dict[int, int]] = {}
            for ben, keys in counts.values("ben", "b").items():
                for code, n in keys.items():
                    codes.setdefault(code, {})[ben] = n
            base = counts.respondents("ben", BARRIER)
        else:
            codes = {code: {0: n} for code, n in view.summed(counts, "b").items()}
            base = {0: view.respondents(counts, BARRIER)}
        out[view.key] = table(codes, base, code_list, min_size, split=view.key == "all")
    return out


def by_offering(
    counts: Counts, s: Structure, code_list: list[BarrierCode], min_size: int
) -> list[OfferingBarriers]:
    """Per offering, over all respondents: how many named each code, and the base."""
    answered = counts.total_of("Q")
    per_option: dict[int, int] = {}
    for (_question, option), n in counts.total_of("r").items():
        per_option[option] = per_option.get(option, 0) + n
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
