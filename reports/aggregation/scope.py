"""Which answers a snapshot counts, and the portable grouped query that counts them.

The survey's questions and options are read once (a few hundred rows); their ids then go
into one portable SQL statement that first builds a profile per response (benefits, home
area, household, children, uses any offering) and then groups the reach answers, the
barriers across offerings and the responses themselves by that profile. The statement runs
on any database; counts.from_cube sums its rows per filter dimension. PostgreSQL counts the
same in one pass over the answers instead (onepass/); counting.py chooses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd
from django.db import connection
from django.db.models import Max, Min, QuerySet

from reports.models import ReportSnapshot
from surveys.languages import SURVEY_LANGUAGES
from surveys.models import Answer, Option, Question, Response
from surveys.participation.family import BENEFIT_CODES, NONE_CODE, SINGLE_PARENT_CODE

MANY_CHILDREN_CODES = ("three", "four_or_more")
REACH = Question.Block.REACH
FAMILY = Question.Block.FAMILY
MISSING = Question.Block.MISSING
# Benefit column of a profile: any poverty benefit, "none of these", or nothing said.
WITH, WITHOUT, NOT_STATED = 2, 1, 0
CUBE_COLUMNS = [
    "part",
    "q",
    "o",
    "code",
    "ben",
    "area",
    "single",
    "many",
    "point",
    "lang",
    "channel",
    "uses",
    "n",
]


@dataclass
class Structure:
    """The survey's block questions and options the counting needs."""

    survey_id: int = 0
    questions: list[int] = field(default_factory=list)  # every question of the survey
    # question id → (offering id, block key) for reach questions, in survey order
    reach: dict[int, tuple[int, str]] = field(default_factory=dict)
    offerings: list[int] = field(default_factory=list)
    option_code: dict[int, str] = field(default_factory=dict)
    option_value: dict[int, int | None] = field(default_factory=dict)
    option_question: dict[int, int] = field(default_factory=dict)
    family_questions: set[int] = field(default_factory=set)
    poverty_options: set[int] = field(default_factory=set)
    none_options: set[int] = field(default_factory=set)
    single_options: set[int] = field(default_factory=set)
    many_options: set[int] = field(default_factory=set)
    used_options: set[int] = field(default_factory=set)
    # home-area option id → (area code, area name, area level)
    area_options: dict[int, tuple[str, str, str]] = field(default_factory=dict)
    missing_choices: list[int] = field(default_factory=list)
    missing_options: list[Option] = field(default_factory=list)

    @property
    def known_questions(self) -> set[int]:
        return {q for q, (_, key) in self.reach.items() if key == "known"}


def structure(survey_id: int) -> Structure:
    """Two queries: the questions, then the block questions' options with areas."""
    out = Structure(survey_id=survey_id)
    questions = list(
        Question.objects.filter(survey_id=survey_id)
        .order_by("page__position", "page_id", "position", "pk")
        .values_list("pk", "block", "block_key", "offering_id")
    )
    out.questions = [pk for pk, *_ in questions]
    first_family: dict[str, int] = {}
    family_key: dict[int, str] = {}
    for pk, block, key, offering in questions:
        if block == REACH and offering is not None:
            out.reach[pk] = (offering, key)
            if offering not in out.offerings:
                out.offerings.append(offering)
        elif block == FAMILY:
            # A survey holds the family block once; should a question appear twice, the first counts.
            if first_family.setdefault(key, pk) == pk:
                out.family_questions.add(pk)
                family_key[pk] = key
        elif block == MISSING and key == "choices":
            out.missing_choices.append(pk)
    ids = [*out.reach, *out.family_questions, *out.missing_choices]
    options = (
        Option.objects.filter(question_id__in=ids)
        .select_related("area")
        .order_by("question_id", "position", "pk")
    )
    for option in options:
        out.option_code[option.pk] = option.code
        out.option_value[option.pk] = option.value
        out.option_question[option.pk] = option.question_id
        question = option.question_id
        if question in out.reach:
            if out.reach[question][1] == "known" and option.code == "used":
                out.used_options.add(option.pk)
            continue
        if question in out.missing_choices:
            out.missing_options.append(option)
            continue
        key = family_key[question]
        if key == "benefits":
            if option.code in BENEFIT_CODES:
                out.poverty_options.add(option.pk)
            elif option.code == NONE_CODE:
                out.none_options.add(option.pk)
        elif key == "household" and option.code == SINGLE_PARENT_CODE:
            out.single_options.add(option.pk)
        elif key == "children" and option.code in MANY_CHILDREN_CODES:
            out.many_options.add(option.pk)
        elif key == "home_area" and option.area is not None:
            area = option.area
            out.area_options[option.pk] = (area.code, area.name, area.level)
    return out


