"""Step 5 pages: findings, decisions (Anpassungen) and their evidence."""

from __future__ import annotations

from django.urls import path

from reports import adaptation_views as views

urlpatterns = [
    path("befunde/", views.FindingListView.as_view(), name="findings"),
    path("befunde/neu/", views.FindingCreateView.as_view(), name="finding_add"),
    path("befunde/<int:finding>/", views.FindingDetailView.as_view(), name="finding"),
    path(
        "befunde/<int:finding>/bearbeiten/",
        views.FindingUpdateView.as_view(),
        name="finding_edit",
    ),
    path(
        "befunde/<int:finding>/kommentar/",
        views.FindingCommentView.as_view(),
        name="finding_comment",
    ),
    path("anpassungen/", views.DecisionListView.as_view(), name="decisions"),
    path("anpassungen/neu/", views.DecisionCreateView.as_view(), name="decision_add"),
    path("anpassungen/<int:decision>/", views.DecisionDetailView.as_view(), name="decision"),
    path(
        "anpassungen/<int:decision>/bearbeiten/",
        views.DecisionUpdateView.as_view(),
        name="decision_edit",
    ),
    path(
        "anpassungen/<int:decision>/stand/",
        views.DecisionProgressView.as_view(),
        name="decision_progress",
    ),
]
