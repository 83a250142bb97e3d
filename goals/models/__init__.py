from __future__ import annotations

from goals.models.goal import ActionGoal, GoalQuerySet, GoalStatusChange
from goals.models.indicators import (
    CurveAction,
    CurvePartner,
    CurveState,
    Indicator,
    IndicatorQuerySet,
    IndicatorValue,
)
from goals.models.reference import FieldOfAction, LifePhase, StrategicGoal, TargetGroup
from goals.models.resources import Resource

__all__ = [
    "ActionGoal",
    "CurveAction",
    "CurvePartner",
    "CurveState",
    "FieldOfAction",
    "GoalQuerySet",
    "GoalStatusChange",
    "Indicator",
    "IndicatorQuerySet",
    "IndicatorValue",
    "LifePhase",
    "Resource",
    "StrategicGoal",
    "TargetGroup",
]
