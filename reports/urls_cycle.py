"""The yearly strategy cycle and the district's activity feed."""

from __future__ import annotations

urlpatterns: list = []
