"""Synthetic responses for the demo survey (seed_demo), every one marked as demo data.

Deterministic (a fixed random seed), and shaped so that the reach and gap views tell the
story a district would recognise: families receiving Bürgergeld or holding a berlinpass,
and families in the poorest Bezirksregionen, know and use fewer offerings; Turkish- and
Arabic-speaking families use the family centre less and the Stadtteilmütter more; the
barriers named most are "did not know it exists", "did not know if it is for us", "not in
my language", "forms too complicated" and "the times do not fit".

Every answer obeys the survey's own rules, as the family form would enforce them: follow-up
questions only after the answer that shows them, one option for a single choice, an
exclusive option never combined with another.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from districts.models import Area, AreaIndicatorValue
from surveys.models import (
    Answer,
    CollectionPoint,
    CollectionPointDay,
    FreeTextTag,
    Option,
    Question,
    Response,
    Survey,
)

SEED = 20260505
RESPONSES = 600
# The demo's story for step 5 (reports/demo_adaptation.py): after last year's survey, the family
# centre started a Saturday consultation in Arabic and Turkish, and since then more of these
# families know and use it. Answers from that day on (`change_on`) show it.
BATCH = 2000

AGE_GROUPS = ["age_0_2", "age_3_5", "age_6_9", "age_10_13", "age_14_17", "age_18_27"]
SCHOOL_AGES = {"age_6_9", "age_10_13", "age_14_17"}
CHILD_POVERTY = "child-poverty-mss"
POPULATION = ["population-0-5", "population-6-11", "population-12-17"]


@dataclass(frozen=True)
class PointProfile:
    """Who answers at a collection point: share of all responses, languages, open days."""

    share: float
    languages: dict[str, float]
    weekdays: frozenset[int]  # Monday is 0
    tablet: float  # share answered on the offering's tablet
    ages: list[float]  # weights of AGE_GROUPS for a child of a family met here
    local: float  # share of families living in the point's own Bezirksregion


POINTS: dict[str, PointProfile] = {
    # The Elterncafé runs on Tuesday and Thursday mornings, so do its responses.
    "offering": PointProfile(
        0.38,
        {"de": 70, "tr": 10, "ar": 6, "en": 7, "de-ls": 5},
        frozenset({1, 3}),
        0.12,
        [3, 3, 2, 1, 0.6, 0.2],
        0.45,
    ),
    "place": PointProfile(
        0.22,
        {"de": 45, "tr": 26, "ar": 20, "en": 5, "de-ls": 4},
        frozenset(range(5)),
        0.08,
        [2, 4, 1.5, 0.8, 0.4, 0.2],
        0.65,
    ),
    "online": PointProfile(
        0.40,
        {"de": 68, "tr": 13, "ar": 9, "en": 9, "de-ls": 2},
        frozenset(range(7)),
        0.0,
        [1.5, 1.5, 1.5, 1.5, 1.2, 0.4],
        0.0,
    ),
}


@dataclass(frozen=True)
class Reach:
    """How well an offering reaches an average family, before the family's situation counts."""

    know: float
    use: float  # share of those who know it
    helpful: float  # mean on the 1–5 scale
    ages: frozenset[str] = frozenset()  # only relevant for children of these ages
    barriers: dict[int, float] = field(default_factory=dict)  # on top of BARRIERS


REACH: dict[str, Reach] = {
    "family_centre": Reach(
        0.55, 0.55, 4.3, frozenset({"age_0_2", "age_3_5", "age_6_9"}), {7: 0.15, 17: 0.08}
    ),
    "kita_social_work": Reach(
        0.38, 0.45, 4.1, frozenset({"age_0_2", "age_3_5", "age_6_9"}), {2: 0.1, 15: 0.1}
    ),
    "baby_pilots": Reach(0.30, 0.45, 4.4, frozenset({"age_0_2"}), {1: 0.12, 2: 0.05}),
    "neighbourhood_mothers": Reach(0.33, 0.35, 4.5, frozenset(), {2: 0.1, 13: 0.04, 17: 0.08}),
    "benefit_advice": Reach(0.36, 0.35, 3.2, frozenset(), {5: 0.3, 2: 0.15, 12: 0.06, 13: 0.04}),
    "family_service": Reach(0.36, 0.40, 3.6, frozenset(), {5: 0.2, 7: 0.1, 12: 0.05}),
    "homework_help": Reach(0.26, 0.42, 4.0, frozenset(SCHOOL_AGES), {10: 0.25, 6: 0.08, 8: 0.1}),
    "youth_club": Reach(
        0.34, 0.35, 3.9, frozenset({"age_10_13", "age_14_17"}), {8: 0.15, 17: 0.12, 7: 0.08}
    ),
    "parenting_course": Reach(0.28, 0.25, 4.0, frozenset(), {7: 0.25, 9: 0.25, 6: 0.1}),
}
DEFAULT_REACH = Reach(0.3, 0.35, 3.9)

