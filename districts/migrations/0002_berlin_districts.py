from __future__ import annotations

from django.db import migrations

# The twelve Bezirke with their official numbers (LOR since 2021).
BERLIN_DISTRICTS = [
    ("01", "Mitte", "mitte"),
    ("02", "Friedrichshain-Kreuzberg", "friedrichshain-kreuzberg"),
    ("03", "Pankow", "pankow"),
    ("04", "Charlottenburg-Wilmersdorf", "charlottenburg-wilmersdorf"),
    ("05", "Spandau", "spandau"),
    ("06", "Steglitz-Zehlendorf", "steglitz-zehlendorf"),
    ("07", "Tempelhof-Schöneberg", "tempelhof-schoeneberg"),
    ("08", "Neukölln", "neukoelln"),
    ("09", "Treptow-Köpenick", "treptow-koepenick"),
    ("10", "Marzahn-Hellersdorf", "marzahn-hellersdorf"),
    ("11", "Lichtenberg", "lichtenberg"),
    ("12", "Reinickendorf", "reinickendorf"),
]


def create_districts(apps, schema_editor):
    District = apps.get_model("districts", "District")
    for number, name, slug in BERLIN_DISTRICTS:
        District.objects.update_or_create(number=number, defaults={"name": name, "slug": slug})


class Migration(migrations.Migration):
    dependencies = [("districts", "0001_initial")]
    operations = [migrations.RunPython(create_districts, migrations.RunPython.noop)]
