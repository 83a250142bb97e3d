from __future__ import annotations

from django.urls import URLPattern, path

from surveys import access_code_views, paper_views

# Staff side of the channels (issue 6): paper data entry, access codes.
urlpatterns: list[URLPattern] = [
    path(
        "<int:survey>/papier/eingabe/",
        paper_views.PaperEntryView.as_view(),
        name="paper_entry",
    ),
    path(
        "<int:survey>/zugangscodes/",
        access_code_views.AccessCodesView.as_view(),
        name="access_codes",
    ),
]