# Chance of each barrier (numbers as in DOMAIN.md) for a family who knows but does not use.
BARRIERS: dict[int, float] = {
    1: 0.28,  # did not know it exists
    2: 0.30,  # did not know if it is for us
    3: 0.02,  # not in my language (much more for Turkish and Arabic answers, below)
    4: 0.05,
    5: 0.10,  # forms too complicated
    6: 0.05,
    7: 0.20,  # times do not fit
    8: 0.06,
    9: 0.06,
    10: 0.04,
    11: 0.03,
    12: 0.03,
    13: 0.02,
    14: 0.06,
    15: 0.10,
    16: 0.03,
    17: 0.07,
}
MISSING: dict[str, float] = {
    "help_with_applications": 0.30,
    "info_in_my_language": 0.06,
    "childcare_during_appointments": 0.16,
    "offers_close_to_home": 0.22,
    "offers_at_other_times": 0.20,
    "free_offers": 0.22,
    "someone_comes_to_us": 0.08,
    "digital_help": 0.07,
}

# Invented answers to "what would help your family most?": no names, short, mostly German.
# (language, text, tags after staff review — None while not yet read)
FREE_TEXTS: list[tuple[str, str, tuple[str, ...] | None]] = [
    ("de", "Ein Kitaplatz in der Nähe. Wir warten seit über einem Jahr.", ("Kita-Platz",)),
    ("de", "Hilfe beim Ausfüllen der Anträge, am besten ohne Termin.", ("Anträge",)),
    ("de", "Mehr Angebote am Nachmittag, wenn die Kinder aus der Schule kommen.", ("Freizeit",)),
    ("de", "Kostenlose Schwimmkurse für die Kinder.", ("Geld", "Freizeit")),
    ("de", "Dass man beim Jobcenter schneller jemanden erreicht.", ("Anträge",)),
    (
        "de",
        "Eine Beratung, die auch am Samstag offen ist. Ich arbeite unter der Woche.",
        ("Öffnungszeiten",),
    ),
    ("de", "Jemand, der mit zum Amt kommt und übersetzt.", ("Sprache", "Anträge")),
    ("de", "Ferienangebote, die man nicht Monate vorher buchen muss.", None),
    ("de", "Eine größere Wohnung. Wir sind zu fünft in zwei Zimmern.", ("Wohnen",)),
    ("de", "Nachhilfe in Mathe, die wir bezahlen können.", ("Geld",)),
    ("de", "Alle Informationen an einer Stelle, nicht überall verstreut.", ("Information",)),
    ("de", "Kinderbetreuung während der Deutschkurse.", ("Kinderbetreuung", "Sprache")),
    ("de", "Saubere Spielplätze in unserer Straße.", None),
    ("de", "Briefe vom Amt, die man verstehen kann.", ("Anträge", "Sprache")),
    ("de", "Ein Treffpunkt für Alleinerziehende am Abend.", ("Öffnungszeiten",)),
    (
        "de",
        "Vieles aus der Umfrage kannte ich gar nicht. Bitte mehr Aushänge in der Kita.",
        ("Information",),
    ),
    ("de", "Weniger Nachweise beim Antrag für Bildung und Teilhabe.", ("Anträge",)),
    ("de", "Sport für Jugendliche, der nichts kostet.", ("Geld", "Freizeit")),
    ("de", "Eine Hebamme zu finden war sehr schwer.", None),
    ("de", "Hilfe bei Schulden ohne lange Wartezeit.", ("Geld",)),
    ("de", "Jemand in der Schule, der den Kindern zuhört.", None),
    ("de", "Mehr Plätze in der Hausaufgabenhilfe.", ("Kinderbetreuung",)),
    ("de", "Die Öffnungszeiten passen nicht, wenn man arbeitet.", ("Öffnungszeiten",)),
    ("de", "Einen warmen Ort, wo die Kinder im Winter spielen können.", ("Freizeit",)),
    ("de", "Ein Bus, der direkt zum Familienzentrum fährt.", None),
    ("de", "WLAN zu Hause, damit die Kinder Hausaufgaben machen können.", None),
    ("de", "Mehr Geduld bei den Ämtern, wenn man nicht gut Deutsch spricht.", ("Sprache",)),
    ("de", "Kostenloses Mittagessen auch in der Oberschule.", ("Geld",)),
    ("de", "Eine Sprechstunde im Kiez, nicht nur im Rathaus.", None),
    ("de", "Jemand, der einmal alles erklärt, was uns zusteht.", ("Information", "Geld")),
    ("de", "Babysitter für Arzttermine.", ("Kinderbetreuung",)),
    ("de", "Günstige Musikschule.", None),
    ("tr", "Türkçe bilgi ve başvurularda yardım.", ("Sprache", "Anträge")),
    ("tr", "Çocuklar için ücretsiz spor ve müzik kursları.", ("Geld", "Freizeit")),
    ("tr", "Resmî mektupları anlamak için yardım.", ("Sprache",)),
    ("tr", "Kreş yeri bulmak çok zor, daha fazla yer lazım.", None),
    ("tr", "Akşamları da açık olan bir danışma yeri.", None),
    ("ar", "معلومات باللغة العربية عن المساعدات التي يحق لنا الحصول عليها.", ("Sprache",)),
    ("ar", "مساعدة في ملء الاستمارات والطلبات.", ("Anträge",)),
    ("ar", "مكان في الروضة لطفلي الصغير.", None),
    ("ar", "دروس تقوية مجانية للأطفال بعد المدرسة.", None),
    ("en", "Help to find a Kita place. The website is only in German.", ("Kita-Platz",)),
    ("en", "Information about benefits in English.", None),
]
BARRIER_OTHER_TEXTS = [
    "Ich habe am Telefon niemanden erreicht.",
    "Ich hatte Angst, dass ich dort niemanden kenne.",
    "Wir sind erst seit ein paar Monaten im Bezirk.",
    "Der Eingang hat Stufen, mit dem Kinderwagen geht das nicht.",
    "Die Gruppe war voll mit Familien, die sich schon kennen.",
]
MISSING_OTHER_TEXTS = [
    "Hilfe bei der Wohnungssuche",
    "Ein Familienpass für Museen und Zoo",
    "Mehr Sportvereine mit Ermäßigung",
    "Deutschkurs mit Kinderbetreuung",
]


