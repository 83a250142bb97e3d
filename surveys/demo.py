"""The demo family survey for seed_demo: one open survey built from the ready-made blocks.

Reach questions for nine demo offerings, three collection points, texts in German, Leichte
Sprache, English, Turkish and Arabic, and about 600 synthetic responses (demo_answers) so the
response views and dashboards have something to show. Every run rebuilds the survey in place:
its id and the collection points' short links stay the same, the dates follow today.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from districts.models import Area, District
from goals.models import Indicator
from offerings.models import Offering, OfferingPlace
from surveys import blocks, demo_answers
from surveys.models import (
    Answer,
    CollectionPoint,
    CollectionPointDay,
    FreeTextTag,
    IndicatorLink,
    Page,
    PageTranslation,
    ParticipationTarget,
    Survey,
    SurveyTranslation,
)

LANGUAGES = ["de-ls", "en", "tr", "ar"]
OPEN_FOR = datetime.timedelta(weeks=8)  # opened eight weeks ago …
STILL_OPEN_FOR = datetime.timedelta(weeks=4)  # … and closes in four
# Last year's wave of the same questions (for step 5's before/after): it closed a year ago;
# the family centre's change (reports/demo_adaptation.py) came twelve weeks ago, after its
# report and before this year's survey opened.
EARLIER_TITLE = "Was erreicht Ihre Familie? (Vorjahr)"
EARLIER_CLOSED_AGO = datetime.timedelta(weeks=52)
EARLIER_RESPONSES = 400
CHANGE_AGO = datetime.timedelta(weeks=12)

TITLE = {
    "de": "Was erreicht Ihre Familie?",
    "de-ls": "Umfrage: Welche Angebote kennt Ihre Familie?",
    "en": "What reaches your family?",
    "tr": "Hangi hizmetler ailenize ulaşıyor?",
    "ar": "ما الخدمات التي تصل إلى عائلتكم؟",
}
# The form's information text already says why we ask; the intro says what about and how long.
INTRO = {
    "de": (
        "Es geht um Angebote für Familien im Bezirk – zum Beispiel das Familienzentrum, die "
        "Stadtteilmütter und die Beratung zu Bildung und Teilhabe. Die Umfrage dauert etwa "
        "10 Minuten."
    ),
    "de-ls": (
        "Es geht um Angebote für Familien im Bezirk. Zum Beispiel: das Familienzentrum. "
        "Oder die Stadtteilmütter. Die Umfrage dauert ungefähr 10 Minuten."
    ),
    "en": (
        "The questions are about services for families in the district – for example the "
        "family centre, the Stadtteilmütter (neighbourhood mothers) and advice on education "
        "and participation benefits. The survey takes about 10 minutes."
    ),
    "tr": (
        "Sorular ilçedeki aileler için hizmetlerle ilgili; örneğin aile merkezi, "
        "Stadtteilmütter (mahalle anneleri) ve eğitim ve katılım yardımları (BuT) "
        "danışmanlığı. Anket yaklaşık 10 dakika sürer."
    ),
    "ar": (
        "تتناول الأسئلة خدمات العائلات في المنطقة، مثل مركز العائلة و«أمهات الحي» "
        "(Stadtteilmütter) والاستشارة حول مساعدات التعليم والمشاركة (BuT). "
        "يستغرق الاستبيان نحو 10 دقائق."
    ),
}


@dataclass(frozen=True)
class DemoOffering:
    role: str  # how demo_answers knows the offering (who knows and uses it)
    category: str
    name: str


# Diverse on purpose: universal and targeted, early years to youth, advice and leisure.
DEMO_OFFERINGS = [
    DemoOffering("family_centre", "familienzentrum", "Elterncafé am Klausenerplatz"),
    DemoOffering("kita_social_work", "kita-sozialarbeit", "Kita-Sozialarbeit Karl-August-Platz"),
    DemoOffering("baby_pilots", "fruehe-hilfen", "Babylotsinnen am Demo-Klinikum"),
    DemoOffering("neighbourhood_mothers", "stadtteilmuetter", "Stadtteilmütter besuchen Familien"),
    DemoOffering("benefit_advice", "but", "BuT-Beratung im Rathaus"),
    DemoOffering(
        "family_service", "familienservicebuero", "Familienservicebüro im Rathaus Charlottenburg"
    ),
    DemoOffering("homework_help", "lernfoerderung", "Lernwerkstatt Barstraße"),
    DemoOffering("youth_club", "jugendfreizeit", "Jugendclub Spreestadt"),
    DemoOffering("parenting_course", "familienbildung", "Elternkurs Starke Eltern – starke Kinder"),
]
# The Kita in Charlottenburg Nord, where the demo district reaches families least.
PLACE_OFFERING = "Kita am Heckerdamm"
# The goal indicator the survey feeds (goals/demo.py): "families who know the office".
INDICATOR = "Anteil der befragten Familien, die das Familienservicebüro kennen"
INDICATOR_OFFERING_ROLE = "family_service"
TAGS = [
    "Anträge",
    "Geld",
    "Information",
    "Kinderbetreuung",
    "Kita-Platz",
    "Öffnungszeiten",
    "Sprache",
    "Wohnen",
    "Freizeit",
]


def change_on(today: datetime.date) -> datetime.date:
    """The day the demo's family centre began its consultation in Arabic and Turkish."""
    return today - CHANGE_AGO


