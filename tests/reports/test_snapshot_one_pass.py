"""The snapshot's counts from one statement (PostgreSQL) equal the portable path's, and both
equal a count by hand.

One varied survey of 240 families, made once for the module: three offerings, the real
blocks with their conditions (helpfulness only after "I use it", barriers only after "I know
it but don't use it"), multiple choices, "something else" with a text, an option staff added
to a barrier question, five areas (one chosen by three families, one by nobody), five
languages (Arabic by two families, one code the form does not know), three channels, a
collection point nobody used, families without any answer, staff tags on free texts and two
indicator links (one on a question outside the blocks). On SQLite only the portable path and
the count by hand run; CI runs the rest on PostgreSQL.
"""

from __future__ import annotations

import copy
import datetime
import random
from collections import defaultdict
from collections.abc import Iterator

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from districts.models import Area, District
from reports import services
from reports.aggregation import build_tables, onepass
from reports.aggregation.counting import portable
from reports.aggregation.counts import (
    ALL,
    BARRIER,
    MISSING,
    USES,
    Builder,
    Counts,
    kh_questions,
)
from reports.aggregation.indicators import link_counts
from reports.aggregation.missing import tag_counts
from reports.aggregation.onepass.statement import splits
from reports.aggregation.scope import (
    CHANNEL_CODES,
    LANGUAGE_CODES,
    NOT_STATED,
    WITH,
    WITHOUT,
    responses,
    structure,
)
from reports.models import ReportSnapshot
from surveys.blocks import add_family_block, add_missing_block, add_reach_block
from surveys.models import Answer, FreeTextTag, IndicatorLink, Option, Question, Response
from tests import factories as f
from tests.conftest import create_reference_data

pytestmark = pytest.mark.django_db

FAMILIES = 240
DAY = datetime.date(2026, 6, 1)
STARTED = datetime.datetime(2026, 6, 2, 8, 0, tzinfo=datetime.UTC)
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the one statement is PostgreSQL's"
)


