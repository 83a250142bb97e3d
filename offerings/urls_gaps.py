from __future__ import annotations

from django.urls import URLPattern, path

from offerings import gap_views

urlpatterns: list[URLPattern] = [
    path("luecken/", gap_views.GapView.as_view(), name="gaps"),
]