@dataclass
class Family:
    """What the generator decides about one responding family before it answers."""

    point: str
    language: str
    region: Area | None
    poverty: float  # synthetic child poverty of the home region, in %
    poor: bool  # Bürgergeld, berlinpass
    low_income: bool  # working, but with housing benefit or child supplement
    single_parent: bool
    children: int
    ages: set[str]
    speaks: list[str]  # language keys at home

    @property
    def turkish_or_arabic(self) -> bool:
        return bool({"tr", "ar"} & set(self.speaks)) or self.language in {"tr", "ar"}


class _Survey:
    """The demo survey's questions and options, looked up by block part and code."""

    def __init__(self, survey: Survey) -> None:
        questions = list(survey.questions.prefetch_related("options"))
        self.options: dict[int, dict[str, Option]] = {
            q.pk: {o.code: o for o in q.options.all()} for q in questions
        }
        self.reach: list[tuple[Question, Question | None, Question | None]] = []
        follow_ups = {(q.offering_id, q.block_key): q for q in questions if q.block == "reach"}
        for known in (q for q in questions if q.block_key == "known"):
            self.reach.append(
                (
                    known,
                    follow_ups.get((known.offering_id, "helpful")),
                    follow_ups.get((known.offering_id, "barriers")),
                )
            )
        self.block = {
            q.block_key: q for q in questions if q.block in {"family", "missing"} and q.block_key
        }
        area_question = self.block.get("home_area")
        self.area_options = {
            o.area_id: o
            for o in (self.options[area_question.pk].values() if area_question else [])
            if o.area_id
        }

    def option(self, question: Question, code: str) -> Option | None:
        return self.options[question.pk].get(code)