def responses(snapshot: ReportSnapshot) -> QuerySet[Response]:
    """The responses a snapshot counts: its survey, period and collection points."""
    scope = Response.objects.filter(survey_id=snapshot.survey_id)
    if snapshot.period_start:
        scope = scope.filter(submitted_on__gte=snapshot.period_start)
    if snapshot.period_end:
        scope = scope.filter(submitted_on__lte=snapshot.period_end)
    if snapshot.collection_points:
        scope = scope.filter(collection_point_id__in=[int(p) for p in snapshot.collection_points])
    if snapshot.last_response_id is not None:
        scope = scope.filter(pk__lte=snapshot.last_response_id)
    return scope.order_by()


@dataclass(frozen=True)
class Span:
    """The first and last response id of a scope and the days its answers came in."""

    first_id: int | None
    last_id: int | None
    first_on: str | None
    last_on: str | None


def span(scope: QuerySet[Response]) -> Span:
    """One aggregate query over the scope (its ids bound the counting statement's ranges)."""
    found = scope.aggregate(
        first_id=Min("pk"),
        last_id=Max("pk"),
        first_on=Min("submitted_on"),
        last_on=Max("submitted_on"),
    )
    return Span(
        found["first_id"],
        found["last_id"],
        found["first_on"].isoformat() if found["first_on"] else None,
        found["last_on"].isoformat() if found["last_on"] else None,
    )


def _in(column: str, ids: Iterable[int]) -> str:
    """`column IN (1, 2)` with the ids inlined (integers from our own rows, never user text);
    an empty list matches nothing, which `IN ()` cannot say portably."""
    values = sorted({int(i) for i in ids})
    if not values:
        return "1 = 0"
    return f"{column} IN ({', '.join(str(v) for v in values)})"


def _codes(column: str, codes: list[str]) -> str:
    """`CASE column WHEN 'de' THEN 1 …`: a short integer per code, so the database groups
    and sorts integers instead of collated text. Codes are this app's constants."""
    for code in codes:
        if not re.fullmatch(r"[a-z-]+", code):
            raise ValueError(f"unexpected code {code!r}")
    branches = " ".join(f"WHEN '{code}' THEN {n}" for n, code in enumerate(codes, start=1))
    return f"CASE {column} {branches} ELSE 0 END"


LANGUAGE_CODES = [language.code for language in SURVEY_LANGUAGES]
CHANNEL_CODES = list(Response.Channel.values)


