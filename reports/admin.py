from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from reports.models import PublicationEvent, ReportDocument, ReportSnapshot


@admin.register(ReportSnapshot)
class ReportSnapshotAdmin(admin.ModelAdmin):
    """Read-only: a snapshot's numbers never change after it is built (frozen reports)."""

    list_display = [
        "pk",
        "survey",
        "district",
        "kind",
        "status",
        "progress",
        "requested_at",
        "published_at",
    ]
    list_filter = ["district", "status", "kind", "is_demo"]
    date_hierarchy = "requested_at"
    list_select_related = ["survey", "district"]
    exclude = ["tables"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PublicationEvent)
class PublicationEventAdmin(admin.ModelAdmin):
    """The record of publication is evidence: it can be read here, never edited or deleted."""

    list_display = ["at", "action", "snapshot", "by_name", "reason"]
    list_filter = ["action", "snapshot__district"]
    list_select_related = ["snapshot"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReportDocument)
class ReportDocumentAdmin(admin.ModelAdmin):
    list_display = ["pk", "snapshot", "kind", "language", "status", "pages", "size", "finished_at"]
    list_filter = ["kind", "language", "status"]
    exclude = ["pdf"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).defer("pdf").select_related("snapshot")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