def generate(
    *,
    survey: Survey,
    points: dict[str, CollectionPoint],
    offering_roles: dict[int, str],
    tags: dict[str, FreeTextTag],
    today: datetime.date,
    change_on: datetime.date | None = None,
    responses: int = RESPONSES,
) -> int:
    """Create RESPONSES synthetic responses with their answers and daily start counts.

    Bulk inserts only, so seed_demo stays fast. Returns the number of responses.
    """
    rng = random.Random(SEED)
    shape = _Survey(survey)
    regions = _regions(survey)
    opens_on = survey.opens_on or today
    days = [opens_on + datetime.timedelta(days=n) for n in range((today - opens_on).days + 1)]
    point_keys = [key for key in POINTS if key in points]
    if not point_keys:
        return 0
    languages = set(survey.language_codes)
    homes = {key: _point_region_code(point) for key, point in points.items()}
    day_weights = {key: _day_weights(days, POINTS[key], today) for key in point_keys}

    drafts: list[tuple[Response, list[Answer]]] = []
    for _n in range(responses):
        key = rng.choices(point_keys, weights=[POINTS[k].share for k in point_keys])[0]
        profile = POINTS[key]
        family = _family(rng, key, profile, regions, homes[key], languages)
        response = Response(
            survey=survey,
            collection_point=points[key],
            language=family.language,
            channel=(
                Response.Channel.TABLET
                if rng.random() < profile.tablet
                else Response.Channel.ONLINE
            ),
            submitted_on=rng.choices(days, weights=day_weights[key])[0],
            is_demo=True,
        )
        changed = change_on is not None and response.submitted_on >= change_on
        drafts.append((response, _answers(rng, family, shape, offering_roles, changed)))

    tagged = _add_free_texts(rng, drafts, shape)
    Response.objects.bulk_create([response for response, _a in drafts], batch_size=BATCH)
    answers = []
    for response, answer_list in drafts:
        for answer in answer_list:
            answer.response_id = response.pk  # known only now, after the bulk insert
            answers.append(answer)
    Answer.objects.bulk_create(answers, batch_size=BATCH)
    Through = Answer.tags.through
    Through.objects.bulk_create(
        [
            Through(answer_id=a.pk, freetexttag_id=tags[t].pk)
            for a, names in tagged
            for t in names
            if t in tags
        ],
        batch_size=BATCH,
    )
    _count_starts(rng, [r for r, _a in drafts], points, days)
    return len(drafts)


# --- who answers ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Region:
    area: Area
    children: float
    poverty: float


def _regions(survey: Survey) -> list[_Region]:
    """The district's Bezirksregionen with children and child poverty from the area values."""
    areas = list(
        Area.objects.for_district(survey.district).level(Area.Level.BEZIRKSREGION).order_by("code")
    )
    latest: dict[tuple[str, str], tuple[int, float]] = {}  # (planning area, key) → year, value
    for code, key, year, value in (
        AreaIndicatorValue.objects.for_district(survey.district)
        .filter(
            area__level=Area.Level.PLANUNGSRAUM, indicator__key__in=[CHILD_POVERTY, *POPULATION]
        )
        .values_list("area__code", "indicator__key", "year", "value")
    ):
        if (code, key) not in latest or latest[(code, key)][0] < year:
            latest[(code, key)] = (year, value)
    children: Counter[str] = Counter()
    poor_children: Counter[str] = Counter()
    for (code, key), (_year, value) in latest.items():
        if key == CHILD_POVERTY:
            kids = sum(latest.get((code, k), (0, 0.0))[1] for k in POPULATION)
            children[code[:6]] += kids
            poor_children[code[:6]] += value / 100 * kids
    return [
        _Region(
            area,
            children[area.code] or 1.0,
            # Without values a region counts as average: about one child in seven.
            100 * poor_children[area.code] / children[area.code] if children[area.code] else 15.0,
        )
        for area in areas
    ]


def _point_region_code(point: CollectionPoint) -> str:
    place = point.place
    if place is None and point.offering is not None:
        place = point.offering.places.select_related("area").first()
    area = place.area if place is not None else None
    return area.code[:6] if area is not None else ""


