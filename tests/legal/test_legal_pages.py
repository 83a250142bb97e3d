from __future__ import annotations

import pytest
from django.urls import reverse

from mitwirkung.legal.models import LegalPage

pytestmark = pytest.mark.django_db

FOOTER_PAGES = ["legal:accessibility", "legal:privacy", "legal:imprint", "legal:easy_language"]


@pytest.mark.parametrize("name", FOOTER_PAGES)
def test_every_page_links_the_legal_pages_in_its_footer(client, name):
    response = client.get(reverse("login"))
    footer = response.text.split("<footer", 1)[1]
    assert f'href="{reverse(name)}"' in footer
    assert 'href="/barrierefreiheit/melden/?seite=/accounts/login/"' in footer


@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("legal:accessibility", "Erklärung zur Barrierefreiheit"),
        ("legal:privacy", "Datenschutzerklärung"),
        ("legal:imprint", "Impressum"),
        ("legal:easy_language", "MitWirkung in Leichter Sprache"),
    ],
)
def test_legal_pages_are_public_and_german(client, name, heading):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert f'<h1 class="h3 mb-3">{heading}</h1>' in response.text


def test_accessibility_statement_names_the_feedback_form_and_the_enforcement_procedure(client):
    text = client.get(reverse("legal:accessibility")).text
    assert reverse("legal:barrier_report") in text
    assert "Durchsetzungsverfahren" in text
    assert "innerhalb eines Monats" in text


def test_an_operator_edit_shows_on_the_page_and_html_is_escaped(client):
    LegalPage.objects.filter(kind="imprint").update(
        body_de="## Anbieterin\nBezirksamt Lichtenberg <script>alert(1)</script>\n\nhttps://www.berlin.de/ba-lichtenberg/"
    )
    text = client.get(reverse("legal:imprint")).text
    assert '<h2 class="h4 mt-4">Anbieterin</h2>' not in text  # heading needs its own paragraph
    assert "Bezirksamt Lichtenberg &lt;script&gt;" in text
    assert '<a href="https://www.berlin.de/ba-lichtenberg/" rel="nofollow">' in text


def test_english_readers_get_the_english_text_where_there_is_one(client):
    client.cookies["django_language"] = "en"
    assert "Accessibility statement" in client.get(reverse("legal:accessibility")).text
    # Leichte Sprache has no English version; the German one is shown.
    assert "MitWirkung in Leichter Sprache" in client.get(reverse("legal:easy_language")).text