def cube(scope: QuerySet[Response], s: Structure) -> pd.DataFrame:
    """The grouped counts of a snapshot: one SQL statement.

    Parts (column `part`):
      "p"  responses per profile (with channel, "uses any offering", "answered a barrier
           question" in `q` and "answered what is missing" in `o`)
      "r"  reach answers per question × option × profile
      "b"  families naming a barrier code for at least one offering, per code × profile
      "Q"  families answering each barrier question (all respondents)
      "m"  families choosing each option of "what is missing" (all respondents)
    Every count is of responses, and each response has exactly one profile, so summing any
    part over profile columns is again a count of responses.
    """
    qn = connection.ops.quote_name
    answer = qn(Answer._meta.db_table)
    option = qn(Option._meta.db_table)
    scope_sql, params = scope.values(
        "id", "collection_point_id", "language", "channel"
    ).query.sql_with_params()
    barrier_questions = [q for q, (_, key) in s.reach.items() if key == "barriers"]
    # Only answers that can change a profile column join the profile pass: the options
    # that set a flag, and the barrier and "missing" questions whose presence counts.
    # This skips most family and "do you know" rows (measured 3.3 → 2.8 s at 100,000).
    profile_options = (
        s.poverty_options
        | s.none_options
        | set(s.area_options)
        | s.single_options
        | s.many_options
        | s.used_options
    )
    flag_questions = set(barrier_questions) | set(s.missing_choices)
    dims = "p.ben, p.area, p.single, p.many, p.point, p.lang"
    sql = f"""
WITH profile AS (
    SELECT r.id AS rid, r.collection_point_id AS point,
        {_codes("r.language", LANGUAGE_CODES)} AS lang,
        {_codes("r.channel", CHANNEL_CODES)} AS channel,
        MAX(CASE WHEN {_in("a.option_id", s.poverty_options)} THEN {WITH}
                 WHEN {_in("a.option_id", s.none_options)} THEN {WITHOUT}
                 ELSE {NOT_STATED} END) AS ben,
        COALESCE(MAX(CASE WHEN {_in("a.option_id", s.area_options)} THEN a.option_id END), 0)
            AS area,
        MAX(CASE WHEN {_in("a.option_id", s.single_options)} THEN 1 ELSE 0 END) AS single,
        MAX(CASE WHEN {_in("a.option_id", s.many_options)} THEN 1 ELSE 0 END) AS many,
        MAX(CASE WHEN {_in("a.option_id", s.used_options)} THEN 1 ELSE 0 END) AS uses,
        MAX(CASE WHEN {_in("a.question_id", barrier_questions)} AND a.option_id IS NOT NULL
                 THEN 1 ELSE 0 END) AS barrier,
        MAX(CASE WHEN {_in("a.question_id", s.missing_choices)} AND a.option_id IS NOT NULL
                 THEN 1 ELSE 0 END) AS missing
    FROM ({scope_sql}) r
    LEFT JOIN {answer} a ON a.response_id = r.id
        AND ({_in("a.option_id", profile_options)} OR {_in("a.question_id", flag_questions)})
    GROUP BY r.id, r.collection_point_id, r.language, r.channel
)
SELECT 'p' AS part, p.barrier AS q, p.missing AS o, '' AS code, {dims}, p.channel, p.uses,
    COUNT(*) AS n
FROM profile p
GROUP BY {dims}, p.channel, p.uses, p.barrier, p.missing
UNION ALL
SELECT 'r', a.question_id, a.option_id, '', {dims}, 0, 0, COUNT(*)
FROM {answer} a JOIN profile p ON p.rid = a.response_id
WHERE {_in("a.question_id", s.reach)} AND a.option_id IS NOT NULL
GROUP BY a.question_id, a.option_id, {dims}
UNION ALL
SELECT 'b', 0, 0, o.code, {dims}, 0, 0, COUNT(DISTINCT a.response_id)
FROM {answer} a JOIN profile p ON p.rid = a.response_id JOIN {option} o ON o.id = a.option_id
WHERE {_in("a.question_id", barrier_questions)}
GROUP BY o.code, {dims}
UNION ALL
SELECT 'Q', a.question_id, 0, '', 0, 0, 0, 0, 0, 0, 0, 0, COUNT(DISTINCT a.response_id)
FROM {answer} a JOIN profile p ON p.rid = a.response_id
WHERE {_in("a.question_id", barrier_questions)} AND a.option_id IS NOT NULL
GROUP BY a.question_id
UNION ALL
SELECT 'm', a.question_id, a.option_id, '', 0, 0, 0, 0, 0, 0, 0, 0, COUNT(*)
FROM {answer} a JOIN profile p ON p.rid = a.response_id
WHERE {_in("a.question_id", s.missing_choices)} AND a.option_id IS NOT NULL
GROUP BY a.question_id, a.option_id
"""
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgres:
            # The grouped sorts of a large survey fit in memory instead of spilling to disk.
            cursor.execute("SET work_mem = '64MB'")
        try:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        finally:
            if postgres:
                cursor.execute("RESET work_mem")
    frame = pd.DataFrame(rows, columns=CUBE_COLUMNS)
    for column in ("q", "o", "ben", "area", "single", "many", "point", "uses", "n"):
        frame[column] = frame[column].astype("int64")
    frame["part"] = frame["part"].astype(str)
    frame["code"] = frame["code"].astype(str)
    frame["lang"] = frame["lang"].astype("int64").map(dict(enumerate(["", *LANGUAGE_CODES])))
    frame["channel"] = frame["channel"].astype("int64").map(dict(enumerate(["", *CHANNEL_CODES])))
    return frame
