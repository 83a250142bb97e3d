from __future__ import annotations

from django.urls import URLPattern, path

from surveys import collection_views

urlpatterns: list[URLPattern] = [
    path(
        "<int:survey>/sammelstellen/",
        collection_views.CollectionPointListView.as_view(),
        name="collection_points",
    ),
    path(
        "<int:survey>/sammelstellen/neu/",
        collection_views.CollectionPointCreateView.as_view(),
        name="collection_point_create",
    ),
    path(
        "<int:survey>/sammelstellen/<int:collection_point>/",
        collection_views.CollectionPointEditView.as_view(),
        name="collection_point_edit",
    ),
    path(
        "<int:survey>/sammelstellen/<int:collection_point>/loeschen/",
        collection_views.CollectionPointDeleteView.as_view(),
        name="collection_point_delete",
    ),
]
