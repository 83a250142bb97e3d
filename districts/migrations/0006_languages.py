from __future__ import annotations

from django.db import migrations

# key (ISO 639-1 where there is one), German, English, right to left
LANGUAGES = [
    ("de", "Deutsch", "German", False),
    ("tr", "Türkisch", "Turkish", False),
    ("ar", "Arabisch", "Arabic", True),
    ("en", "Englisch", "English", False),
    ("uk", "Ukrainisch", "Ukrainian", False),
    ("ru", "Russisch", "Russian", False),
    ("pl", "Polnisch", "Polish", False),
    ("vi", "Vietnamesisch", "Vietnamese", False),
    ("fa", "Farsi/Dari", "Farsi/Dari", True),
    ("ku", "Kurdisch (Kurmanji)", "Kurdish (Kurmanji)", False),
    ("bg", "Bulgarisch", "Bulgarian", False),
    ("ro", "Rumänisch", "Romanian", False),
    ("dgs", "Deutsche Gebärdensprache", "German Sign Language", False),
]
# The first tier of family languages in Berlin; each district adjusts its own set.
DEFAULT_FAMILY_LANGUAGES = ["de", "tr", "ar", "en", "uk", "ru"]


def create_languages(apps, schema_editor):
    Language = apps.get_model("districts", "Language")
    for position, (key, de, en, rtl) in enumerate(LANGUAGES):
        Language.objects.update_or_create(
            key=key, defaults={"name_de": de, "name_en": en, "right_to_left": rtl, "position": position}
        )
    defaults = list(Language.objects.filter(key__in=DEFAULT_FAMILY_LANGUAGES))
    for district in apps.get_model("districts", "District").objects.all():
        if not district.family_languages.exists():
            district.family_languages.set(defaults)


class Migration(migrations.Migration):
    dependencies = [("districts", "0005_provider_role_and_languages")]
    operations = [migrations.RunPython(create_languages, migrations.RunPython.noop)]
