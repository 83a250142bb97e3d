from __future__ import annotations

from django.urls import URLPattern, path

from offerings import catalogue_views as views
from offerings import part_views

urlpatterns: list[URLPattern] = [
    path("", views.CatalogueView.as_view(), name="catalogue"),
    path("neu/", views.OfferingCreateView.as_view(), name="create"),
    path("<int:offering>/", views.OfferingDetailView.as_view(), name="detail"),
    path("<int:offering>/bearbeiten/", views.OfferingUpdateView.as_view(), name="edit"),
    path("<int:offering>/beenden/", views.OfferingEndView.as_view(), name="end"),
    path("<int:offering>/verlauf/", views.OfferingHistoryView.as_view(), name="history"),
    path("<int:offering>/orte/neu/", part_views.PlaceAddView.as_view(), name="place_add"),
    path("orte/<int:place>/loeschen/", part_views.PlaceDeleteView.as_view(), name="place_delete"),
    path("<int:offering>/ziele/neu/", part_views.GoalLinkAddView.as_view(), name="link_add"),
    path("ziele/<int:link>/loeschen/", part_views.GoalLinkDeleteView.as_view(), name="link_delete"),
    path(
        "<int:offering>/ressourcen/neu/", part_views.ResourceAddView.as_view(), name="resource_add"
    ),
    path(
        "ressourcen/<int:offering_resource>/loeschen/",
        part_views.ResourceDeleteView.as_view(),
        name="resource_delete",
    ),
]
