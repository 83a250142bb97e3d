from __future__ import annotations

from django.urls import path

from offerings import catalogue_views

urlpatterns = [
    path("", catalogue_views.CatalogueView.as_view(), name="catalogue"),
]