def _survey(district: District, rng: random.Random) -> dict:
    areas = [
        f.AreaFactory(district=district, level=Area.Level.BEZIRKSREGION, name=f"Kiez {n}")
        for n in "VWXYZ"
    ]
    offerings = [f.OfferingFactory(district=district, name=f"Angebot {n}") for n in "ABC"]
    survey = f.SurveyFactory(district=district, languages=["tr", "ar", "en"])
    add_reach_block(survey, offerings)
    add_family_block(survey)
    add_missing_block(survey)
    extra = f.QuestionFactory(page=f.PageFactory(survey=survey, position=99), survey=survey)
    happy = [f.OptionFactory(question=extra, code=f"mood_{n}") for n in range(3)]
    questions = {(q.offering_id, q.block_key): q for q in Question.objects.filter(survey=survey)}
    options = defaultdict(dict)
    for option in Option.objects.filter(question__survey=survey):
        options[option.question_id][option.area_id or option.code] = option
    # An option staff added to a barrier question: its code is not one of the block's.
    first_barriers = questions[(offerings[0].pk, "barriers")]
    options[first_barriers.pk]["staff"] = f.OptionFactory(question=first_barriers, code="staff")
    points = [f.CollectionPointFactory(survey=survey) for _ in range(3)]  # the third: unused
    tags = [FreeTextTag.objects.create(survey=survey, name=n) for n in ("Zeit", "Öffnung", "Bus")]
    for indicator_question, codes in (
        (questions[(offerings[0].pk, "known")], ["used"]),
        (extra, ["mood_0", "mood_1"]),
    ):
        indicator = f.IndicatorFactory(goal=f.ActionGoalFactory(district=district))
        link = IndicatorLink.objects.create(indicator=indicator, question=indicator_question)
        link.options.set(Option.objects.filter(question=indicator_question, code__in=codes))

    def q(key: str, offering: object = None) -> Question:
        return questions[(getattr(offering, "pk", None), key)]

    def pick(question: Question, *keys: object) -> list[tuple[Question, Option]]:
        return [(question, options[question.pk][key]) for key in keys]

    languages = ["de"] * 60 + ["tr"] * 25 + ["en"] * 8 + ["pl"] * 3
    plan: list[tuple[dict, list[tuple[Question, Option, str]]]] = []
    for n in range(FAMILIES):
        response = {
            "collection_point": points[0] if rng.random() < 0.7 else points[1],
            "language": "ar" if n in (5, 6) else "xx" if n == 7 else rng.choice(languages),
            "channel": "tablet" if n in (8, 9) else ("paper" if rng.random() < 0.1 else "online"),
            "submitted_on": DAY - datetime.timedelta(days=rng.choice([0, 0, 3, 40])),
        }
        chosen: list[tuple[Question, Option]] = []
        if n >= FAMILIES - 3:  # families who sent an empty form
            plan.append((response, []))
            continue
        poor = rng.random() < 0.35
        for offering in offerings:
            roll = rng.random()
            if roll < 0.05:
                continue
            if roll < 0.4:
                chosen += pick(q("known", offering), "not_known")
            elif roll < 0.7:
                chosen += pick(q("known", offering), "known_not_used")
                if rng.random() < 0.85:
                    codes = rng.sample([f"barrier_{i}" for i in range(1, 20)], rng.randint(1, 3))
                    if offering is offerings[0] and rng.random() < 0.1:
                        codes.append("staff")
                    chosen += pick(q("barriers", offering), *codes)
            else:
                chosen += pick(q("known", offering), "used")
                if rng.random() < 0.9:
                    scale = rng.choice(["scale_1", "scale_3", "scale_4", "scale_5", "cannot_say"])
                    chosen += pick(q("helpful", offering), scale)
        if n in (10, 11):  # paper entries: a rating without "I use it"
            chosen += pick(q("helpful", offerings[1]), "scale_5")
        if rng.random() < 0.9:
            chosen += pick(q("household"), "single_parent" if rng.random() < 0.2 else "two_parents")
        if rng.random() < 0.9:
            chosen += pick(q("children"), rng.choice(["one", "two", "three", "four_or_more"]))
        chosen += pick(q("age_groups"), *rng.sample(["age_0_2", "age_3_5", "age_6_9"], 2))
        roll = rng.random()
        if poor:
            chosen += pick(q("benefits"), *rng.sample(["basic_income_support", "berlinpass"], 2))
        elif roll < 0.7:
            chosen += pick(q("benefits"), "none")
        elif roll < 0.8:
            chosen += pick(q("benefits"), "prefer_not_to_say")
        home = (
            areas[1].pk
            if n in (12, 13, 14)
            else rng.choice([areas[2].pk, areas[3].pk, areas[4].pk, "dont_know", None])
        )
        if home is not None:
            chosen += pick(q("home_area"), home)
        if rng.random() < 0.6:
            wanted = rng.sample(["free_offers", "digital_help", "something_else"], 2)
            chosen += pick(q("choices"), *wanted)
        if rng.random() < 0.5:
            chosen += pick(extra, rng.choice(happy).code)
        texted = [
            (question, option, "Samstags" if option.is_other else "") for question, option in chosen
        ]
        plan.append((response, texted))
    answers: list[Answer] = []
    texts: list[tuple[Answer, list[FreeTextTag]]] = []
    for fields, chosen in plan:
        response = Response.objects.create(survey=survey, **fields)
        answers += [
            Answer(response=response, question=question, option=option, text=text)
            for question, option, text in chosen
        ]
        if chosen and rng.random() < 0.2:
            text = Answer(response=response, question=q("free_text"), text="Mehr Plätze")
            texts.append((text, rng.sample(tags[1:], rng.randint(0, 2))))
    Answer.objects.bulk_create(answers + [text for text, _ in texts])
    for text, chosen_tags in texts:
        text.tags.set(chosen_tags)
    return {"survey": survey, "points": points, "offerings": offerings}


