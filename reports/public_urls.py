from __future__ import annotations

from django.urls import path

from reports import document_views, export_views, public_views

app_name = "transparency"

# Public pages, no login: only published snapshots, already suppressed, no free text.
urlpatterns = [
    path("", public_views.index, name="index"),
    path("<slug:district>/", public_views.district, name="district"),
    path("<slug:district>/<int:snapshot>/", public_views.report, name="report"),
    path(
        "<slug:district>/<int:snapshot>/<slug:document>.pdf",
        document_views.public_document_pdf,
        name="document_pdf",
    ),
    path(
        "<slug:district>/<int:snapshot>/daten.json",
        export_views.public_export_json,
        name="export_json",
    ),
    path(
        "<slug:district>/<int:snapshot>/daten.xlsx",
        export_views.public_export_xlsx,
        name="export_xlsx",
    ),
    path(
        "<slug:district>/<int:snapshot>/daten/<slug:table>.csv",
        export_views.public_export_csv,
        name="export_csv",
    ),
]
