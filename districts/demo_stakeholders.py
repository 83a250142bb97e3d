"""Invented stakeholders for the demo district (seed_demo).

Names of offices follow what a Berlin district has; every person, e-mail address and phone
number is made up. No one from "Arbeit und Jobcenter" is at the table, on purpose: the
"Who is at the table" page then shows what a gap looks like.
"""

from __future__ import annotations

from dataclasses import dataclass

from districts.models import District, Sector, Stakeholder

Kind = Stakeholder.Kind
Role = Stakeholder.StrategyRole


@dataclass(frozen=True)
class DemoStakeholder:
    sector: str
    name: str
    kind: str
    role: str
    contact_person: str
    email: str
    phone: str
    notes: str = ""


DEMO_STAKEHOLDERS = [
    DemoStakeholder(
        "youth-welfare",
        "Jugendamt – Regionaler Sozialpädagogischer Dienst (RSD) Nord",
        Kind.PUBLIC_OFFICE,
        Role.STEERING_GROUP,
        "Frau Demo-Schulz",
        "rsd-nord@example.org",
        "030 1234 5601",
        "Leitet die Steuerungsrunde gemeinsam mit der Koordinierungsstelle.",
    ),
    DemoStakeholder(
        "youth-welfare",
        "Jugendamt – Jugendhilfeplanung",
        Kind.PUBLIC_OFFICE,
        Role.CORE_TEAM,
        "Herr Demo-Meyer",
        "jugendhilfeplanung@example.org",
        "030 1234 5602",
        "Liefert die Sozialraumdaten und pflegt die Indikatoren.",
    ),
    DemoStakeholder(
        "youth-welfare",
        "Familienzentrum am Klausenerplatz (erfunden)",
        Kind.INDEPENDENT_PROVIDER,
        Role.IMPLEMENTING_PARTNER,
        "Frau Demo-Yılmaz",
        "familienzentrum@example.org",
        "030 1234 5603",
        "Elterncafé dienstags und donnerstags, Beratung auf Deutsch, Türkisch und Arabisch.",
    ),
    DemoStakeholder(
        "youth-welfare",
        "Kita Kleine Entdecker (erfunden)",
        Kind.DAYCARE,
        Role.WORKING_GROUP,
        "Herr Demo-Nowak",
        "kita-entdecker@example.org",
        "030 1234 5604",
    ),
    DemoStakeholder(
        "health",
        "Kinder- und Jugendgesundheitsdienst (KJGD)",
        Kind.PUBLIC_OFFICE,
        Role.WORKING_GROUP,
        "Frau Dr. Demo-Wagner",
        "kjgd@example.org",
        "030 1234 5611",
        "Einschulungsuntersuchungen: Daten zur Sprachentwicklung nur aggregiert.",
    ),
    DemoStakeholder(
        "health",
        "Babylotsen am Demo-Klinikum (erfunden)",
        Kind.HEALTH_SERVICE,
        Role.IMPLEMENTING_PARTNER,
        "Frau Demo-Becker",
        "babylotsen@example.org",
        "030 1234 5612",
    ),
    DemoStakeholder(
        "education",
        "Grundschule am Demo-Park – Schulsozialarbeit (erfunden)",
        Kind.SCHOOL,
        Role.IMPLEMENTING_PARTNER,
        "Herr Demo-Hoffmann",
        "schulsozialarbeit@example.org",
        "030 1234 5621",
    ),
    DemoStakeholder(
        "education",
        "Schulpsychologisches und Inklusionspädagogisches Beratungszentrum (SIBUZ)",
        Kind.PUBLIC_OFFICE,
        Role.WORKING_GROUP,
        "Frau Demo-Schmidt",
        "sibuz@example.org",
        "030 1234 5622",
    ),
    DemoStakeholder(
        "education",
        "Volkshochschule – Elternkurse",
        Kind.PUBLIC_OFFICE,
        Role.INFORMED,
        "Herr Demo-Fischer",
        "vhs-elternkurse@example.org",
        "030 1234 5623",
    ),
    DemoStakeholder(
        "social-services",
        "Sozialamt – Soziale Wohnhilfe",
        Kind.PUBLIC_OFFICE,
        Role.WORKING_GROUP,
        "Frau Demo-Weber",
        "soziale-wohnhilfe@example.org",
        "030 1234 5631",
    ),
    DemoStakeholder(
        "social-services",
        "Schuldner- und Insolvenzberatung (erfunden)",
        Kind.INDEPENDENT_PROVIDER,
        Role.IMPLEMENTING_PARTNER,
        "Herr Demo-Schäfer",
        "schuldnerberatung@example.org",
        "030 1234 5632",
        "Offene Sprechstunde im Familienzentrum, jeden ersten Mittwoch im Monat.",
    ),
    DemoStakeholder(
        "civil-society",
        "Stadtteilmütter-Projekt (Demo-Träger)",
        Kind.ASSOCIATION,
        Role.IMPLEMENTING_PARTNER,
        "Frau Demo-Haddad",
        "stadtteilmuetter@example.org",
        "030 1234 5641",
        "Besuchen Familien zu Hause und begleiten zu Ämtern und Angeboten.",
    ),
    DemoStakeholder(
        "civil-society",
        "Quartiersmanagement Demo-Kiez (erfunden)",
        Kind.INDEPENDENT_PROVIDER,
        Role.CORE_TEAM,
        "Herr Demo-Koch",
        "qm-demokiez@example.org",
        "030 1234 5642",
    ),
    DemoStakeholder(
        "politics",
        "Jugendhilfeausschuss der BVV",
        Kind.POLITICAL_BODY,
        Role.STEERING_GROUP,
        "Frau Demo-Krüger (Bezirksverordnete)",
        "jha-demo@example.org",
        "030 1234 5651",
    ),
    DemoStakeholder(
        "politics",
        "Bezirksamt – Abteilung Jugend und Familie, Leitung",
        Kind.PUBLIC_OFFICE,
        Role.STEERING_GROUP,
        "Büro Demo",
        "abteilungsleitung-jugend@example.org",
        "030 1234 5652",
    ),
]


def seed(district: District) -> list[str]:
    """Create or refresh the demo stakeholders; returns lines to print."""
    sectors = {sector.key: sector for sector in Sector.objects.all()}
    for demo in DEMO_STAKEHOLDERS:
        Stakeholder.objects.update_or_create(
            district=district,
            name=demo.name,
            defaults={
                "sector": sectors[demo.sector],
                "kind": demo.kind,
                "strategy_role": demo.role,
                "contact_person": demo.contact_person,
                "email": demo.email,
                "phone": demo.phone,
                "notes": demo.notes,
            },
        )
    return [f"  Akteur*innen: {len(DEMO_STAKEHOLDERS)}"]
