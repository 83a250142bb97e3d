from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
GERMAN = ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po"
SOURCES = [
    "manage.py",
    "mitwirkung",
    "districts",
    "goals",
    "offerings",
    "surveys",
    "reports",
    "templates",
    "locale",
]


def untranslated(po: polib.POFile) -> list[str]:
    return [e.msgid for e in po.untranslated_entries()] + [
        f"fuzzy: {e.msgid}" for e in po.fuzzy_entries()
    ]


def test_every_german_text_is_translated_and_none_is_fuzzy():
    assert untranslated(polib.pofile(str(GERMAN))) == []


def test_no_text_in_the_code_is_missing_from_the_german_catalogue(tmp_path):
    if not shutil.which("xgettext"):
        if os.environ.get("CI") == "true":
            pytest.fail("xgettext (Debian package gettext) is required in CI")
        pytest.skip("xgettext is not installed (Debian package gettext)")
    for name in SOURCES:
        source = ROOT / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy2(source, target)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "de", "--no-obsolete"],
        cwd=tmp_path,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "mitwirkung.test_settings"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    fresh = polib.pofile(str(tmp_path / "locale" / "de" / "LC_MESSAGES" / "django.po"))
    assert untranslated(fresh) == [], "run `make messages` and translate the new texts"


@pytest.mark.django_db
def test_the_language_switch_turns_the_pages_english_and_back(client):
    login = reverse("login")
    response = client.post(reverse("set_language"), {"language": "en", "next": login}, follow=True)
    assert '<html lang="en">' in response.text
    assert "Log in" in response.text
    response = client.post(reverse("set_language"), {"language": "de", "next": login}, follow=True)
    assert "Anmelden" in response.text