def _family(
    rng: random.Random,
    key: str,
    profile: PointProfile,
    regions: list[_Region],
    here: str,
    languages: set[str],
) -> Family:
    codes = [code for code in profile.languages if code in languages]
    language = rng.choices(codes, weights=[profile.languages[c] for c in codes])[0]
    region = None
    poverty = 15.0
    if regions:
        # Families answer near home: many live in the point's own region, the rest spread
        # over the district by the number of children (a little more in the neighbourhood).
        own = [r for r in regions if r.area.code == here]
        if own and rng.random() < profile.local:
            chosen = own[0]
        else:
            weights = [
                r.children * (2.0 if here and r.area.code[:4] == here[:4] else 1.0) for r in regions
            ]
            chosen = rng.choices(regions, weights=weights)[0]
        region, poverty = chosen.area, chosen.poverty
    single_parent = rng.random() < 0.24 + (0.06 if language == "de" else 0)
    poor_chance = (
        0.06
        + 1.5 * poverty / 100
        + {"tr": 0.18, "ar": 0.25, "de-ls": 0.12, "en": -0.02}.get(language, 0)
        + {"place": 0.06, "online": -0.06}.get(key, 0)
        + (0.12 if single_parent else 0)
    )
    poor = rng.random() < min(max(poor_chance, 0.05), 0.85)
    low_income = not poor and rng.random() < 0.18
    children = rng.choices(
        [1, 2, 3, 4], weights=[34, 36, 18, 12] if not poor else [24, 34, 24, 18]
    )[0]
    ages = {rng.choices(AGE_GROUPS, weights=profile.ages)[0] for _child in range(children)}
    if key == "place":
        ages.add("age_3_5")  # met at a Kita
    return Family(
        point=key,
        language=language,
        region=region,
        poverty=poverty,
        poor=poor,
        low_income=low_income,
        single_parent=single_parent,
        children=children,
        ages=ages,
        speaks=_home_languages(rng, language),
    )


def _home_languages(rng: random.Random, language: str) -> list[str]:
    if language == "tr":
        return ["tr", "de"] if rng.random() < 0.6 else ["tr"]
    if language == "ar":
        return ["ar", "de"] if rng.random() < 0.4 else ["ar"]
    if language == "en":
        spoken = ["en"] if rng.random() < 0.6 else ["other"]
        return [*spoken, "de"] if rng.random() < 0.3 else spoken
    if language == "de" and rng.random() < 0.15:
        return [
            "de",
            rng.choices(["tr", "ru", "uk", "en", "ar", "other"], [30, 25, 10, 10, 5, 20])[0],
        ]
    return ["de"]


def _day_weights(
    days: list[datetime.date], profile: PointProfile, today: datetime.date
) -> list[float]:
    """More answers once posters hang everywhere (weeks 3–6), fewer at weekends and today."""
    weights = []
    for day in days:
        week = (day - days[0]).days // 7
        campaign = 0.6 if week == 0 else 1.3 if 2 <= week <= 5 else 1.0
        weekday = (
            0.0 if day.weekday() not in profile.weekdays else 0.4 if day.weekday() >= 5 else 1.0
        )
        weights.append(campaign * weekday * (0.4 if day == today else 1.0))
    # A period shorter than a week may miss a point's opening days: then any day will do.
    return weights if any(weights) else [1.0] * len(days)


# --- what they answer ---------------------------------------------------------------------------


def _answers(
    rng: random.Random,
    family: Family,
    shape: _Survey,
    offering_roles: dict[int, str],
    changed: bool = False,
) -> list[Answer]:
    answers: list[Answer] = []

    def choose(question: Question | None, *codes: str, text: str = "") -> None:
        if question is None:
            return
        for code in codes:
            option = shape.option(question, code)
            if option is not None:
                # Ids, not instances: thousands of answers, and the descriptors cost time.
                answers.append(
                    Answer(
                        question_id=question.pk,
                        option_id=option.pk,
                        text=text if option.is_other else "",
                    )
                )

    for known, helpful, barriers in shape.reach:
        if rng.random() < 0.03:
            continue  # skipped: no follow-up either
        role = offering_roles.get(known.offering_id or 0, "")
        p_know, p_use = _chances(role, REACH.get(role, DEFAULT_REACH), family, changed)
        if rng.random() >= p_know:
            choose(known, "not_known")
        elif rng.random() < p_use:
            choose(known, "used")
            if helpful is not None and rng.random() < 0.9:
                choose(helpful, _helpful(rng, role, family))
        else:
            choose(known, "known_not_used")
            if barriers is not None and rng.random() < 0.85:
                for number in _barriers(rng, role, family):
                    text = rng.choice(BARRIER_OTHER_TEXTS) if number == 18 else ""
                    choose(barriers, f"barrier_{number}", text=text)
    _family_answers(rng, family, shape, choose)
    missing = shape.block.get("choices")
    if missing is not None and rng.random() < 0.8:
        for code in _missing(rng, family):
            text = rng.choice(MISSING_OTHER_TEXTS) if code == "something_else" else ""
            choose(missing, code, text=text)
    return answers


