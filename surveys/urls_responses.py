from __future__ import annotations

from django.urls import URLPattern, path

from surveys import free_text_views, response_views

urlpatterns: list[URLPattern] = [
    path("<int:survey>/antworten/", response_views.ResponsesView.as_view(), name="responses"),
    path("<int:survey>/export.csv", response_views.export, {"kind": "csv"}, name="export_csv"),
    path("<int:survey>/export.xlsx", response_views.export, {"kind": "xlsx"}, name="export_xlsx"),
    path("<int:survey>/freitexte/", free_text_views.FreeTextListView.as_view(), name="free_texts"),
    path(
        "<int:survey>/freitexte/<int:answer>/",
        free_text_views.free_text_review,
        name="free_text_review",
    ),
    path(
        "<int:survey>/freitexte/<int:answer>/loeschen/",
        free_text_views.free_text_delete,
        name="free_text_delete",
    ),
    path("<int:survey>/freitexte/schlagworte/", free_text_views.tags, name="tags"),
    path(
        "<int:survey>/freitexte/schlagworte/<int:tag>/loeschen/",
        free_text_views.tag_delete,
        name="tag_delete",
    ),
]
