from __future__ import annotations

from django.db import migrations

FIELDS_OF_ACTION = [
    ("teilhabe", "Teilhabe", "Participation"),
    ("bildung", "Bildung", "Education"),
    ("gesund-aufwachsen", "Gesund aufwachsen", "Growing up healthy"),
    ("materielle-versorgung", "Materielle Versorgung", "Material provision"),
]

TARGET_GROUPS = [
    ("basic-income", "Familien im Bürgergeld-/SGB-II-Bezug", "Families receiving basic income support (SGB II)"),
    ("single-parents", "Alleinerziehende", "Single parents"),
    ("large-families", "Kinderreiche Familien", "Large families"),
    ("migration", "Familien mit Migrations- oder Fluchtgeschichte", "Families with a migration or refugee history"),
    ("shared-accommodation", "Familien in Gemeinschaftsunterkünften", "Families in shared accommodation"),
    ("disability", "Kinder mit Behinderung oder chronischer Erkrankung", "Children with disabilities or chronic illness"),
    ("young-parents", "Junge Eltern", "Young parents"),
    ("homeless", "Wohnungslose Familien", "Homeless families"),
    ("working-poor", "Erwerbstätige Familien mit geringem Einkommen", "Working families on low incomes"),
]

LIFE_PHASES = [
    ("pregnancy", "Schwangerschaft und Geburt", "Pregnancy and birth"),
    ("0-3", "0–3 Jahre", "0–3 years"),
    ("3-6", "3–6 Jahre", "3–6 years"),
    ("6-10", "6–10 Jahre", "6–10 years"),
    ("10-14", "10–14 Jahre", "10–14 years"),
    ("14-18", "14–18 Jahre", "14–18 years"),
    ("18-27", "18–27 Jahre", "18–27 years"),
]


def create_reference_data(apps, schema_editor):
    for model, rows in [
        ("FieldOfAction", FIELDS_OF_ACTION),
        ("TargetGroup", TARGET_GROUPS),
        ("LifePhase", LIFE_PHASES),
    ]:
        Model = apps.get_model("goals", model)
        for position, (key, de, en) in enumerate(rows):
            Model.objects.update_or_create(
                key=key, defaults={"name_de": de, "name_en": en, "position": position}
            )


class Migration(migrations.Migration):
    dependencies = [("goals", "0001_initial")]
    operations = [migrations.RunPython(create_reference_data, migrations.RunPython.noop)]
