"""Step 5 pages: findings, decisions (Anpassungen) and their evidence."""

from __future__ import annotations

urlpatterns: list = []
