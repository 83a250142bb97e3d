from __future__ import annotations

from django.urls import URLPattern, path

from offerings import open_data_views

urlpatterns: list[URLPattern] = [
    path("angebote.json", open_data_views.open_data_json, name="open_data_json"),
    path("angebote.csv", open_data_views.open_data_csv, name="open_data_csv"),
]
