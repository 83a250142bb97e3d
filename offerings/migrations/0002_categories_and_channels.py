from __future__ import annotations

from django.db import migrations

# The usual Berlin family support categories (../shared/DOMAIN.md) with their main sector.
CATEGORIES = [
    ("familienzentrum", "Familienzentrum", "Family centre", "youth-welfare"),
    ("stadtteilmuetter", "Stadtteilmütter", "Neighbourhood mothers", "youth-welfare"),
    ("fruehe-hilfen", "Frühe Hilfen (Familienhebammen, Babylots*innen, Patenschaften)", "Early help (family midwives, baby guides, mentoring)", "youth-welfare"),
    ("kjgd", "Kinder- und Jugendgesundheitsdienst (KJGD)", "Child and youth health service (KJGD)", "health"),
    ("schwangerschaftsberatung", "Schwangerschaftsberatung", "Pregnancy counselling", "health"),
    ("kita", "Kita und Kindertagespflege", "Daycare and childminding", "education"),
    ("kita-sozialarbeit", "Kita-Sozialarbeit und Sprachförderung", "Daycare social work and language support", "education"),
    ("schulsozialarbeit", "Schulsozialarbeit", "School social work", "youth-welfare"),
    ("lernfoerderung", "Lernförderung (BuT)", "Learning support (BuT)", "education"),
    ("but", "Bildungs- und Teilhabepaket und berlinpass-BuT", "Education and participation package and berlinpass-BuT", "social-services"),
    ("berlinpass", "berlinpass", "berlinpass", "social-services"),
    ("familienservicebuero", "Familienservicebüro", "Family service office", "youth-welfare"),
    ("erziehungsberatung", "Erziehungs- und Familienberatung", "Parenting and family counselling", "youth-welfare"),
    ("rsd-hze", "Regionaler Sozialpädagogischer Dienst / Hilfen zur Erziehung", "Regional social services / child and youth welfare support", "youth-welfare"),
    ("familienbildung", "Familienbildung und Elternkurse", "Family education and parenting courses", "youth-welfare"),
    ("jugendfreizeit", "Kinder- und Jugendfreizeiteinrichtung", "Children's and youth leisure centre", "youth-welfare"),
    ("ferien", "Ferien- und Freizeitangebote", "Holiday and leisure activities", "youth-welfare"),
    ("jobcenter", "Jobcenter", "Jobcenter", "employment"),
    ("familienleistungen", "Familienleistungen (Kinderzuschlag, Wohngeld, Elterngeld, Unterhaltsvorschuss)", "Family benefits (child supplement, housing benefit, parental allowance, maintenance advance)", "social-services"),
    ("beratung", "Sozial-, Schuldner- und Mieterberatung", "Social, debt and tenant counselling", "social-services"),
    ("sprachmittlung", "Integrationslots*innen und Sprachmittlung", "Integration guides and language mediation", "social-services"),
    ("stadtteilzentrum", "Stadtteilzentrum, Nachbarschaftshaus, Quartiersmanagement", "Neighbourhood centre and neighbourhood management", "civil-society"),
    ("sachhilfen", "Lebensmittel- und Sachhilfen", "Food and material aid", "civil-society"),
    ("gesundheit", "Gesundheitliche Versorgung für Kinder", "Health care for children", "health"),
]

OUTREACH_CHANNELS = [
    ("outreach", "Aufsuchend, Hausbesuche", "Outreach and home visits"),
    ("kita-school", "Über Kita und Schule", "Through daycare and school"),
    ("health", "Über Ärzt*innen, Hebammen, Kliniken", "Through doctors, midwives, hospitals"),
    ("offices", "Über Ämter und Jobcenter", "Through offices and the jobcenter"),
    ("peers", "Stadtteilmütter, Lots*innen, Communities", "Neighbourhood mothers, guides, communities"),
    ("word-of-mouth", "Mundpropaganda", "Word of mouth"),
    ("print", "Flyer und Aushänge", "Flyers and notices"),
    ("online", "Internet und soziale Medien", "Internet and social media"),
]


def create_reference_data(apps, schema_editor):
    Sector = apps.get_model("districts", "Sector")
    sectors = {s.key: s for s in Sector.objects.all()}
    Category = apps.get_model("offerings", "OfferingCategory")
    for position, (key, de, en, sector) in enumerate(CATEGORIES):
        Category.objects.update_or_create(
            key=key, defaults={"name_de": de, "name_en": en, "sector": sectors[sector], "position": position}
        )
    Channel = apps.get_model("offerings", "OutreachChannel")
    for position, (key, de, en) in enumerate(OUTREACH_CHANNELS):
        Channel.objects.update_or_create(key=key, defaults={"name_de": de, "name_en": en, "position": position})


class Migration(migrations.Migration):
    dependencies = [
        ("offerings", "0001_initial"),
        ("districts", "0004_sectors_and_area_indicators"),
    ]
    operations = [migrations.RunPython(create_reference_data, migrations.RunPython.noop)]