def _chances(role: str, reach: Reach, family: Family, changed: bool = False) -> tuple[float, float]:
    """Chance to know the offering, and to use it when known, for this family; `changed`:
    answered after the family centre's consultation in Arabic and Turkish began."""
    know, use = reach.know, reach.use
    if family.poor:
        know, use = know * 0.72, use * 0.7
    if role == "benefit_advice":
        # Only families with low incomes are entitled to education and participation benefits.
        use *= 1.8 if family.poor or family.low_income else 0.25
    if family.poverty >= 20:
        know *= 0.7
    elif family.poverty >= 15:
        know *= 0.88
    if family.turkish_or_arabic:
        know *= {"family_centre": 0.8, "neighbourhood_mothers": 1.7, "parenting_course": 0.6}.get(
            role, 0.85
        )
        use *= {"family_centre": 0.45, "neighbourhood_mothers": 1.6}.get(role, 1.0)
        if changed and role == "family_centre":
            know, use = know * 1.4, use * 1.9
    if family.language == "en":
        know *= 0.7
    elif family.language == "de-ls":
        know *= 0.8
    if reach.ages and not reach.ages & family.ages:
        know, use = know * 0.6, use * 0.15
    if family.point == "offering":
        if role == "family_centre":  # answered in the family centre's own café
            return 1.0, 0.7 if family.turkish_or_arabic else 0.9
        know *= 1.15
    return min(know, 0.97), min(use, 0.95)


def _helpful(rng: random.Random, role: str, family: Family) -> str:
    if rng.random() < 0.05:
        return "cannot_say"
    mean = REACH.get(role, DEFAULT_REACH).helpful
    if family.poor and role in {"benefit_advice", "family_service"}:
        mean -= 0.3
    return f"scale_{min(5, max(1, round(rng.gauss(mean, 0.9))))}"


def _barriers(rng: random.Random, role: str, family: Family) -> list[int]:
    if rng.random() < 0.08:
        return [19]  # "nothing made it hard" stands alone
    weights = dict(BARRIERS)
    for number, extra in REACH.get(role, DEFAULT_REACH).barriers.items():
        weights[number] += extra
    if family.language in {"tr", "ar"}:
        weights[3] += 0.45
    elif family.turkish_or_arabic or family.language == "en":
        weights[3] += 0.12
    if family.language in {"tr", "ar", "de-ls"}:
        weights[4] += 0.12
    if family.poor:
        for number, extra in {6: 0.04, 11: 0.04, 12: 0.05, 16: 0.04}.items():
            weights[number] += extra
    if family.single_parent:
        weights[9] += 0.12
        weights[14] += 0.08
    if family.poverty >= 20:
        weights[8] += 0.08
    chosen = [number for number, weight in weights.items() if rng.random() < weight]
    if rng.random() < 0.03:
        chosen.append(18)
    if not chosen:
        chosen = [rng.choices(list(weights), weights=list(weights.values()))[0]]
    return chosen


def _missing(rng: random.Random, family: Family) -> list[str]:
    weights = dict(MISSING)
    if family.poor:
        weights["help_with_applications"] += 0.2
        weights["free_offers"] += 0.18
        weights["digital_help"] += 0.06
    if family.language in {"tr", "ar"}:
        weights["info_in_my_language"] += 0.5
    elif family.turkish_or_arabic:
        weights["info_in_my_language"] += 0.2
    if family.single_parent:
        weights["childcare_during_appointments"] += 0.2
    elif not family.poor:
        weights["offers_at_other_times"] += 0.15
    if family.poverty >= 20:
        weights["offers_close_to_home"] += 0.2
    chosen = [code for code, weight in weights.items() if rng.random() < weight]
    if rng.random() < 0.03:
        chosen.append("something_else")
    return chosen or [max(weights, key=lambda code: weights[code])]