def seed(district: District) -> list[str]:
    """Build (or rebuild) the demo survey with its synthetic responses; lines to print.

    With settings.MITWIRKUNG_DEMO_EARLIER_WAVE (on unless the test settings turn it off, as
    it costs seconds), last year's wave of the same questions is built too.
    """
    today = timezone.localdate()
    # The family centre's change between the waves shows in this year's answers only when
    # there is last year's wave to compare with (the story of step 5).
    story = getattr(settings, "MITWIRKUNG_DEMO_EARLIER_WAVE", True)
    lines = _seed_survey(district, today, earlier=False, changed=story)
    if story:
        _seed_survey(district, today - EARLIER_CLOSED_AGO, earlier=True)
        lines.append(f"  Vorjahresumfrage: {EARLIER_TITLE} ({EARLIER_RESPONSES} Antworten)")
    return lines


def _seed_survey(
    district: District, today: datetime.date, *, earlier: bool, changed: bool = False
) -> list[str]:
    survey = _empty_demo_survey(district, today, earlier=earlier)
    offerings = _pick_offerings(district)
    blocks.add_reach_block(survey, [offering for _role, offering in offerings])
    blocks.add_family_block(survey)
    blocks.add_missing_block(survey)
    _translate_offering_pages(survey)
    if not earlier:
        _link_indicator(survey, dict(offerings).get(INDICATOR_OFFERING_ROLE))
    points = _collection_points(survey, district, offerings)
    tags = {
        tag.name: tag
        for tag in FreeTextTag.objects.bulk_create(
            FreeTextTag(survey=survey, name=name) for name in TAGS
        )
    }
    if not earlier:
        _targets(survey, district, points)
    demo_answers.generate(
        survey=survey,
        points=points,
        offering_roles={offering.pk: role for role, offering in offerings},
        tags=tags,
        today=today,
        change_on=change_on(today) if changed else None,
        responses=EARLIER_RESPONSES if earlier else demo_answers.RESPONSES,
    )
    return [
        f"  Umfragen: {Survey.objects.for_district(district).filter(is_demo=True).count()}, "
        f"Sammelstellen: {survey.collection_points.count()}, "
        f"Antworten: {survey.responses.count()}"
    ]


def _targets(survey: Survey, district: District, points: dict[str, CollectionPoint]) -> None:
    """Targets for the participation monitor: the family centre, and the first two regions."""
    if "offering" in points:
        ParticipationTarget.objects.create(
            survey=survey,
            collection_point=points["offering"],
            responses=250,
            note="Dienstags und donnerstags im Elterncafé",
        )
    regions = Area.objects.filter(district=district, level=Area.Level.BEZIRKSREGION).order_by(
        "code"
    )
    for region in regions[:2]:
        ParticipationTarget.objects.create(
            survey=survey, area=region, responses=80, note="Mit Stadtteilmüttern nachfassen"
        )


