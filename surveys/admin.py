from __future__ import annotations

from django.contrib import admin

from surveys.models import CollectionPoint, Survey


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "district", "status", "opens_on", "closes_on"]
    list_filter = ["district", "status"]


@admin.register(CollectionPoint)
class CollectionPointAdmin(admin.ModelAdmin):
    list_display = ["__str__", "survey", "kind", "code", "is_active"]
    readonly_fields = ["code"]
