from __future__ import annotations

from django.urls import URLPattern, path

from surveys import (
    block_views,
    indicator_views,
    question_views,
    survey_views,
    translation_views,
)

urlpatterns: list[URLPattern] = [
    path("", survey_views.SurveyListView.as_view(), name="list"),
    path("neu/", survey_views.SurveyCreateView.as_view(), name="create"),
    path("<int:survey>/", question_views.SurveyDetailView.as_view(), name="detail"),
    path("<int:survey>/bearbeiten/", survey_views.SurveyUpdateView.as_view(), name="edit"),
    path("<int:survey>/loeschen/", survey_views.SurveyDeleteView.as_view(), name="delete"),
    path("<int:survey>/status/", survey_views.SurveyStatusView.as_view(), name="status"),
    path("<int:survey>/vorschau/", survey_views.SurveyPreviewView.as_view(), name="preview"),
    # Pages and questions
    path("<int:survey>/seiten/neu/", question_views.PageCreateView.as_view(), name="page_add"),
    path(
        "<int:survey>/seiten/<int:page>/bearbeiten/",
        question_views.PageUpdateView.as_view(),
        name="page_edit",
    ),
    path(
        "<int:survey>/seiten/<int:page>/verschieben/",
        question_views.PageMoveView.as_view(),
        name="page_move",
    ),
    path(
        "<int:survey>/seiten/<int:page>/loeschen/",
        question_views.PageDeleteView.as_view(),
        name="page_delete",
    ),
    path(
        "<int:survey>/seiten/<int:page>/fragen/neu/",
        question_views.QuestionCreateView.as_view(),
        name="question_add",
    ),
    path(
        "<int:survey>/fragen/<int:question>/bearbeiten/",
        question_views.QuestionUpdateView.as_view(),
        name="question_edit",
    ),
    path(
        "<int:survey>/fragen/<int:question>/verschieben/",
        question_views.QuestionMoveView.as_view(),
        name="question_move",
    ),
    path(
        "<int:survey>/fragen/<int:question>/loeschen/",
        question_views.QuestionDeleteView.as_view(),
        name="question_delete",
    ),
    path(
        "<int:survey>/bausteine/<slug:block>/",
        block_views.BlockAddView.as_view(),
        name="block_add",
    ),
    # Translations
    path(
        "<int:survey>/uebersetzungen/",
        translation_views.TranslationsView.as_view(),
        name="translations",
    ),
    path(
        "<int:survey>/uebersetzungen/<str:language>/",
        translation_views.TranslateView.as_view(),
        name="translate",
    ),
    # Links to goal indicators
    path(
        "<int:survey>/kennzahlen/",
        indicator_views.IndicatorLinkListView.as_view(),
        name="indicator_links",
    ),
    path(
        "<int:survey>/kennzahlen/neu/",
        indicator_views.IndicatorLinkAddView.as_view(),
        name="indicator_link_add",
    ),
    path(
        "<int:survey>/kennzahlen/<int:indicator>/entfernen/",
        indicator_views.IndicatorLinkDeleteView.as_view(),
        name="indicator_link_delete",
    ),
]
