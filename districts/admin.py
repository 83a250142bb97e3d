from __future__ import annotations

from django.contrib import admin

from districts.models import (
    Area,
    AreaIndicator,
    District,
    Language,
    Membership,
    Sector,
    Stakeholder,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "slug", "min_group_size", "has_demo_data"]
    search_fields = ["name", "number"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "district", "role", "created_at"]
    list_filter = ["district", "role"]
    search_fields = ["user__username", "user__email", "user__last_name"]
    autocomplete_fields = ["user", "district"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name_de", "name_en", "key", "position", "is_active"]
    list_editable = ["position", "is_active"]


@admin.register(AreaIndicator)
class AreaIndicatorAdmin(admin.ModelAdmin):
    list_display = ["name_de", "key", "kind", "source", "position"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "district", "valid_from", "name_is_placeholder"]
    list_filter = ["level", "district", "valid_from"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]
    exclude = ["geometry"]


@admin.register(Stakeholder)
class StakeholderAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "sector", "kind", "strategy_role"]
    list_filter = ["district", "sector", "strategy_role"]
    search_fields = ["name", "contact_person"]


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["name_de", "name_en", "key", "right_to_left", "position", "is_active"]
