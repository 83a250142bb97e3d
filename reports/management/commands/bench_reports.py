"""Benchmark of the report build: `python manage.py bench_reports --responses 100000`.

Creates a throwaway database with Django's test-database machinery (the configured database
is never touched), builds a district survey from the real blocks (reach block for four
offerings, family block, "what is missing" block), fills it with synthetic responses of
about twelve answer rows each, and measures

  - the snapshot build (reports.services.snapshot_build, as the Celery task runs it; and
    reports.aggregation.build_tables alone),
  - one hand-written SQL GROUP BY over the same answer rows, the floor any build has to pay,
    and the ratio of the two,
  - the survey dashboard served from the stored snapshot (django.test.Client, median).

`--scale 10000,30000,100000,300000` instead grows one data set through those sizes and prints,
per size, the build, the GROUP BY, their ratio and the build's milliseconds per 1,000
responses (measured in turns, so both see the same machine), then whether issue #19's targets
are met: a ratio of at most 3 at 100,000 responses, and a build that grows no faster than the
responses.

A benchmark, not a test: apart from those two lines it judges nothing. Works on SQLite (an
in-memory test database) and PostgreSQL (`test_<name>`, dropped at the end).
"""

from __future__ import annotations

import datetime
import itertools
import random
import statistics
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from districts.models import (
    Area,
    AreaIndicator,
    AreaIndicatorValue,
    District,
    Membership,
    Sector,
    Stakeholder,
)
from goals.models import ActionGoal, Indicator, IndicatorValue
from offerings.models import Offering, OfferingCategory, OfferingPlace, OfferingResource
from reports.aggregation import build_tables
from reports.models import ReportSnapshot
from reports.services import snapshot_build
from surveys.blocks import add_family_block, add_missing_block, add_reach_block
from surveys.models import Answer, CollectionPoint, Response, Survey

SEED = 20261125
BATCH = 5000  # responses per insert batch
# Issue #19's targets for --scale.
TARGET_AT = 100_000
TARGET_RATIO = 3.0
# "Linear": the time per 1,000 responses may not grow by more than this from one size to the
# next (a build with fixed costs gets cheaper per response as the survey grows).
LINEAR_SLACK = 1.25
STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


