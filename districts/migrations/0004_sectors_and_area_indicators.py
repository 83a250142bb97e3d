from __future__ import annotations

from django.db import migrations

SECTORS = [
    ("youth-welfare", "Jugendhilfe", "Youth welfare"),
    ("health", "Gesundheit", "Health"),
    ("education", "Bildung und Schule", "Education and schools"),
    ("social-services", "Soziales", "Social services"),
    ("employment", "Arbeit und Jobcenter", "Employment and jobcenter"),
    ("civil-society", "Zivilgesellschaft und freie Träger", "Civil society and independent providers"),
    ("politics", "Politik", "Politics"),
]

MSS = "Monitoring Soziale Stadtentwicklung (SenStadt, Amt für Statistik Berlin-Brandenburg)"
STATISTICS = "Amt für Statistik Berlin-Brandenburg, Einwohnerregister"

# key, German, English, kind, definition, source, class labels
AREA_INDICATORS = [
    ("population", "Einwohner*innen", "Inhabitants", "count", "Alle Einwohner*innen mit Hauptwohnsitz.", STATISTICS, {}),
    ("population-0-5", "Kinder von 0 bis 5 Jahren", "Children aged 0 to 5", "count", "Einwohner*innen im Alter von 0 bis unter 6 Jahren.", STATISTICS, {}),
    ("population-6-11", "Kinder von 6 bis 11 Jahren", "Children aged 6 to 11", "count", "Einwohner*innen im Alter von 6 bis unter 12 Jahren.", STATISTICS, {}),
    ("population-12-17", "Jugendliche von 12 bis 17 Jahren", "Young people aged 12 to 17", "count", "Einwohner*innen im Alter von 12 bis unter 18 Jahren.", STATISTICS, {}),
    ("child-poverty-mss", "Kinderarmut (MSS, unter 15 Jahren)", "Child poverty (MSS, under 15)", "percent", "Anteil der unter 15-Jährigen in Haushalten mit Bezug von Leistungen nach SGB II an allen unter 15-Jährigen (MSS-Indexindikator S4).", MSS, {}),
    ("child-poverty-senate", "Kinderarmut (Senat, unter 18 Jahren)", "Child poverty (Senate, under 18)", "percent", "Anteil der unter 18-Jährigen in Bedarfsgemeinschaften mit Bürgergeld-Bezug (SGB II) an allen unter 18-Jährigen.", "Senatsverwaltung für Arbeit, Soziales, Gleichstellung, Integration, Vielfalt und Antidiskriminierung", {}),
    ("single-parent-households", "Alleinerziehende", "Single-parent households", "percent", "Anteil der Haushalte von Alleinerziehenden an allen Haushalten mit Kindern unter 18 Jahren (MSS-Kontextindikator K02, ab MSS 2023 Indexindikator S2).", MSS, {}),
    ("unemployment-mss", "Arbeitslosigkeit (MSS)", "Unemployment (MSS)", "percent", "Anteil der Arbeitslosen nach SGB II und SGB III an den Einwohner*innen von 15 bis unter 65 Jahren (MSS-Indexindikator S1).", MSS, {}),
    ("transfer-benefits-mss", "Transferbezug (MSS)", "Transfer benefits (MSS)", "percent", "Anteil der Empfänger*innen von Transferleistungen nach SGB II und SGB XII an den Einwohner*innen (MSS-Indexindikator S3).", MSS, {}),
    ("mss-status-class", "Statusindex (MSS)", "Status index (MSS)", "class", "Klasse des Statusindex im Monitoring Soziale Stadtentwicklung: 1 hoch, 2 mittel, 3 niedrig, 4 sehr niedrig.", MSS, {"1": "hoch", "2": "mittel", "3": "niedrig", "4": "sehr niedrig"}),
    ("mss-dynamic-class", "Dynamikindex (MSS)", "Dynamic index (MSS)", "class", "Klasse des Dynamikindex im Monitoring Soziale Stadtentwicklung: positiv (+), stabil (+/-), negativ (-).", MSS, {"1": "positiv", "0": "stabil", "-1": "negativ"}),
]


def create_reference_data(apps, schema_editor):
    Sector = apps.get_model("districts", "Sector")
    for position, (key, de, en) in enumerate(SECTORS):
        Sector.objects.update_or_create(key=key, defaults={"name_de": de, "name_en": en, "position": position})
    AreaIndicator = apps.get_model("districts", "AreaIndicator")
    for position, (key, de, en, kind, definition, source, labels) in enumerate(AREA_INDICATORS):
        AreaIndicator.objects.update_or_create(
            key=key,
            defaults={
                "name_de": de,
                "name_en": en,
                "kind": kind,
                "definition": definition,
                "source": source,
                "class_labels": labels,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("districts", "0003_areas_stakeholders")]
    operations = [migrations.RunPython(create_reference_data, migrations.RunPython.noop)]
