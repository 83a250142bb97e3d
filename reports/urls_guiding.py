"""The five guiding questions, answered from the data."""

from __future__ import annotations

urlpatterns: list = []
