from __future__ import annotations

from django.urls import URLPattern, path

from surveys import print_views

# Printable PDFs (issue 6): posters, flyers, paper questionnaires, access code slips.
urlpatterns: list[URLPattern] = [
    path(
        "<int:survey>/sammelstellen/<int:collection_point>/plakat.pdf",
        print_views.PosterView.as_view(),
        name="poster",
    ),
    path(
        "<int:survey>/sammelstellen/<int:collection_point>/flyer.pdf",
        print_views.FlyerView.as_view(),
        name="flyer",
    ),
    path(
        "<int:survey>/papier/fragebogen-<str:language>.pdf",
        print_views.PaperQuestionnaireView.as_view(),
        name="paper_pdf",
    ),
    path(
        "<int:survey>/zugangscodes/<int:batch>/zettel.pdf",
        print_views.CodeSlipsView.as_view(),
        name="code_slips",
    ),
]
