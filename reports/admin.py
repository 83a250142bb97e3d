from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from reports.models import ReportSnapshot


@admin.register(ReportSnapshot)
class ReportSnapshotAdmin(admin.ModelAdmin):
    """Read-only: a snapshot's numbers never change after it is built (frozen reports)."""

    list_display = ["pk", "survey", "district", "kind", "status", "progress", "requested_at"]
    list_filter = ["district", "status", "kind", "is_demo"]
    date_hierarchy = "requested_at"
    list_select_related = ["survey", "district"]
    exclude = ["tables"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
