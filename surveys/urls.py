from __future__ import annotations

from django.urls import include, path

from surveys import (
    urls_builder,
    urls_channels,
    urls_collection,
    urls_family,
    urls_participation,
    urls_print,
    urls_responses,
)

app_name = "surveys"

urlpatterns = [
    path(
        "d/<slug:district>/umfragen/",
        include(
            [
                *urls_builder.urlpatterns,
                *urls_collection.urlpatterns,
                *urls_responses.urlpatterns,
                *urls_print.urlpatterns,
                *urls_channels.urlpatterns,
                *urls_participation.urlpatterns,
            ]
        ),
    ),
    # Public, no login: the family's form behind a collection point's short link.
    path("s/", include(urls_family.urlpatterns)),
]
