"""The one statement of reports/aggregation/onepass: its SQL text and how its packed sums
are read back."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from reports.aggregation.onepass.layout import (
    FIELD,
    MANY,
    NONE,
    POVERTY,
    SINGLE,
    USED,
    WORD,
    Layout,
)
from reports.aggregation.scope import NOT_STATED, WITH, WITHOUT, Structure
from surveys.models import Answer, FreeTextTag, Response

# Counts are summed three to a bigint, in fields of FIELD bits (see _packed): fewer sums per
# response. A field holds counts below LIMIT; a larger scope is counted the portable way.
LIMIT = 1 << FIELD
PACKED = 1 | (1 << FIELD) | (1 << (2 * FIELD))
# The grouped dimensions of step 3, in the order of GROUPING(...).
GROUPED = ("ben", "single", "many", "area", "point", "lang", "channel")


def _any(masks: dict[int, int]) -> str:
    """SQL: does any of the pattern words have one of these bits."""
    tests = [f"COALESCE(x.t{word}, 0) & {mask} <> 0" for word, mask in sorted(masks.items())]
    return " OR ".join(tests) if tests else "FALSE"


def _packed(column: str, bits: int, name: str, times: str = "") -> list[str]:
    """Sums of bits of a word, three to a sum: sum i holds bits i, i + 21 and i + 42 in
    fields of FIELD bits (fewer aggregates per row; see unpack)."""
    return [
        f"SUM((({column} >> {i}) & {PACKED}){times}) AS {name}{i}" for i in range(min(bits, FIELD))
    ]


def unpack(sums: dict[str, Any], name: str) -> dict[int, int]:
    """Bit → count from the sums of _packed."""
    out: dict[int, int] = {}
    for i in range(FIELD):
        value = int(sums.get(f"{name}{i}") or 0)
        for field_ in range(3):
            n = (value >> (FIELD * field_)) & (LIMIT - 1)
            if n:
                out[i + FIELD * field_] = n
    return out


def _used_bits(bits: Iterable[int]) -> int:
    return max(bits, default=-1) + 1


def splits(first: int, last: int, parts: int) -> list[int]:
    """The response ids where `parts` ranges of equal width from first to last meet (none
    where there is nothing to split)."""
    parts = max(1, min(parts, last - first + 1))
    return [first + (last - first + 1) * i // parts for i in range(1, parts)]


def statement(
    scope: QuerySet[Response],
    s: Structure,
    lay: Layout,
    *,
    narrow: bool,
    ids: tuple[int | None, int | None] | None = None,
    parts: int = 1,
) -> tuple[str, list[Any]]:
    """The SQL text and its parameters. Only integers from the survey's own rows and this
    module's constants are written into the text; the scope's own values are parameters.

    With `ids`, the scope's first and last response id, step 1 runs in `parts` ranges of
    response ids, each grouped and joined with its responses on its own (see the module's
    docstring). The answers are read from first to last only; the responses' first and last
    range are open, and a response the ids miss is counted as "outside" (the caller falls
    back), so wrong ids cannot drop a response unnoticed."""
    qn = connection.ops.quote_name
    scope_sql, scope_params = scope.values(
        "id", "collection_point_id", "language", "channel"
    ).query.sql_with_params()
    words_p = [f"c{i}" for i in range(lay.profile_words)]
    words_t = [f"t{i}" for i in range(lay.pattern_words)]
    words = words_p + words_t
    rows = [
        f"({option}, {lay.question_of.get(option, -1)}, {lay.area_rank.get(option, 0)}, "
        f"{int(option in lay.counted)}, " + ", ".join(str(v) for v in values) + ")"
        for option, values in sorted(lay.options.items())
    ]
    # An option id no answer has: VALUES cannot be empty.
    rows.append("(-1, -1, 0, 0, " + ", ".join("0" for _ in words) + ")")
    # The survey's answers (an answer's question is one of its response's survey).
    question_filter = f"a.question_id IN ({', '.join(str(int(q)) for q in s.questions) or 'NULL'})"
    narrowing = ""
    if narrow:
        # A period or some collection points: only their responses go through step 1.
        narrowing = f" AND a.response_id IN (SELECT s.id FROM ({scope_sql}) s)"
    answered = ", 0::bigint AS lq"
    if lay.link_questions:
        branches = " ".join(
            f"WHEN {int(q)} THEN {bits}" for q, bits in sorted(lay.link_questions.items())
        )
        answered = f", BIT_OR(CASE a.question_id {branches} ELSE 0 END) AS lq"
    ben = (
        f"CASE WHEN x.c0 & {1 << POVERTY} <> 0 THEN {WITH} "
        f"WHEN x.c0 & {1 << NONE} <> 0 THEN {WITHOUT} ELSE {NOT_STATED} END"
    )
    profile = (
        f"COALESCE({ben}, {NOT_STATED}) | (COALESCE((x.c0 >> {SINGLE}) & 1, 0) << 2)"
        f" | (COALESCE((x.c0 >> {MANY}) & 1, 0) << 3) | (COALESCE(x.area, 0) << 4)"
    )
    # Respondent flags, packed as _packed packs: uses, barrier question, "what is missing".
    flags = (
        f"COALESCE((x.c0 >> {USED}) & 1, 0)"
        f" | (CASE WHEN {_any(lay.barrier_masks)} THEN {1 << FIELD} ELSE 0 END)"
        f" | (CASE WHEN {_any(lay.missing_masks)} THEN {1 << (2 * FIELD)} ELSE 0 END)"
    )
    sums: list[str] = []
    for word in range(lay.profile_words):
        used = _used_bits(bit % FIELD for w, bit in lay.sums.values() if w == word)
        sums += _packed(f"c{word}", used, f"c{word}_")
    sums += _packed("lq", len(lay.answered), "lq_")
    summed = [s.split(" AS ")[-1] for s in sums]
    grouping = ", ".join(GROUPED)
    # Each pattern word's patterns with their numbers of families, in one scan of resp.
    patterns = "SELECT 0 AS word, 0::bigint AS pattern, 0::bigint AS n WHERE FALSE"
    if lay.pattern_words:
        t = [f"t{w}" for w in range(lay.pattern_words)]
        every = (1 << len(t)) - 1
        word_of = " ".join(
            f"WHEN {every & ~(1 << (len(t) - 1 - w))} THEN {w}" for w in range(len(t))
        )
        patterns = (
            f"SELECT CASE GROUPING({', '.join(t)}) {word_of} END AS word,"
            f" COALESCE({', '.join(t)}) AS pattern, COUNT(*) AS n"
            f" FROM resp GROUP BY GROUPING SETS ({', '.join(f'({w})' for w in t)})"
        )
    # LEAST: a product stays within a bigint; more responses than that fall back anyway.
    pattern_sums = _packed("pattern", WORD, "p", f" * LEAST(n, {LIMIT - 1})")
    # Families answering each barrier question: its options' bits in the pattern.
    fields = ", ".join(
        f"({w}, {m}, {int(q)})" for q, (w, m) in sorted(lay.fields.items()) if q in lay.barriers
    )
    tags = Answer.tags.through._meta
    tag_table = qn(tags.db_table)
    tag_answer = qn(tags.get_field("answer").column)
    tag_tag = qn(tags.get_field("freetexttag").column)
    answer = qn(Answer._meta.db_table)
    # Steps 1 and 2 for the responses of one range; @…@ marks where its bounds go.
    part = f"""
    SELECT r.id AS rid, r.collection_point_id AS point, r.language AS lang, r.channel AS channel,
        {profile} AS k, {flags} AS pf,
        {", ".join(f"COALESCE(x.{w}, 0) AS {w}" for w in words)},
        COALESCE(x.lq, 0) AS lq, COALESCE(x.n, 0) AS n, COALESCE(x.counted, 0) AS counted,
        COALESCE(x.misplaced, 0) AS misplaced, @outside@ AS outside,
        x.last
    FROM ({scope_sql}) r LEFT JOIN (
        SELECT a.response_id, {", ".join(f"BIT_OR(m.{w}) AS {w}" for w in words)},
            MAX(m.area) AS area, SUM(m.counted) AS counted, COUNT(*) AS n, MAX(a.id) AS last,
            COUNT(*) FILTER (WHERE m.question <> a.question_id) AS misplaced
            {answered}
        FROM {answer} a LEFT JOIN (VALUES {", ".join(rows)})
            AS m(option, question, area, counted, {", ".join(words)}) ON m.option = a.option_id
        WHERE {question_filter}{narrowing}@answer_range@
        GROUP BY a.response_id
    ) x ON x.response_id = r.id@response_range@"""
    chunks: list[str] = []
    params: list[Any] = []
    first, last = ids or (None, None)
    if first is None or last is None or parts <= 1:
        ranges: list[tuple[int | None, int | None, int | None, int | None]] = [
            (None, None, None, None)
        ]
    else:
        cuts = splits(first, last, parts)
        answers_from, answers_to = [first, *cuts], [*cuts, last + 1]
        responses_from, responses_to = [None, *cuts], [*cuts, None]
        ranges = list(zip(answers_from, answers_to, responses_from, responses_to, strict=True))
    for a_from, a_to, r_from, r_to in ranges:
        bounded = a_from is not None
        on_responses = [
            (f"r.id {test} %s", bound)
            for bound, test in ((r_from, ">="), (r_to, "<"))
            if bound is not None
        ]
        # In the order of the placeholders: outside, the scope (twice when narrow), the
        # range of answers, the range of responses.
        params += [
            *([first, last] if bounded else []),
            *scope_params,
            *(scope_params if narrow else ()),
            *([a_from, a_to] if bounded else []),
            *(bound for _, bound in on_responses),
        ]
        chunks.append(
            part.replace("@outside@", "(r.id < %s OR r.id > %s)::int" if bounded else "0")
            .replace(
                "@answer_range@",
                " AND a.response_id >= %s AND a.response_id < %s" if bounded else "",
            )
            .replace(
                "@response_range@",
                f" WHERE {' AND '.join(test for test, _ in on_responses)}" if on_responses else "",
            )
        )
    sql = f"""
