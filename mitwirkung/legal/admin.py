from __future__ import annotations

from django.contrib import admin

from mitwirkung.legal.models import BarrierReport, LegalPage


@admin.register(LegalPage)
class LegalPageAdmin(admin.ModelAdmin):
    list_display = ["kind", "title_de", "updated_at"]
    readonly_fields = ["kind", "updated_at"]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        # The four pages exist from the first migration; the law needs exactly these.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(BarrierReport)
class BarrierReportAdmin(admin.ModelAdmin):
    list_display = ["received_on", "district", "status", "answered_on"]
    list_filter = ["status", "district"]
    readonly_fields = ["received_on", "answered_on", "answered_by"]
