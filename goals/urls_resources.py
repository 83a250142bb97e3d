from __future__ import annotations

from django.urls import path

from goals import resource_views as views

urlpatterns = [
    path("ressourcen/", views.ResourceListView.as_view(), name="resources"),
    path("ressourcen/neu/", views.ResourceCreateView.as_view(), name="resource_add"),
    path(
        "ressourcen/<int:resource>/bearbeiten/",
        views.ResourceUpdateView.as_view(),
        name="resource_edit",
    ),
    path(
        "ressourcen/<int:resource>/loeschen/",
        views.ResourceDeleteView.as_view(),
        name="resource_delete",
    ),
]
