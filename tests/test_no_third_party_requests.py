from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# src/href of things the browser loads by itself (links the person clicks are fine).
LOADED = re.compile(
    r'<(?:script|img|link|iframe|source|audio|video)\b[^>]*\b(?:src|href)="([^"]+)"'
)


@pytest.mark.parametrize(
    "url_name", ["login", "legal:accessibility", "legal:barrier_report", "password_reset"]
)
def test_public_pages_load_nothing_from_another_host(client, url_name):
    response = client.get(reverse(url_name))
    loaded = LOADED.findall(response.text)
    assert loaded, "the page should load its own CSS and JavaScript"
    assert [u for u in loaded if not u.startswith("/")] == []
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_district_home_loads_nothing_from_another_host(client, coordinator_a):
    client.force_login(coordinator_a.user)
    response = client.get(
        reverse("districts:home", kwargs={"district": coordinator_a.district.slug})
    )
    assert [u for u in LOADED.findall(response.text) if not u.startswith("/")] == []
    assert "https://" not in response.text.split("<footer", 1)[0].split("<main", 1)[0]
