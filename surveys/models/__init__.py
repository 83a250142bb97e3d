from __future__ import annotations

from surveys.models.channels import AccessCode, AccessCodeBatch, ParticipationTarget
from surveys.models.collection import CollectionPoint, CollectionPointDay
from surveys.models.questions import (
    TEXT_MAX_LENGTH,
    IndicatorLink,
    Option,
    OptionTranslation,
    Page,
    PageTranslation,
    Question,
    QuestionTranslation,
)
from surveys.models.responses import Answer, FreeTextTag, Response
from surveys.models.retention import RetentionLog
from surveys.models.survey import Survey, SurveyTranslation

__all__ = [
    "TEXT_MAX_LENGTH",
    "AccessCode",
    "AccessCodeBatch",
    "Answer",
    "CollectionPoint",
    "CollectionPointDay",
    "FreeTextTag",
    "IndicatorLink",
    "Option",
    "OptionTranslation",
    "Page",
    "PageTranslation",
    "ParticipationTarget",
    "Question",
    "QuestionTranslation",
    "Response",
    "RetentionLog",
    "Survey",
    "SurveyTranslation",
]
