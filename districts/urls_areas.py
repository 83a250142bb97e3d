from __future__ import annotations

from django.urls import URLPattern, path

from districts import area_views

urlpatterns: list[URLPattern] = [
    path("gebiete/", area_views.AreaListView.as_view(), name="areas"),
    path("gebiete/<int:area>/", area_views.AreaDetailView.as_view(), name="area_detail"),
    path("gebiete/import/", area_views.AreaImportView.as_view(), name="area_import"),
    path(
        "gebiete/import/vorschau/",
        area_views.AreaImportPreviewView.as_view(),
        name="area_import_preview",
    ),
]