def _empty_demo_survey(district: District, today: datetime.date, *, earlier: bool) -> Survey:
    """The district's demo survey (or last year's) without questions or responses, its texts
    up to date; `today` is the day answers end."""
    wave = Survey.objects.for_district(district).filter(is_demo=True)
    wave = wave.filter(title=EARLIER_TITLE) if earlier else wave.exclude(title=EARLIER_TITLE)
    demo = list(wave.order_by("pk"))
    for survey in demo:
        # Answers and responses protect questions, collection points and the survey.
        Answer.objects.filter(response__survey=survey).delete()
        survey.responses.all().delete()
        CollectionPointDay.objects.filter(collection_point__survey=survey).delete()
        survey.pages.all().delete()  # questions, options and their translations go along
        survey.translations.all().delete()
        survey.free_text_tags.all().delete()
        survey.targets.all().delete()
    for extra in demo[1:]:
        extra.delete()
    survey = demo[0] if demo else Survey(district=district, is_demo=True)
    survey.title, survey.intro = (EARLIER_TITLE if earlier else TITLE["de"]), INTRO["de"]
    survey.status = Survey.Status.CLOSED if earlier else Survey.Status.OPEN
    survey.opens_on = today - OPEN_FOR
    survey.closes_on = today if earlier else today + STILL_OPEN_FOR
    survey.languages = LANGUAGES
    survey.min_group_size = 5
    survey.created_by = get_user_model().objects.filter(username="koordination").first()
    survey.save()
    SurveyTranslation.objects.bulk_create(
        SurveyTranslation(survey=survey, language=code, title=TITLE[code], intro=INTRO[code])
        for code in LANGUAGES
    )
    return survey


def _pick_offerings(district: District) -> list[tuple[str, Offering]]:
    """The demo offerings by name; another published active offering of the category otherwise."""
    available = Offering.objects.for_district(district).published().active()
    picked: list[tuple[str, Offering]] = []
    for spec in DEMO_OFFERINGS:
        offering = (
            available.filter(name=spec.name).first()
            or available.filter(category__key=spec.category).order_by("name").first()
        )
        if offering is not None and offering not in [o for _r, o in picked]:
            picked.append((spec.role, offering))
    return picked


def _translate_offering_pages(survey: Survey) -> None:
    """A follow-up page is titled with the offering's name: the same in every language."""
    pages = (
        Page.objects.filter(survey=survey, questions__block_key__in=["helpful", "barriers"])
        .exclude(title="")
        .distinct()
    )
    done = set(
        PageTranslation.objects.filter(page__survey=survey).values_list("page_id", "language")
    )
    PageTranslation.objects.bulk_create(
        PageTranslation(page=page, language=code, title=page.title)
        for page in pages
        for code in LANGUAGES
        if (page.pk, code) not in done
    )


def _link_indicator(survey: Survey, offering: Offering | None) -> None:
    indicator = (
        Indicator.objects.for_district(survey.district)
        .filter(name=INDICATOR, source=Indicator.Source.SURVEY)
        .first()
    )
    question = survey.questions.filter(block_key="known", offering=offering).first()
    if indicator is None or offering is None or question is None:
        return
    link, _created = IndicatorLink.objects.update_or_create(
        indicator=indicator, defaults={"question": question}
    )
    link.options.set(question.options.filter(code__in=["known_not_used", "used"]))


def _collection_points(
    survey: Survey, district: District, offerings: list[tuple[str, Offering]]
) -> dict[str, CollectionPoint]:
    """One at the family centre, one at a Kita in Charlottenburg Nord, one online.

    Kept from the last run (matched by kind), so printed demo links stay valid.
    """
    centre = dict(offerings).get("family_centre")
    place = (
        OfferingPlace.objects.filter(
            offering__district=district, offering__name=PLACE_OFFERING
        ).first()
        or OfferingPlace.objects.filter(
            offering__district=district, offering__category__key="kita"
        ).first()
    )
    wanted = {
        "offering": (CollectionPoint.Kind.OFFERING, {"offering": centre, "place": None}),
        "place": (CollectionPoint.Kind.PLACE, {"offering": None, "place": place}),
        "online": (
            CollectionPoint.Kind.ONLINE,
            {"offering": None, "place": None, "label": "Website und Newsletter des Bezirks"},
        ),
    }
    points: dict[str, CollectionPoint] = {}
    for key, (kind, fields) in wanted.items():
        if kind == CollectionPoint.Kind.OFFERING and centre is None:
            continue
        if kind == CollectionPoint.Kind.PLACE and place is None:
            continue
        point = survey.collection_points.filter(kind=kind).order_by("pk").first()
        point = point or CollectionPoint(survey=survey, kind=kind)
        for name, value in {"label": "", "is_active": True, **fields}.items():
            setattr(point, name, value)
        point.save()
        points[key] = point
    survey.collection_points.exclude(pk__in=[p.pk for p in points.values()]).delete()
    return points
