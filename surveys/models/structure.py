"""A survey's structure version: a new random value whenever its pages, questions, options or
translations change, so each server process may keep the structure between requests
(surveys/family_cache.py) and notices a change with the one query it makes anyway.

Every way the app writes these rows bumps it in the same transaction as the write:
`save()` and `delete()` through StructureModel, the bulk writes (`bulk_create`,
`bulk_update`, `update`, `delete` on a queryset) through StructureQuerySet, which every
structure model's manager uses, related managers included. Rows deleted by a cascade belong
to a page, question or option whose own deletion bumped the version already. Only writes
outside the app (raw SQL, a restored backup) are not seen: restart the app after those.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db import models


def touch_structure(survey_ids: Iterable[int | None]) -> None:
    """A new structure version for these surveys."""
    ids = {pk for pk in survey_ids if pk is not None}
    if ids:
        apps.get_model("surveys", "Survey").objects.filter(pk__in=ids).update(
            structure_version=uuid.uuid4()
        )


class StructureQuerySet(models.QuerySet):
    """Bulk writes of a structure model bump the versions of the surveys they touch.

    `survey_path`: the lookup from the model to its survey's id, set on each subclass.
    """

    survey_path = "survey_id"

    def survey_ids(self) -> set[int]:
        return set(self.order_by().values_list(self.survey_path, flat=True).distinct())

    def surveys_of(self, objects: Iterable[models.Model]) -> set[int]:
        """The surveys of these rows, from their foreign keys (rows not saved yet included)."""
        head, _, rest = self.survey_path.partition("__")
        if not rest:
            return {getattr(obj, head) for obj in objects}
        field = self.model._meta.get_field(head)
        parents = {getattr(obj, field.attname) for obj in objects} - {None}
        if not parents:
            return set()
        related = field.related_model._default_manager  # type: ignore[union-attr]
        return set(related.filter(pk__in=parents).values_list(rest, flat=True))

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        created = super().bulk_create(objs, *args, **kwargs)
        touch_structure(self.surveys_of(created))
        return created

    def bulk_update(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> int:
        objs = list(objs)
        changed = super().bulk_update(objs, *args, **kwargs)
        touch_structure(self.surveys_of(objs))
        return changed

    def update(self, **kwargs: Any) -> int:
        surveys = self.survey_ids()
        changed = super().update(**kwargs)
        touch_structure(surveys)
        return changed

    update.alters_data = True  # type: ignore[attr-defined]

    def delete(self) -> tuple[int, dict[str, int]]:
        surveys = self.survey_ids()
        deleted = super().delete()
        touch_structure(surveys)
        return deleted

    delete.alters_data = True  # type: ignore[attr-defined]
    delete.queryset_only = True  # type: ignore[attr-defined]


class StructureModel(models.Model):
    """Saving or deleting one row bumps its survey's structure version."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        touch_structure([self.structure_survey_id()])

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        survey_id = self.structure_survey_id()
        deleted = super().delete(*args, **kwargs)
        touch_structure([survey_id])
        return deleted

    def structure_survey_id(self) -> int | None:
        surveys = type(self)._default_manager.get_queryset().surveys_of([self])
        return next(iter(surveys), None)


class PageQuerySet(StructureQuerySet):
    survey_path = "survey_id"


class OptionQuerySet(StructureQuerySet):
    survey_path = "question__survey_id"


class SurveyTranslationQuerySet(StructureQuerySet):
    survey_path = "survey_id"


class PageTranslationQuerySet(StructureQuerySet):
    survey_path = "page__survey_id"


class QuestionTranslationQuerySet(StructureQuerySet):
    survey_path = "question__survey_id"


class OptionTranslationQuerySet(StructureQuerySet):
    survey_path = "option__question__survey_id"
