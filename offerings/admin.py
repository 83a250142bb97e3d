from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from offerings.models import Offering, OfferingCategory, OfferingChange, OutreachChannel


@admin.register(OfferingCategory)
class OfferingCategoryAdmin(admin.ModelAdmin):
    list_display = ["name_de", "sector", "key", "position", "is_active"]
    list_filter = ["sector"]


@admin.register(OutreachChannel)
class OutreachChannelAdmin(admin.ModelAdmin):
    list_display = ["name_de", "key", "position", "is_active"]


@admin.register(Offering)
class OfferingAdmin(SimpleHistoryAdmin):
    list_display = ["name", "district", "provider", "category", "status", "review_status"]
    list_filter = ["district", "category", "status", "review_status"]
    search_fields = ["name"]


@admin.register(OfferingChange)
class OfferingChangeAdmin(admin.ModelAdmin):
    list_display = ["offering", "status", "submitted_at", "reviewed_at"]
    list_filter = ["status"]
