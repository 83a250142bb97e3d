"""The five guiding questions, answered from the data."""

from __future__ import annotations

from django.urls import path

from reports import guiding_views

urlpatterns = [
    path("leitfragen/", guiding_views.GuidingQuestionsView.as_view(), name="guiding_questions"),
]