class Command(BaseCommand):
    help = (
        "Measure the report build and the dashboard on synthetic responses in a throwaway database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--responses", type=int, default=100_000)
        parser.add_argument("--repeat", type=int, default=3, help="runs per measured step")
        parser.add_argument(
            "--profile",
            type=int,
            default=5,
            metavar="N",
            help="print the N slowest queries of one extra build (0: none)",
        )
        parser.add_argument(
            "--scale",
            default="",
            metavar="N,N,…",
            help="grow one data set through these numbers of responses and measure each "
            "(e.g. 10000,30000,100000,300000); --responses and --profile are then unused",
        )
        parser.add_argument(
            "--in-place",
            action="store_true",
            help="use the current database instead of a throwaway one (for the test suite)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        responses, repeat = max(1, options["responses"]), max(1, options["repeat"])
        # Production-like: no query log, local static files, plain HTTP for the test client.
        with (
            override_settings(
                DEBUG=False,
                STORAGES=STATIC,
                SECURE_SSL_REDIRECT=False,
                ALLOWED_HOSTS=["testserver", "localhost", "127.0.0.1"],
            ),
            self._database(options["in_place"]),
        ):
            if options["scale"]:
                sizes = sorted({max(1, int(n)) for n in options["scale"].split(",") if n.strip()})
                self._scale(sizes, repeat)
            else:
                self._run(responses, repeat, max(0, options["profile"]))

    @contextmanager
    def _database(self, in_place: bool) -> Iterator[None]:
        if in_place:
            yield
            return
        old_name = connection.settings_dict["NAME"]
        self.stdout.write("creating a throwaway database …")
        connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False, keepdb=False
        )
        try:
            yield
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)

    def _run(self, responses: int, repeat: int, profile: int) -> None:
        started = time.perf_counter()
        setup = _setup()
        answers = _generate(setup, responses)
        _analyze()
        generated = time.perf_counter() - started
        out = self.stdout.write
        out(f"database: {connection.vendor}")
        out(f"responses: {responses}")
        out(f"answer rows: {answers}")
        out(f"answers per response: {answers / responses:.1f}")
        out(f"generate data: {generated:.1f} s")

        tables_times, build_times = [], []
        steps: list[tuple[str, float]] = []
        for _ in range(repeat):
            snapshot = ReportSnapshot.objects.create(
                district=setup.survey.district, survey=setup.survey
            )
            steps = []
            progress = _recorder(steps)
            tables_times.append(_timed(lambda s=snapshot, p=progress: build_tables(s, p)))
            steps.append(("end", time.perf_counter()))
            build_times.append(_timed(lambda s=snapshot: snapshot_build(snapshot=s)))
        build = statistics.median(build_times)
        out(f"snapshot build: {build:.3f} s (snapshot_build, median of {repeat})")
        out(f"build_tables: {statistics.median(tables_times):.3f} s (median of {repeat})")
        for step, seconds in _durations(steps):
            out(f"  step {step}: {seconds:.3f} s")
        if profile:
            for seconds, sql in _slowest_queries(setup.survey, count=profile):
                out(f"  query {seconds:.3f} s: {sql[:300]}")

        raw = statistics.median(
            _timed(lambda: _raw_group_by(setup.survey.pk)) for _ in range(repeat)
        )
        out(
            f"raw GROUP BY: {raw:.3f} s (median of {repeat}, {_raw_group_by(setup.survey.pk)} rows)"
        )
        out(
            f"ratio build / GROUP BY: {build / raw:.1f}" if raw > 0 else "ratio build / GROUP BY: –"
        )

        status, render = _dashboard(setup, repeat=max(repeat, 5))
        out(f"dashboard render: {render * 1000:.1f} ms (median of {max(repeat, 5)}, HTTP {status})")

    def _scale(self, sizes: list[int], repeat: int) -> None:
        out = self.stdout.write
        setup = _setup()
        out(f"database: {connection.vendor}")
        out(f"sizes: {', '.join(f'{n:,}' for n in sizes)} (median of {repeat} per figure)")
        out("responses | answer rows | build s | GROUP BY s | ratio | build ms per 1,000 responses")
        have = rows = 0
        figures: list[tuple[int, float, float]] = []
        for size in sizes:
            # The same survey grows: each size adds responses of its own seed.
            rows += _generate(setup, size - have, seed=SEED + have)
            have = size
            _analyze()
            build, raw = _measure(setup, repeat)
            figures.append((size, build, raw))
            out(
                f"{size:,} | {rows:,} | {build:.4f} | {raw:.4f} | {build / raw:.1f} | "
                f"{build * 1_000_000 / size:.1f}"
            )
        at = [(build, raw) for size, build, raw in figures if size == TARGET_AT]
        if at:
            ratio = at[0][0] / at[0][1]
            verdict = "met" if ratio <= TARGET_RATIO else "not met"
            out(
                f"target ratio at {TARGET_AT:,} responses <= {TARGET_RATIO}: {verdict} ({ratio:.1f})"
            )
        else:
            out(f"target ratio at {TARGET_AT:,} responses <= {TARGET_RATIO}: not measured")
        per_1k = [build / size for size, build, _raw in figures]
        steps = [later / earlier for earlier, later in itertools.pairwise(per_1k)]
        verdict = "met" if all(step <= LINEAR_SLACK for step in steps) else "not met"
        growth = ", ".join(f"x{step:.2f}" for step in steps) or "one size only"
        out(
            f"target linear growth (time per 1,000 responses at most x{LINEAR_SLACK} from one "
            f"size to the next): {verdict} ({growth})"
        )


# --- the survey and its responses -------------------------------------------------------------


