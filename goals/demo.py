"""Demo goals for seed_demo: invented, but shaped like a real IBS goal system."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from districts.models import Area, District, Stakeholder
from goals.models import (
    ActionGoal,
    CurveAction,
    CurvePartner,
    FieldOfAction,
    GoalStatusChange,
    Indicator,
    IndicatorValue,
    LifePhase,
    Resource,
    TargetGroup,
)

D = datetime.date


@dataclass
class DemoIndicator:
    name: str
    unit: str
    kind: str
    level: int
    baseline: tuple[D, float] | None
    target: tuple[D, float] | None
    values: list[tuple[D, float]] = field(default_factory=list)
    direction: str = Indicator.Direction.HIGHER
    source: str = Indicator.Source.MANUAL
    source_note: str = ""


@dataclass
class DemoGoal:
    title: str
    description: str
    fields: list[str]
    status: str
    kind: str = ActionGoal.Kind.ACTION
    parent: str | None = None
    target_groups: list[str] = field(default_factory=list)
    life_phases: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    indicators: list[DemoIndicator] = field(default_factory=list)


HEALTH = "Kinder wachsen gesund auf – auch in Familien mit wenig Geld"
BENEFITS = "Familien kennen und nutzen die Unterstützung, die ihnen zusteht"
EDUCATION = "Kinder und Jugendliche haben faire Bildungschancen"

GOALS = [
    DemoGoal(
        HEALTH,
        "Gesundheitliche Chancen hängen nicht vom Einkommen der Eltern ab.",
        ["gesund-aufwachsen"],
        ActionGoal.Status.AGREED,
        kind=ActionGoal.Kind.IMPACT,
    ),
    DemoGoal(
        BENEFITS,
        "Familienleistungen kommen bei den Familien an, die Anspruch haben.",
        ["materielle-versorgung", "teilhabe"],
        ActionGoal.Status.AGREED,
        kind=ActionGoal.Kind.IMPACT,
    ),
    DemoGoal(
        EDUCATION,
        "Bildungswege werden früh und ohne Brüche begleitet.",
        ["bildung"],
        ActionGoal.Status.AGREED,
        kind=ActionGoal.Kind.IMPACT,
    ),
    DemoGoal(
        "Mehr Familien nehmen die U-Untersuchungen wahr",
        "Der KJGD erinnert Familien in belasteten Planungsräumen aktiv und mehrsprachig an die Vorsorgeuntersuchungen.",
        ["gesund-aufwachsen"],
        ActionGoal.Status.IN_PROGRESS,
        parent=HEALTH,
        target_groups=["basic-income", "migration"],
        life_phases=["0-3", "3-6"],
        sectors=["health"],
        indicators=[
            DemoIndicator(
                "Anteil der Kinder mit vollständigen U-Untersuchungen bei der Einschulung",
                Indicator.Unit.PERCENT,
                Indicator.Kind.POPULATION,
                6,
                (D(2022, 9, 1), 82.0),
                (D(2027, 9, 1), 90.0),
                [
                    (D(2022, 9, 1), 82.0),
                    (D(2023, 9, 1), 83.5),
                    (D(2024, 9, 1), 85.1),
                    (D(2025, 9, 1), 85.9),
                ],
                source=Indicator.Source.STATISTICS,
                source_note="Einschulungsuntersuchung (synthetische Demo-Werte)",
            )
        ],
    ),
    DemoGoal(
        "Babylots*innen erreichen Familien in belasteten Planungsräumen",
        "Familien werden schon rund um die Geburt auf Frühe Hilfen hingewiesen.",
        ["gesund-aufwachsen", "teilhabe"],
        ActionGoal.Status.IN_PROGRESS,
        parent=HEALTH,
        target_groups=["young-parents", "single-parents"],
        life_phases=["pregnancy", "0-3"],
        sectors=["health", "youth-welfare"],
        indicators=[
            DemoIndicator(
                "Erstgespräche der Babylots*innen pro Jahr",
                Indicator.Unit.COUNT,
                Indicator.Kind.HOW_MUCH,
                2,
                (D(2023, 12, 31), 120.0),
                (D(2027, 12, 31), 200.0),
                [(D(2023, 12, 31), 120.0), (D(2024, 12, 31), 138.0), (D(2025, 12, 31), 171.0)],
            )
        ],
    ),
    DemoGoal(
        "Mehr anspruchsberechtigte Familien beziehen den Kinderzuschlag",
        "Bis zu 70 % der berechtigten Familien beantragen den Kinderzuschlag nicht. Beratung und Antragshilfe gehen dorthin, wo Familien ohnehin sind.",
        ["materielle-versorgung"],
        ActionGoal.Status.IN_PROGRESS,
        parent=BENEFITS,
        target_groups=["working-poor", "large-families", "single-parents"],
        life_phases=["0-3", "3-6", "6-10", "10-14", "14-18"],
        sectors=["social-services", "civil-society"],
        indicators=[
            DemoIndicator(
                "Anteil der berechtigten Familien mit Kinderzuschlag",
                Indicator.Unit.PERCENT,
                Indicator.Kind.BETTER_OFF,
                6,
                (D(2023, 6, 30), 35.0),
                (D(2027, 6, 30), 50.0),
                [(D(2023, 6, 30), 35.0), (D(2024, 6, 30), 37.0), (D(2025, 6, 30), 36.2)],
                source_note="Schätzung Familienservicebüro (synthetische Demo-Werte)",
            )
        ],
    ),
    DemoGoal(
        "Familien kennen das Familienservicebüro",
        "Familien wissen, wo sie Hilfe beim Antrag bekommen.",
        ["materielle-versorgung", "teilhabe"],
        ActionGoal.Status.AGREED,
        parent=BENEFITS,
        target_groups=["migration", "basic-income"],
        sectors=["youth-welfare"],
        indicators=[
            DemoIndicator(
                "Anteil der befragten Familien, die das Familienservicebüro kennen",
                Indicator.Unit.PERCENT,
                Indicator.Kind.HOW_WELL,
                2,
                None,
                (D(2027, 12, 31), 60.0),
                [],
                source=Indicator.Source.SURVEY,
                source_note="Familienbefragung (folgt)",
            )
        ],
    ),
    DemoGoal(
        "Beratung in der Herkunftssprache in allen Familienzentren",
        "Sprachmittlung ist in jedem Familienzentrum mindestens einmal pro Woche erreichbar.",
        ["teilhabe"],
        ActionGoal.Status.DRAFT,
        parent=BENEFITS,
        target_groups=["migration", "shared-accommodation"],
        sectors=["civil-society"],
    ),
    DemoGoal(
        "Mehr Kinder aus Familien im Bürgergeld-Bezug nutzen die Lernförderung",
        "Lernförderung aus dem Bildungs- und Teilhabepaket wird an Schulen aktiv angeboten.",
        ["bildung", "materielle-versorgung"],
        ActionGoal.Status.IN_PROGRESS,
        parent=EDUCATION,
        target_groups=["basic-income"],
        life_phases=["6-10", "10-14"],
        sectors=["education", "social-services"],
        indicators=[
            DemoIndicator(
                "Anteil der berechtigten Schüler*innen mit Lernförderung (BuT)",
                Indicator.Unit.PERCENT,
                Indicator.Kind.BETTER_OFF,
                3,
                (D(2023, 7, 31), 18.0),
                (D(2027, 7, 31), 30.0),
                [(D(2023, 7, 31), 18.0), (D(2024, 7, 31), 22.4), (D(2025, 7, 31), 25.0)],
            )
        ],
    ),
    DemoGoal(
        "Alle Kinder besuchen ab drei Jahren eine Kita",
        "Kita-Sozialarbeit und Sprachförderung sprechen Familien an, deren Kinder noch keinen Platz haben.",
        ["bildung"],
        ActionGoal.Status.AGREED,
        parent=EDUCATION,
        target_groups=["migration", "shared-accommodation"],
        life_phases=["3-6"],
        sectors=["education", "youth-welfare"],
        indicators=[
            DemoIndicator(
                "Anteil der Kinder mit weniger als 18 Monaten Kita-Besuch bei der Einschulung",
                Indicator.Unit.PERCENT,
                Indicator.Kind.POPULATION,
                5,
                (D(2022, 9, 1), 9.5),
                (D(2027, 9, 1), 6.0),
                [(D(2022, 9, 1), 9.5), (D(2023, 9, 1), 9.9), (D(2024, 3, 1), 9.7)],
                direction=Indicator.Direction.LOWER,
                source=Indicator.Source.STATISTICS,
                source_note="Einschulungsuntersuchung (synthetische Demo-Werte)",
            )
        ],
    ),
    DemoGoal(
        "Kostenfreie Ferienangebote in jeder Bezirksregion",
        "Kinder aus Familien mit wenig Geld erleben in den Ferien etwas – ohne dass Eltern Geld vorstrecken.",
        ["teilhabe"],
        ActionGoal.Status.ACHIEVED,
        parent=EDUCATION,
        target_groups=["basic-income", "large-families"],
        life_phases=["6-10", "10-14"],
        sectors=["youth-welfare", "civil-society"],
        indicators=[
            DemoIndicator(
                "Kostenfreie Ferienplätze pro Jahr",
                Indicator.Unit.COUNT,
                Indicator.Kind.HOW_MUCH,
                1,
                (D(2023, 8, 31), 400.0),
                (D(2025, 8, 31), 650.0),
                [(D(2023, 8, 31), 400.0), (D(2024, 8, 31), 560.0), (D(2025, 8, 31), 690.0)],
            )
        ],
    ),
]

RESOURCES = [
    (
        "Mehr Familien nehmen die U-Untersuchungen wahr",
        Resource.Kind.STAFF_HOURS,
        20,
        "Aufsuchende Erinnerung durch den KJGD",
        "Bezirkshaushalt",
    ),
    (
        "Babylots*innen erreichen Familien in belasteten Planungsräumen",
        Resource.Kind.BUDGET,
        85000,
        "Zwei halbe Stellen Babylots*innen",
        "Landesprogramm Frühe Hilfen",
    ),
    (
        "Mehr anspruchsberechtigte Familien beziehen den Kinderzuschlag",
        Resource.Kind.BUDGET,
        30000,
        "Antragshilfe in Familienzentren",
        "Bezirkshaushalt",
    ),
    (
        "Mehr anspruchsberechtigte Familien beziehen den Kinderzuschlag",
        Resource.Kind.STAFF_HOURS,
        12,
        "Sprechstunde Familienservicebüro im Stadtteilzentrum",
        "Bezirkshaushalt",
    ),
    (
        "Beratung in der Herkunftssprache in allen Familienzentren",
        Resource.Kind.BUDGET,
        24000,
        "Honorare für Sprachmittlung",
        "Integrationsfonds",
    ),
    (
        "Mehr Kinder aus Familien im Bürgergeld-Bezug nutzen die Lernförderung",
        Resource.Kind.ROOMS,
        None,
        "Räume der Schulbibliotheken nachmittags",
        "Schulträger",
    ),
    (
        "Kostenfreie Ferienangebote in jeder Bezirksregion",
        Resource.Kind.BUDGET,
        60000,
        "Ferienfahrten und Tagesangebote",
        "Bezirkshaushalt",
    ),
]


def _by_key(model: type, keys: list[str]) -> list:
    return list(model.objects.filter(key__in=keys))


def seed(district: District) -> list[str]:
    """Create or refresh the demo goals, indicators, values and resources; safe to run twice."""
    coordinator = get_user_model().objects.filter(username="koordination").first()
    stakeholders = list(Stakeholder.objects.for_district(district).select_related("sector"))
    regions = list(Area.objects.for_district(district).level(Area.Level.BEZIRKSREGION)[:3])
    goals: dict[str, ActionGoal] = {}
    indicator_count = value_count = 0
    for spec in GOALS:
        goal, _ = ActionGoal.objects.update_or_create(
            district=district,
            title=spec.title,
            defaults={
                "description": spec.description,
                "kind": spec.kind,
                "parent": goals.get(spec.parent) if spec.parent else None,
                "status": spec.status,
                "starts_on": D(2024, 1, 1),
                "ends_on": D(2027, 12, 31),
            },
        )
        goals[spec.title] = goal
        goal.fields_of_action.set(_by_key(FieldOfAction, spec.fields))
        goal.target_groups.set(_by_key(TargetGroup, spec.target_groups))
        goal.life_phases.set(_by_key(LifePhase, spec.life_phases))
        goal.responsible.set([s for s in stakeholders if s.sector.key in spec.sectors][:2])
        if spec.kind == ActionGoal.Kind.ACTION and regions and "belastet" in spec.title:
            goal.areas.set(regions)
        if spec.status != ActionGoal.Status.DRAFT and not goal.status_changes.exists():
            GoalStatusChange.objects.create(
                goal=goal,
                from_status=ActionGoal.Status.DRAFT,
                to_status=spec.status,
                by=coordinator,
            )
        for ind in spec.indicators:
            indicator, _ = Indicator.objects.update_or_create(
                goal=goal,
                name=ind.name,
                defaults={
                    "unit": ind.unit,
                    "kind": ind.kind,
                    "impact_level": ind.level,
                    "direction": ind.direction,
                    "baseline_on": ind.baseline[0] if ind.baseline else None,
                    "baseline_value": ind.baseline[1] if ind.baseline else None,
                    "target_on": ind.target[0] if ind.target else None,
                    "target_value": ind.target[1] if ind.target else None,
                    "source": ind.source,
                    "source_note": ind.source_note,
                },
            )
            indicator_count += 1
            for measured_on, value in ind.values:
                IndicatorValue.objects.update_or_create(
                    indicator=indicator,
                    measured_on=measured_on,
                    defaults={
                        "value": value,
                        "entered_by": coordinator,
                        "source_note": ind.source_note,
                    },
                )
                value_count += 1
    _seed_curve(
        goals["Mehr anspruchsberechtigte Familien beziehen den Kinderzuschlag"], stakeholders
    )
    for title, kind, amount, description, funding in RESOURCES:
        Resource.objects.update_or_create(
            district=district,
            goal=goals[title],
            description=description,
            defaults={"kind": kind, "amount": amount, "funding_source": funding, "year": 2026},
        )
    return [
        f"  Ziele: {len(goals)}, Indikatoren: {indicator_count}, Werte: {value_count}, "
        f"Ressourcen: {len(RESOURCES)}"
    ]


def _seed_curve(goal: ActionGoal, stakeholders: list[Stakeholder]) -> None:
    indicator = goal.indicators.first()
    if indicator is None:
        return
    indicator.story = (
        "Viele Familien wissen nicht, dass sie Anspruch haben, oder scheuen den Antrag mit vielen "
        "Nachweisen. Erwerbstätige Familien mit geringem Einkommen kommen selten in Beratungsstellen."
    )
    indicator.what_works = (
        "Antragshilfe dort, wo Familien ohnehin sind (Kita, Familienzentrum), in ihrer Sprache; "
        "der KiZ-Lotse der Familienkasse; aktive Ansprache bei Wohngeldanträgen."
    )
    indicator.save(update_fields=["story", "what_works", "updated_at"])
    partners = [s for s in stakeholders if s.sector.key in {"social-services", "civil-society"}][:2]
    for stakeholder in partners:
        CurvePartner.objects.update_or_create(
            indicator=indicator, stakeholder=stakeholder, defaults={"role": "Antragshilfe vor Ort"}
        )
    for what, due in [
        ("Sprechstunde zur Antragshilfe in zwei Familienzentren", D(2026, 3, 31)),
        ("Infoblatt Kinderzuschlag in Einfacher Sprache und fünf Sprachen", D(2026, 6, 30)),
    ]:
        CurveAction.objects.update_or_create(
            indicator=indicator,
            what=what,
            defaults={"due_on": due, "who": partners[0] if partners else None},
        )