@pytest.fixture(scope="module")
def made(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[dict]:
    """The survey, made once for the module in a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        create_reference_data()
        yield _survey(District.objects.get(number="04"), random.Random(20261207))
        transaction.set_rollback(True)


def _snapshot(made: dict, **inputs: object) -> ReportSnapshot:
    return f.ReportSnapshotFactory(
        survey=made["survey"], status=ReportSnapshot.Status.RUNNING, started_at=STARTED, **inputs
    )


def _by_hand(survey_id: int, scope_ids: list[int]) -> Counts:
    """The counts as the portable statement defines them, one response at a time."""
    s = structure(survey_id)
    kh = kh_questions(s)
    barriers = {q for q, (_, key) in s.reach.items() if key == "barriers"}
    rows = defaultdict(list)
    for response, question, option in Answer.objects.filter(response_id__in=scope_ids).values_list(
        "response_id", "question_id", "option_id"
    ):
        rows[response].append((question, option))
    out = Builder()
    for response in Response.objects.filter(pk__in=scope_ids):
        answered = [(q, o) for q, o in rows[response.pk] if o is not None]
        chosen = {o for _, o in answered}
        flags = {
            ALL: True,
            BARRIER: any(q in barriers for q, _ in answered),
            USES: bool(chosen & s.used_options),
            MISSING: any(q in s.missing_choices for q, _ in answered),
        }
        ben = (
            WITH
            if chosen & s.poverty_options
            else WITHOUT
            if chosen & s.none_options
            else NOT_STATED
        )
        values = {
            "ben": ben,
            "area": max(chosen & set(s.area_options), default=0),
            "single": int(bool(chosen & s.single_options)),
            "many": int(bool(chosen & s.many_options)),
            "point": response.collection_point_id,
            "lang": response.language if response.language in LANGUAGE_CODES else "",
            "channel": response.channel if response.channel in CHANNEL_CODES else "",
        }
        codes = {s.option_code[o] for q, o in answered if q in barriers}
        for dim, value in values.items():
            for flag, on in flags.items():
                out.add(dim, "p", value, flag, int(on))
            if dim == "channel":
                continue
            for q, o in answered:
                if q in kh:
                    out.add(dim, "r", value, (q, o), 1)
            for code in codes:
                out.add(dim, "b", value, code, 1)
        for flag, on in flags.items():
            out.add_total("p", flag, int(on))
        for q, o in answered:
            if q in s.reach:
                out.add_total("r", (q, o), 1)
            if q in s.missing_choices:
                out.add_total("m", (q, o), 1)
        for q in {q for q, _ in answered if q in barriers}:
            out.add_total("Q", q, 1)
    return out.counts()


def _scope(made: dict, **inputs: object) -> tuple[ReportSnapshot, object]:
    snapshot = _snapshot(made, **inputs)
    snapshot.last_response_id = Response.objects.order_by("-pk").values_list("pk", flat=True)[0]
    return snapshot, responses(snapshot)


def _one_pass(made: dict, scope: object, *, narrow: bool) -> Counts | None:
    survey = made["survey"]
    return onepass.counted(scope, structure(survey.pk), survey_id=survey.pk, narrow=narrow)


def test_the_portable_counts_are_the_counts_by_hand(made):
    survey = made["survey"]
    _, scope = _scope(made)
    counts = portable(scope, structure(survey.pk), survey_id=survey.pk)
    by_hand = _by_hand(survey.pk, list(scope.values_list("pk", flat=True)))
    assert counts.total() == FAMILIES
    assert counts.by == by_hand.by
    assert counts.totals == by_hand.totals
    # The data hold what the module docstring promises.
    assert counts.respondents("lang")["ar"] == 2
    assert counts.respondents("lang")[""] == 1
    assert made["points"][2].pk not in counts.respondents("point")
    assert any(code == "staff" for keys in counts.values("ben", "b").values() for code in keys)


@postgres_only
def test_one_pass_gives_the_portable_counts(made):
    survey = made["survey"]
    snapshot, scope = _scope(made)
    counts = _one_pass(made, scope, narrow=False)
    expected = portable(scope, structure(survey.pk), survey_id=survey.pk)
    assert counts is not None
    for dim in expected.by:
        assert counts.by[dim] == expected.by[dim], dim
    assert counts.totals == expected.totals
    assert counts.tags == tag_counts(scope, survey.pk) == expected.tags
    assert counts.links == link_counts(scope, survey.pk) == expected.links
    assert [link.count for link in counts.links] != [0, 0]
    assert {"answers": counts.answers, "tags": counts.answer_tags} == services.answer_version(
        snapshot
    )


@postgres_only
def test_one_pass_gives_the_portable_counts_of_a_period_and_a_point(made):
    survey = made["survey"]
    _, scope = _scope(
        made,
        period_start=DAY - datetime.timedelta(days=5),
        collection_points=[made["points"][1].pk],
    )
    counts = _one_pass(made, scope, narrow=True)
    expected = portable(scope, structure(survey.pk), survey_id=survey.pk)
    assert counts is not None
    assert 0 < counts.total() < FAMILIES
    assert (counts.by, counts.totals, counts.tags) == (expected.by, expected.totals, expected.tags)


def test_the_ranges_of_response_ids_cover_first_to_last_in_equal_widths():
    assert splits(1, 100, 4) == [26, 51, 76]
    assert splits(1, 100_000, 2) == [50_001]
    assert splits(7, 8, 5) == [8]  # no more ranges than ids
    assert splits(5, 5, 3) == []


def _counted_in(made: dict, scope: object, parts: int, ids: tuple | None) -> tuple:
    """onepass.counted with `parts` parallel workers allowed; its counts and statement."""
    survey = made["survey"]
    with connection.cursor() as cursor:
        cursor.execute("SET max_parallel_workers_per_gather = %s", [parts])
    try:
        with CaptureQueriesContext(connection) as queries:
            counts = onepass.counted(
                scope, structure(survey.pk), survey_id=survey.pk, narrow=False, ids=ids
            )
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET max_parallel_workers_per_gather")
    statement = next(q["sql"] for q in queries.captured_queries if "GROUPING SETS" in q["sql"])
    return counts, statement


@postgres_only
@pytest.mark.parametrize(("parts", "known"), [(1, False), (5, False), (3, True)])
def test_one_pass_counts_the_same_in_any_number_of_ranges(made, parts, known):
    """Step 1 runs once per range of response ids (one per parallel worker), with the ids
    given or asked for."""
    survey = made["survey"]
    snapshot, scope = _scope(made)
    ids = list(scope.order_by("pk").values_list("pk", flat=True))
    counts, statement = _counted_in(made, scope, parts, (ids[0], ids[-1]) if known else None)
    assert statement.count("GROUP BY a.response_id") == parts
    expected = portable(scope, structure(survey.pk), survey_id=survey.pk)
    assert counts is not None
    assert counts.total() == FAMILIES
    assert (counts.by, counts.totals, counts.tags) == (expected.by, expected.totals, expected.tags)
    assert counts.links == expected.links
    assert counts.answers == services.answer_version(snapshot)["answers"]


@postgres_only
@pytest.mark.parametrize("miss", ["first", "last"])
def test_ids_that_miss_a_response_make_the_count_fall_back(made, miss):
    """The answers are read between the ids given; a response of the scope outside them is
    noticed (the open ranges at either end still hold it), never dropped."""
    _, scope = _scope(made)
    ids = list(scope.order_by("pk").values_list("pk", flat=True))
    given = (ids[1], ids[-1]) if miss == "first" else (ids[0], ids[-2])
    counts, statement = _counted_in(made, scope, 3, given)
    assert statement.count("GROUP BY a.response_id") == 3
    assert counts is None
    assert _counted_in(made, scope, 3, (ids[0], ids[-1]))[0] is not None


@postgres_only
def test_the_statements_settings_are_put_back_afterwards(made):
    """The statement runs with more work memory, without JIT and without the leader in the
    parallel part; the connection (reused by the next task) keeps its own settings."""
    names = ("work_mem", "jit", "parallel_leader_participation")

    def settings() -> tuple:
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(f"current_setting('{n}')" for n in names))
            return cursor.fetchone()

    with connection.cursor() as cursor:
        cursor.execute("SET work_mem = '5MB'")
    try:
        before = settings()
        _, scope = _scope(made)
        with CaptureQueriesContext(connection) as queries:
            assert _one_pass(made, scope, narrow=False) is not None
        assert settings() == before == ("5MB", before[1], before[2])
        sent = " ".join(q["sql"] for q in queries.captured_queries)
        assert "set_config('parallel_leader_participation', 'off', false)" in sent
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET work_mem")


def _both(made: dict, monkeypatch: pytest.MonkeyPatch, **inputs: object) -> tuple[dict, dict]:
    """The tables of two equal snapshots: counted in one statement, and the portable way."""
    fast = build_tables(_snapshot(made, **inputs))
    with monkeypatch.context() as patched:
        patched.setattr(onepass, "counted", lambda *args, **kwargs: None)
        slow = build_tables(_snapshot(made, **inputs))
    return fast, slow


def _assert_same_tables(fast: dict, slow: dict) -> None:
    assert fast.keys() == slow.keys()
    for key in slow:
        assert fast[key] == slow[key], key


@postgres_only
def test_every_table_is_the_same_from_either_count(made, monkeypatch):
    fast, slow = _both(made, monkeypatch)
    _assert_same_tables(fast, slow)
    # Small cells were hidden and views withheld, so the comparison covers the protection.
    assert fast["disclosure"]["hidden_after"] > 0
    assert fast["withheld"]


@postgres_only
def test_every_table_is_the_same_from_either_count_with_an_earlier_published_report(
    made, monkeypatch
):
    # One collection point keeps the linked audit of three overlapping reports short.
    point = made["points"][1]
    first = _snapshot(made, collection_points=[point.pk])
    services.snapshot_build(snapshot=first)
    ReportSnapshot.objects.filter(pk=first.pk).update(published_at=timezone.now())
    survey = made["survey"]
    known = Question.objects.get(survey=survey, offering=made["offerings"][0], block_key="known")
    used = Option.objects.get(question=known, code="used")
    for _ in range(12):
        response = Response.objects.create(survey=survey, collection_point=point, submitted_on=DAY)
        Answer.objects.create(response=response, question=known, option=used)
    fast, slow = _both(made, monkeypatch, collection_points=[point.pk])
    _assert_same_tables(fast, slow)
    assert fast["disclosure"]["protected_with"] == [first.pk]


@postgres_only
def test_the_build_reads_the_answer_table_in_one_query(made):
    snapshot = _snapshot(made)
    with CaptureQueriesContext(connection) as queries:
        services.snapshot_build(snapshot=snapshot)
    over_answers = [q["sql"] for q in queries.captured_queries if "surveys_answer" in q["sql"]]
    assert len(over_answers) == 1, over_answers
    assert "GROUPING SETS" in over_answers[0]
    # Nor are the responses counted again for the fingerprint: the statement counted them.
    assert not [q for q in queries.captured_queries if 'COUNT("surveys_response' in q["sql"]]
    assert snapshot.fingerprint == services.snapshot_fingerprint(snapshot)


@postgres_only
def test_a_response_holding_an_option_twice_is_counted_the_portable_way(made, monkeypatch):
    answer = Answer.objects.filter(
        response__survey=made["survey"], question__block_key="known"
    ).first()
    twice = copy.copy(answer)
    twice.pk = None
    twice.save()
    _, scope = _scope(made)
    assert _one_pass(made, scope, narrow=False) is None
    fast, slow = _both(made, monkeypatch)
    _assert_same_tables(fast, slow)


@postgres_only
def test_an_answer_with_an_option_of_another_question_is_counted_the_portable_way(
    made, monkeypatch
):
    a, b = made["offerings"][:2]
    known_a = Question.objects.get(survey=made["survey"], offering=a, block_key="known")
    used_b = Option.objects.get(question__offering=b, question__block_key="known", code="used")
    response = Response.objects.filter(survey=made["survey"]).first()
    Answer.objects.create(response=response, question=known_a, option=used_b)
    _, scope = _scope(made)
    assert _one_pass(made, scope, narrow=False) is None
    fast, slow = _both(made, monkeypatch)
    _assert_same_tables(fast, slow)