@dataclass
class Setup:
    survey: Any
    coordinator: Any
    questions: dict[str, Any]  # block key → question (family and missing blocks)
    reach: list[tuple[Any, Any, Any]]  # (known, helpful, barriers) per offering
    options: dict[int, dict[str, int]]  # question → option code → option id
    areas: list[tuple[str, float]]  # home-area option code, weight (children)
    points: list[int]


def _setup() -> Setup:
    """A district with eight regions, four offerings and a survey from the real blocks."""
    rng = random.Random(SEED)
    district = District.objects.get(number="04")
    regions, planning = [], []
    for n in range(1, 9):
        region = Area.objects.create(
            district=district,
            level=Area.Level.BEZIRKSREGION,
            code=f"04{n:02d}01",
            name=f"Region {n}",
        )
        regions.append(region)
        for m in (1, 2):
            planning.append(
                Area.objects.create(
                    district=district,
                    level=Area.Level.PLANUNGSRAUM,
                    code=f"04{n:02d}01{m:02d}",
                    name=f"Planungsraum {n}.{m}",
                    parent=region,
                )
            )
    indicators = {i.key: i for i in AreaIndicator.objects.all()}
    AreaIndicatorValue.objects.bulk_create(
        AreaIndicatorValue(area=area, indicator=indicators[key], year=2024, value=value)
        for area in planning
        for key, value in [
            ("child-poverty-mss", round(rng.uniform(5, 45), 1)),
            ("population-0-5", rng.randint(300, 1500)),
            ("population-6-11", rng.randint(300, 1500)),
            ("population-12-17", rng.randint(300, 1500)),
        ]
    )
    provider = Stakeholder.objects.create(
        district=district,
        name="Bench-Träger",
        sector=Sector.objects.get(key="youth-welfare"),
        kind=Stakeholder.Kind.INDEPENDENT_PROVIDER,
    )
    category = OfferingCategory.objects.order_by("position").first()
    goal = ActionGoal.objects.create(district=district, title="Familien kennen die Angebote")
    offerings = []
    for n, (name, ages, reach, budget) in enumerate(
        [
            ("Familienzentrum", (0, 10), 120, 90000),
            ("Babylots*innen", (0, 1), 40, 30000),
            ("Stadtteilmütter", (None, None), 80, 60000),
            ("Jugendclub", (10, 17), 150, None),
        ]
    ):
        offering = Offering.objects.create(
            district=district,
            name=name,
            provider=provider,
            category=category,
            sector=provider.sector,
            age_from=ages[0],
            age_to=ages[1],
            reached_per_month=reach,
            capacity_per_month=reach,
        )
        OfferingPlace.objects.create(
            offering=offering, address=f"Straße {n}", area=planning[(3 * n) % len(planning)]
        )
        if budget:
            OfferingResource.objects.create(
                offering=offering, kind=OfferingResource.Kind.BUDGET, amount=budget, year=2026
            )
        offering.goals.add(goal)
        offerings.append(offering)
    indicator = Indicator.objects.create(goal=goal, name="Anteil, der das Familienzentrum kennt")
    IndicatorValue.objects.create(
        indicator=indicator, measured_on=timezone.localdate().replace(month=1, day=1), value=30.0
    )

    survey = Survey.objects.create(
        district=district,
        title="Benchmark: Was erreicht Familien?",
        status=Survey.Status.OPEN,
        languages=["en", "tr", "ar"],
    )
    add_reach_block(survey, offerings)
    add_family_block(survey)
    add_missing_block(survey)
    points = [CollectionPoint.objects.create(survey=survey, kind=CollectionPoint.Kind.ONLINE)]
    points += [
        CollectionPoint.objects.create(
            survey=survey, kind=CollectionPoint.Kind.OFFERING, offering=o
        )
        for o in offerings[:2]
    ]

    user = get_user_model().objects.create_user("bench-coordinator", password=None)
    Membership.objects.create(user=user, district=district, role=Membership.Role.COORDINATOR)

    questions = list(survey.questions.prefetch_related("options").order_by("pk"))
    options = {q.pk: {o.code: o.pk for o in q.options.all()} for q in questions}
    follow = {(q.offering_id, q.block_key): q for q in questions if q.block == "reach"}
    reach = [
        (q, follow.get((q.offering_id, "helpful")), follow.get((q.offering_id, "barriers")))
        for q in questions
        if q.block == "reach" and q.block_key == "known"
    ]
    by_key = {q.block_key: q for q in questions if q.block in {"family", "missing"}}
    home = options[by_key["home_area"].pk]
    areas = [(f"area_{region.pk}", rng.uniform(1, 3)) for region in regions]
    assert all(code in home for code, _ in areas)
    return Setup(
        survey=survey,
        coordinator=user,
        questions=by_key,
        reach=reach,
        options=options,
        areas=areas,
        points=[p.pk for p in points],
    )


