from __future__ import annotations

from django.urls import include, path

from reports import build_views, dashboard_views, document_views, export_views, publish_views

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
    # Documents, data and publication of one snapshot (issue #8).
    path(
        "stand/<int:snapshot>/teilen/",
        publish_views.SnapshotShareView.as_view(),
        name="snapshot_share",
    ),
    path(
        "stand/<int:snapshot>/vorschau/",
        publish_views.PublicPreviewView.as_view(),
        name="public_preview",
    ),
    path(
        "stand/<int:snapshot>/veroeffentlichen/",
        publish_views.PublishView.as_view(),
        name="publish",
    ),
    path(
        "stand/<int:snapshot>/zurueckziehen/",
        publish_views.UnpublishView.as_view(),
        name="unpublish",
    ),
    path(
        "stand/<int:snapshot>/pdf/<slug:document>/",
        document_views.DocumentView.as_view(),
        name="document",
    ),
    path(
        "stand/<int:snapshot>/pdf/<slug:document>/status.json",
        document_views.document_status_json,
        name="document_status_json",
    ),
    path(
        "stand/<int:snapshot>/pdf/<slug:document>.pdf",
        document_views.document_pdf,
        name="document_pdf",
    ),
    path("stand/<int:snapshot>/daten.json", export_views.export_json, name="export_json"),
    path("stand/<int:snapshot>/daten.xlsx", export_views.export_xlsx, name="export_xlsx"),
    path(
        "stand/<int:snapshot>/daten/<slug:table>.csv",
        export_views.export_csv,
        name="export_csv",
    ),
    # Step 5 of the cycle (issue #17).
    path("", include("reports.urls_adaptation")),
    path("", include("reports.urls_cycle")),
    path("", include("reports.urls_guiding")),
]