WITH resp AS MATERIALIZED ({" UNION ALL ".join(chunks)}),
cells AS (
    SELECT k, point, lang, channel, COUNT(*) AS n, SUM(pf) AS flags,
        {", ".join([*sums, "0 AS zero"])},
        SUM(n::int) AS answers, MAX(last) AS last, SUM(counted::int) AS counted,
        SUM(misplaced::int) AS misplaced, SUM(outside) AS outside
    FROM resp GROUP BY k, point, lang, channel
),
marginals AS (
    SELECT GROUPING({grouping}) AS g, {grouping}, SUM(n) AS n, SUM(flags) AS flags,
        {", ".join(f"SUM({c}) AS {c}" for c in [*summed, "zero"])},
        SUM(answers) AS answers, MAX(last) AS last, SUM(counted) AS counted
    FROM (
        SELECT k & 3 AS ben, (k >> 2) & 1 AS single, (k >> 3) & 1 AS many, k >> 4 AS area,
            point, lang, channel, n, flags, {", ".join([*summed, "zero"])},
            answers, last, counted
        FROM cells
    ) c
    GROUP BY GROUPING SETS ({", ".join(f"({d})" for d in GROUPED)}, ())
),
patterns AS ({patterns})
SELECT json_build_object(
    'marginals', (SELECT json_agg(m) FROM marginals m),
    'patterns', (
        SELECT json_agg(b) FROM (
            SELECT word, {", ".join(pattern_sums)} FROM patterns GROUP BY word
        ) b
    ),
    'asked', (
        SELECT json_agg(f) FROM (
            SELECT v.question, SUM(p.n) AS n
            FROM patterns p JOIN (VALUES {fields or "(0, 0, 0)"}) AS v(word, mask, question)
                ON v.word = p.word AND p.pattern & v.mask <> 0
            GROUP BY v.question
        ) f
    ),
    'misplaced', (SELECT COALESCE(SUM(misplaced), 0) FROM cells),
    'outside', (SELECT COALESCE(SUM(outside), 0) FROM cells),
    'tags', (
        SELECT json_agg(t) FROM (
            SELECT g.{tag_tag} AS tag, COUNT(*) AS n
            FROM {tag_table} g JOIN {answer} a ON a.id = g.{tag_answer}
                JOIN resp ON resp.rid = a.response_id
            GROUP BY g.{tag_tag}
        ) t
    ),
    'tag_names', (
        SELECT json_agg(t ORDER BY t.name) FROM (
            SELECT id, name FROM {qn(FreeTextTag._meta.db_table)} WHERE survey_id = %s
        ) t
    )
)
"""
    return sql, [*params, s.survey_id]