def _generate(setup: Setup, count: int, *, seed: int = SEED) -> int:
    """Insert `count` responses and their answers in batches; returns the answer rows."""
    rng = random.Random(seed)
    today = timezone.localdate()
    days = [today - datetime.timedelta(days=n) for n in range(60)]
    languages = ["de"] * 7 + ["tr", "ar", "en"]
    columns = ["response_id", "question_id", "option_id", "number", "text", "text_reviewed"]
    insert = (
        f"INSERT INTO {connection.ops.quote_name(Answer._meta.db_table)} "
        f"({', '.join(connection.ops.quote_name(c) for c in columns)}) VALUES "
    )
    # Several rows per statement (as many as the database takes parameters for): one round
    # trip per row would measure the network, and a million model instances Django.
    per_statement = min(1000, (connection.features.max_query_params or 4000) // 4)
    total = 0
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        with transaction.atomic():
            batch = Response.objects.bulk_create(
                [
                    Response(
                        survey=setup.survey,
                        collection_point_id=rng.choice(setup.points),
                        language=rng.choice(languages),
                        submitted_on=rng.choice(days),
                    )
                    for _ in range(size)
                ]
            )
            rows = [
                (response.pk, question, option, False)
                for response in batch
                for question, option in _answers(rng, setup)
            ]
            with connection.cursor() as cursor:
                for first in range(0, len(rows), per_statement):
                    chunk = rows[first : first + per_statement]
                    values = ", ".join(["(%s, %s, %s, NULL, '', %s)"] * len(chunk))
                    cursor.execute(insert + values, [v for row in chunk for v in row])
        total += len(rows)
    return total


def _answers(rng: random.Random, setup: Setup) -> list[tuple[int, int]]:
    """(question, option) pairs of one family, obeying the survey's show-if rules."""
    chosen: list[tuple[int, int]] = []
    poor = rng.random() < 0.3

    def pick(question: Any, *codes: str) -> None:
        for code in codes:
            chosen.append((question.pk, setup.options[question.pk][code]))

    for known, helpful, barriers in setup.reach:
        if rng.random() < 0.03:
            continue
        know = 0.45 if poor else 0.6
        if rng.random() >= know:
            pick(known, "not_known")
        elif rng.random() < (0.35 if poor else 0.5):
            pick(known, "used")
            if helpful is not None and rng.random() < 0.9:
                pick(
                    helpful, rng.choice(["scale_3", "scale_4", "scale_4", "scale_5", "cannot_say"])
                )
        else:
            pick(known, "known_not_used")
            if barriers is not None and rng.random() < 0.85:
                pick(
                    barriers, *rng.sample([f"barrier_{n}" for n in range(1, 18)], rng.randint(1, 2))
                )

    q = setup.questions
    if rng.random() < 0.95:
        pick(q["household"], rng.choice(["single_parent", "two_parents", "two_parents", "other"]))
    if rng.random() < 0.95:
        pick(q["children"], rng.choice(["one", "two", "three", "four_or_more"]))
    if rng.random() < 0.9:
        ages = ["age_0_2", "age_3_5", "age_6_9", "age_10_13", "age_14_17", "age_18_27"]
        pick(q["age_groups"], *rng.sample(ages, 2 if rng.random() < 0.3 else 1))
    if rng.random() < 0.9:
        if poor:
            benefits = ["basic_income_support", "berlinpass", "child_supplement", "housing_benefit"]
            pick(q["benefits"], *rng.sample(benefits, rng.randint(1, 2)))
        else:
            pick(q["benefits"], "none")
    if rng.random() < 0.9:
        codes, weights = zip(*setup.areas, strict=True)
        pick(q["home_area"], rng.choices(codes, weights=weights)[0])
    if rng.random() < 0.5:
        languages = [c for c in setup.options[q["languages"].pk] if c.startswith("lang_")]
        if languages:
            pick(q["languages"], rng.choice(languages))
    if rng.random() < 0.7:
        codes = ["help_with_applications", "offers_close_to_home", "free_offers", "digital_help"]
        pick(q["choices"], *rng.sample(codes, rng.randint(1, 2)))
    return chosen


def _analyze() -> None:
    # A live database has planner statistics; a freshly filled one gets them here.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- measurements -----------------------------------------------------------------------------


def _quiet(percent: int, step: str) -> None:
    return None


def _timed(function: Callable[[], Any]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def _measure(setup: Setup, repeat: int) -> tuple[float, float]:
    """Median seconds of snapshot_build and of the raw GROUP BY, measured in turns after one
    round that is not counted (caches, the first query plans)."""
    builds, raws = [], []
    survey = setup.survey
    for turn in range(repeat + 1):
        raw = _timed(lambda: _raw_group_by(survey.pk))
        snapshot = ReportSnapshot.objects.create(district=survey.district, survey=survey)
        build = _timed(lambda s=snapshot: snapshot_build(snapshot=s))
        if turn:
            raws.append(raw)
            builds.append(build)
    return statistics.median(builds), statistics.median(raws)


def _recorder(steps: list[tuple[str, float]]) -> Callable[[int, str], None]:
    """A progress callback that notes when each step of the build starts."""

    def progress(percent: int, step: str) -> None:
        steps.append((f"{percent:>3} % {step}", time.perf_counter()))

    steps.append(("start", time.perf_counter()))
    return progress


def _durations(steps: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """How long each step took: from its progress call to the next one (or the end)."""
    return [(name, nxt - at) for (name, at), (_, nxt) in itertools.pairwise(steps)]


def _slowest_queries(survey: Survey, *, count: int) -> list[tuple[float, str]]:
    """Run build_tables once more with the query log on; its slowest queries first."""
    snapshot = ReportSnapshot.objects.create(district=survey.district, survey=survey)
    with CaptureQueriesContext(connection) as captured:
        build_tables(snapshot, _quiet)
    timed = [(float(q["time"]), q["sql"]) for q in captured.captured_queries]
    return sorted(timed, key=lambda item: -item[0])[:count]


def _raw_group_by(survey_id: int) -> int:
    """The floor: one grouped count of every chosen option of the survey."""
    answer = connection.ops.quote_name(Answer._meta.db_table)
    response = connection.ops.quote_name(Response._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            # Only the models' own table names (quoted) go into the text; the id is a parameter.
            f"SELECT a.question_id, a.option_id, COUNT(*) FROM {answer} a "  # nosec B608
            f"JOIN {response} r ON r.id = a.response_id "
            "WHERE r.survey_id = %s GROUP BY a.question_id, a.option_id",
            [survey_id],
        )
        return len(cursor.fetchall())


def _dashboard(setup: Setup, *, repeat: int) -> tuple[int, float]:
    # Whitenoise warns once that collectstatic has not run: irrelevant for a measurement.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    client = Client()
    client.force_login(setup.coordinator)
    url = reverse(
        "reports:survey_dashboard",
        kwargs={"district": setup.survey.district.slug, "survey": setup.survey.pk},
    )
    status = client.get(url).status_code  # warm-up: templates, translations, sessions
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        status = client.get(url).status_code
        times.append(time.perf_counter() - started)
    return status, statistics.median(times)
