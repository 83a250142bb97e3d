from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from goals.models import (
    ActionGoal,
    FieldOfAction,
    Indicator,
    IndicatorValue,
    LifePhase,
    Resource,
    StrategicGoal,
    TargetGroup,
)


@admin.register(FieldOfAction, TargetGroup, LifePhase)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name_de", "name_en", "key", "position", "is_active"]
    list_editable = ["position", "is_active"]


@admin.register(StrategicGoal)
class StrategicGoalAdmin(VocabularyAdmin):
    list_display = ["name_de", "field_of_action", "key", "position", "is_active"]
    list_filter = ["field_of_action"]


@admin.register(ActionGoal)
class ActionGoalAdmin(SimpleHistoryAdmin):
    list_display = ["title", "district", "kind", "status"]
    list_filter = ["district", "kind", "status"]
    search_fields = ["title"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "goal", "unit", "kind", "impact_level"]
    list_filter = ["goal__district", "kind"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "measured_on", "value"]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["description", "district", "kind", "amount", "year"]
    list_filter = ["district", "kind"]
