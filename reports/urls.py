from __future__ import annotations

from django.urls import path

from reports import build_views, dashboard_views

app_name = "reports"

# Staff pages of strategy step 4 (evaluation): dashboards read frozen snapshots only.
urlpatterns = [
    path("", dashboard_views.DistrictDashboardView.as_view(), name="dashboard"),
    path(
        "umfrage/<int:survey>/",
        dashboard_views.SurveyDashboardView.as_view(),
        name="survey_dashboard",
    ),
    path(
        "umfrage/<int:survey>/vergleich/",
        dashboard_views.CompareView.as_view(),
        name="compare",
    ),
    path(
        "umfrage/<int:survey>/erstellen/",
        build_views.BuildView.as_view(),
        name="build",
    ),
    path(
        "stand/<int:snapshot>/",
        build_views.SnapshotStatusView.as_view(),
        name="snapshot_status",
    ),
    path(
        "stand/<int:snapshot>/status.json",
        build_views.snapshot_status_json,
        name="snapshot_status_json",
    ),
]
