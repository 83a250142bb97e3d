from __future__ import annotations

from django.urls import URLPattern, path

from surveys import participation_views

# Participation targets and monitor (issue 6).
urlpatterns: list[URLPattern] = [
    path(
        "<int:survey>/beteiligung/",
        participation_views.ParticipationView.as_view(),
        name="participation",
    ),
    path(
        "<int:survey>/beteiligung/ziele/neu/",
        participation_views.TargetCreateView.as_view(),
        name="target_add",
    ),
    path(
        "<int:survey>/beteiligung/ziele/<int:target>/loeschen/",
        participation_views.TargetDeleteView.as_view(),
        name="target_delete",
    ),
]