def _family_answers(
    rng: random.Random, family: Family, shape: _Survey, choose: Callable[..., None]
) -> None:
    """About your family: every question optional, some skipped, a few "rather not say"."""
    block = shape.block
    if rng.random() > 0.05:
        if rng.random() < 0.03:
            choose(block.get("household"), "prefer_not_to_say")
        elif family.single_parent:
            choose(block.get("household"), "single_parent")
        else:
            choose(block.get("household"), "two_parents" if rng.random() < 0.93 else "other")
    if rng.random() > 0.04:
        if rng.random() < 0.02:
            choose(block.get("children"), "prefer_not_to_say")
        else:
            choose(
                block.get("children"), ["one", "two", "three", "four_or_more"][family.children - 1]
            )
    if rng.random() > 0.06:
        if rng.random() < 0.02:
            choose(block.get("age_groups"), "prefer_not_to_say")
        else:
            choose(block.get("age_groups"), *[age for age in AGE_GROUPS if age in family.ages])
    if rng.random() > 0.06:
        choose(block.get("benefits"), *_benefits(rng, family))
    if rng.random() > 0.04:
        roll = rng.random()
        area_option = shape.area_options.get(family.region.pk) if family.region else None
        if roll < 0.05 or area_option is None:
            choose(block.get("home_area"), "dont_know")
        elif roll < 0.09:
            choose(block.get("home_area"), "prefer_not_to_say")
        else:
            choose(block.get("home_area"), area_option.code)
    if rng.random() > 0.05:
        question = block.get("languages")
        if question is not None:
            codes = [f"lang_{key}" if key != "other" else "other" for key in family.speaks]
            present = [code for code in codes if shape.option(question, code) is not None]
            choose(question, *(present or ["other"]))


def _benefits(rng: random.Random, family: Family) -> list[str]:
    if rng.random() < 0.05:
        return ["prefer_not_to_say"]
    school = bool(family.ages & SCHOOL_AGES)
    if family.poor:
        chosen = ["basic_income_support"] if rng.random() < 0.8 else []
        if rng.random() < 0.55:
            chosen.append("berlinpass")
        if rng.random() < (0.45 if school else 0.1):
            chosen.append("education_participation")
        if rng.random() < 0.06:
            chosen.append("housing_benefit")
        return chosen or ["berlinpass"]
    if family.low_income:
        chosen = [
            code
            for code, chance in (
                ("child_supplement", 0.35),
                ("housing_benefit", 0.5),
                ("berlinpass", 0.3),
                ("education_participation", 0.25 if school else 0.0),
            )
            if rng.random() < chance
        ]
        return chosen or ["housing_benefit"]
    return ["none"]


def _add_free_texts(
    rng: random.Random, drafts: list[tuple[Response, list[Answer]]], shape: _Survey
) -> list[tuple[Answer, tuple[str, ...]]]:
    """Hand each invented free text to a family answering in that language; some are reviewed."""
    question = shape.block.get("free_text")
    if question is None:
        return []
    by_language: dict[str, list[int]] = defaultdict(list)
    for index, (response, _given) in enumerate(drafts):
        by_language["de" if response.language == "de-ls" else response.language].append(index)
    tagged: list[tuple[Answer, tuple[str, ...]]] = []
    for language in sorted({lang for lang, _t, _tags in FREE_TEXTS}):
        texts = [(text, tags) for lang, text, tags in FREE_TEXTS if lang == language]
        candidates = by_language.get(language, [])
        for index, (text, tags) in zip(
            rng.sample(candidates, min(len(texts), len(candidates))), texts, strict=False
        ):
            _response, answers = drafts[index]
            answer = Answer(question_id=question.pk, text=text, text_reviewed=tags is not None)
            answers.append(answer)
            if tags:
                tagged.append((answer, tags))
    return tagged


def _count_starts(
    rng: random.Random,
    responses: list[Response],
    points: dict[str, CollectionPoint],
    days: list[datetime.date],
) -> None:
    """Daily start counters: a fifth or so of the families who start do not finish."""
    finished = Counter((r.collection_point_id, r.submitted_on) for r in responses)
    rows = []
    for key, point in points.items():
        weekdays = POINTS[key].weekdays if key in POINTS else frozenset(range(7))
        for day in days:
            n = finished.get((point.pk, day), 0)
            if n:
                starts = max(n, round(n * rng.uniform(1.15, 1.3)))
            elif day.weekday() in weekdays and rng.random() < 0.2:
                starts = 1  # someone began and stopped
            else:
                continue
            rows.append(CollectionPointDay(collection_point=point, day=day, starts=starts))
    CollectionPointDay.objects.bulk_create(rows)
