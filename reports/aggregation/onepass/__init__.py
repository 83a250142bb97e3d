"""PostgreSQL: every count of a snapshot from one statement, reading the answers once.

The statement works in three steps:

 1. One row per response (the only pass over the answer table): every answer is looked up
    in a small table of the survey's options (VALUES, a hash join) that says which bits it
    sets, and the bits of a response are OR-ed together. The bits say what the profile
    columns need (benefits, household, children, "uses an offering", the barrier codes
    named), which options of the reach and "what is missing" questions the family chose, and
    the indicator links it answered. With them come the highest home-area option (as the
    portable query takes it), the number of answers and the highest answer id (for the
    fingerprint), and two counts for the checks below; then the response's collection point,
    language and channel (a join with its row).

    The responses are split into ranges of ids, one per parallel worker (UNION ALL: each
    worker takes whole ranges). A range's answers lie side by side in the table and come
    through the index on their response, each range groups and joins its own responses, and
    nothing is left to merge after the workers. (Parallel workers sharing one scan of the
    table each grouped the answers they read, and the leader merged 100,000 partial groups
    and then joined them with the responses on its own: 0.10 s more at 100,000 responses.)
    The answers are read from the scope's first to its last response id (the build's own
    aggregate query knows them); the first and the last range of responses are open, and a
    response outside those ids is counted, so counted() falls back instead of dropping it.
 2. The responses grouped by their profile and their collection point, language and
    channel: per group, a sum per counted bit.
 3. GROUPING SETS over those groups: one set per dimension, and the grand total. The answer
    patterns of the questions that are only counted in total (barriers per offering, "what
    is missing") are grouped on their own and split into options. Staff tags of free texts
    are counted by a join from the (few) tagged answers.

The result is one JSON value of a few hundred numbers; Python only turns it into Counts.

A response is counted once per option, where the portable query counts answer rows; they
agree while a response holds each option at most once, as the family form stores them. The
statement also counts the rows, and counted() returns None when the two differ, so the build
falls back to the portable query and the numbers stay the same. It does the same when an
answer holds an option of another question (the bits follow the option, the portable query
the answer's question; the family form never stores one), and for what the statement's
layout cannot hold: a question of more than 63 options (a word), or a scope of 2,097,152
responses or more (a field of the packed sums).
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from reports.aggregation.counts import ALL, BARRIER, MISSING, USES, Builder, Counts
from reports.aggregation.indicators import LinkCount, survey_links
from reports.aggregation.onepass.layout import Layout, TooWide, layout
from reports.aggregation.onepass.statement import (
    FIELD,
    GROUPED,
    LIMIT,
    statement,
    unpack,
)
from reports.aggregation.scope import CHANNEL_CODES, LANGUAGE_CODES, Structure
from surveys.models import Response

logger = logging.getLogger(__name__)

# Step 1's hash table holds one row per response of the survey: 64 MB (the default of a
# report build) would spill it to disk above about 200,000 responses.
WORK_MEM = "256MB"
# Step 1 in at most this many ranges of response ids, one per parallel worker.
MAX_PARTS = 8
# Respondent flags of part "p" and their columns in step 3.
FLAG_COLUMNS = ((ALL, "n"), (BARRIER, "barrier"), (USES, "uses"), (MISSING, "missing"))

__all__ = ["counted"]


def counted(
    scope: QuerySet[Response],
    s: Structure,
    *,
    survey_id: int,
    narrow: bool,
    ids: tuple[int | None, int | None] | None = None,
) -> Counts | None:
    """The Counts of `scope` from one statement; None where the portable way must count
    (see the module's docstring). `ids`: the first and last response id of the scope, if
    known (else asked for in the query that sets the statement's settings)."""
    links = survey_links(survey_id)
    try:
        lay = layout(s, links)
    except TooWide as error:
        logger.warning("survey %s: %s in one question, counting the portable way", survey_id, error)
        return None
    if ids is None:
        ids_sql, ids_params = scope.values("id").query.sql_with_params()
        ids_sql = f"(SELECT ARRAY[MIN(s.id), MAX(s.id)] FROM ({ids_sql}) s)"
    else:
        ids_sql, ids_params = "ARRAY[%s, %s]::bigint[]", ids
    with connection.cursor() as cursor:
        # The statement's estimated cost is high enough for JIT compilation, which takes
        # longer (0.1–0.7 s, measured) than the compiled expressions save here. With the
        # leader taking part in the parallel plan, PostgreSQL 15 costs the ranges of step 1
        # run one after another below running them side by side in workers (and chose that
        # at 300,000 responses: 2.5 s instead of 1.5 s); the leader has the rest of the
        # statement to do. The settings are set and put back in one query each; the first
        # also says how many workers may share step 1 (and the scope's first and last id,
        # if not known).
        cursor.execute(
            "SELECT current_setting('work_mem'), current_setting('jit'),"
            " current_setting('parallel_leader_participation'),"
            " set_config('work_mem', %s, false), set_config('jit', 'off', false),"
            " set_config('parallel_leader_participation', 'off', false),"
            f" current_setting('max_parallel_workers_per_gather')::int, {ids_sql}",
            [WORK_MEM, *ids_params],
        )
        work_mem, jit, leader, _, _, _, workers, (first, last) = cursor.fetchone()
        parts = min(max(workers, 1), MAX_PARTS)
        sql, params = statement(scope, s, lay, narrow=narrow, ids=(first, last), parts=parts)
        try:
            cursor.execute(sql, params)
            (result,) = cursor.fetchone()
        finally:
            cursor.execute(
                "SELECT set_config('work_mem', %s, false), set_config('jit', %s, false),"
                " set_config('parallel_leader_participation', %s, false)",
                [work_mem, jit, leader],
            )
    return _counts(result, s, lay, links, survey_id)


def _value(dim: str, value: Any, area_option: dict[int, int]) -> Any:
    if dim == "area":
        return area_option.get(int(value), 0)
    if dim == "lang":
        return value if value in LANGUAGE_CODES else ""
    if dim == "channel":
        return value if value in CHANNEL_CODES else ""
    return int(value)


def _counts(
    result: dict[str, Any], s: Structure, lay: Layout, links: list[Any], survey_id: int
) -> Counts | None:
    out = Builder()
    area_option = {rank: option for option, rank in lay.area_rank.items()}
    names = {at: name for name, at in lay.sums.items()}
    grand: dict[str, Any] = {}
    grand_bits: dict[tuple[int, int], int] = {}
    for row in result["marginals"] or []:
        aggregated = row["g"]
        grouped = [
            d for i, d in enumerate(GROUPED) if not aggregated & (1 << (len(GROUPED) - 1 - i))
        ]
        flags = unpack({"f0": row["flags"]}, "f")
        respondents = {ALL: int(row["n"] or 0), USES: flags.get(0, 0)}
        respondents |= {BARRIER: flags.get(FIELD, 0), MISSING: flags.get(2 * FIELD, 0)}
        bits = {
            (word, bit): n
            for word in range(lay.profile_words)
            for bit, n in unpack(row, f"c{word}_").items()
        }
        if not grouped:
            grand, grand_bits = row, bits
            for flag, n in respondents.items():
                out.add_total("p", flag, n)
            for at, n in bits.items():
                if at in names and names[at][0] == "r":
                    out.add_total("r", names[at][1:], n)
            continue
        dim = grouped[0]
        value = _value(dim, row[dim], area_option)
        for flag, n in respondents.items():
            out.add(dim, "p", value, flag, n)
        if dim == "channel":
            continue
        for at, n in bits.items():
            name = names.get(at)
            if name is not None and name[0] == "r":
                out.add(dim, "r", value, name[1:], n)
            elif name is not None and name[0] == "b":
                out.add(dim, "b", value, name[1], n)
    if out.totals.get("p", {}).get(ALL, 0) >= LIMIT:
        logger.warning("survey %s: too many responses for packed sums", survey_id)
        return None
    for row in result["patterns"] or []:
        for bit, n in unpack(row, "p").items():
            question, option = lay.pattern_bits[(int(row["word"]), bit)]
            part = "m" if question in s.missing_choices else "r"
            out.add_total(part, (question, option), n)
    for asked in result["asked"] or []:
        if int(asked["question"]) in lay.barriers:
            out.add_total("Q", int(asked["question"]), asked["n"])
    chosen = sum(out.totals.get("r", {}).values()) + sum(out.totals.get("m", {}).values())
    if int(result["outside"] or 0):
        logger.warning(
            "survey %s: responses outside the ids the ranges were cut from, counting the "
            "portable way",
            survey_id,
        )
        return None
    if int(result["misplaced"] or 0):
        logger.warning(
            "survey %s: answers with an option of another question, counting the portable way",
            survey_id,
        )
        return None
    rows = int(grand.get("counted") or 0)
    if rows != chosen:
        logger.warning(
            "survey %s: %s answer rows for %s chosen options, counting the portable way",
            survey_id,
            rows,
            chosen,
        )
        return None
    by_tag = {int(t["tag"]): int(t["n"]) for t in result["tags"] or []}
    # In the database's order of names, as FreeTextTag.objects.order_by("name") gives them.
    tags = [(t["name"], by_tag.get(int(t["id"]), 0)) for t in result["tag_names"] or []]
    chose = {names[at][1]: n for at, n in grand_bits.items() if names.get(at, ("",))[0] == "link"}
    answered = unpack(grand, "lq_")
    link_counts = [
        LinkCount(
            link.indicator_id,
            link.question_id,
            frozenset(o.code for o in link.options.all()),
            chose.get(link.pk, 0),
            answered.get(lay.answered.index(link.pk), 0),
        )
        for link in links
    ]
    return out.counts(
        tags=tags,
        links=link_counts,
        answers={"n": int(grand.get("answers") or 0), "last": grand.get("last")},
        answer_tags=sum(by_tag.values()),
    )
