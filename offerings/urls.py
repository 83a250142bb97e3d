from __future__ import annotations

from django.urls import include, path

from offerings import urls_catalogue, urls_exchange, urls_gaps, urls_open_data, urls_review

app_name = "offerings"

urlpatterns = [
    path(
        "d/<slug:district>/angebote/",
        include(
            [
                *urls_catalogue.urlpatterns,
                *urls_review.urlpatterns,
                *urls_exchange.urlpatterns,
                *urls_gaps.urlpatterns,
            ]
        ),
    ),
    # Public, no login: the district's published offerings as open data.
    path("offene-daten/<slug:district>/", include(urls_open_data.urlpatterns)),
]
