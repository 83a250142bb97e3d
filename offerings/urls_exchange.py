from __future__ import annotations

from django.urls import URLPattern, path

from offerings import exchange_views

urlpatterns: list[URLPattern] = [
    path("austausch/", exchange_views.ExchangeView.as_view(), name="exchange"),
    path("austausch/export/", exchange_views.ExportView.as_view(), name="export"),
    path(
        "austausch/vorschau/",
        exchange_views.ImportPreviewView.as_view(),
        name="exchange_preview",
    ),
]
