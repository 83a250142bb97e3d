"""Channels beyond the family's own phone (issue 6): one-time access codes and
participation targets."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from surveys.models.collection import CODE_ALPHABET, CollectionPoint, normalise_code
from surveys.models.survey import Survey

ACCESS_CODE_LENGTH = 8
MAX_BATCH_SIZE = 500


class AccessCodeBatch(models.Model):
    """Codes staff print on slips and hand out one per family."""

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="access_code_batches")
    collection_point = models.ForeignKey(
        CollectionPoint,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="access_code_batches",
        verbose_name=_("collection point"),
        help_text=_("The slips carry this collection point's short link."),
    )
    size = models.PositiveSmallIntegerField(
        _("number of codes"), validators=[MinValueValidator(1), MaxValueValidator(MAX_BATCH_SIZE)]
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("batch of access codes")
        verbose_name_plural = _("batches of access codes")

    def __str__(self) -> str:
        return f"{self.survey}: {self.size}"

    @classmethod
    def create_with_codes(
        cls,
        *,
        survey: Survey,
        size: int,
        collection_point: CollectionPoint | None = None,
        note: str = "",
        created_by: object = None,
    ) -> AccessCodeBatch:
        """A batch and its `size` unique random codes, in one transaction."""
        with transaction.atomic():
            batch = cls.objects.create(
                survey=survey,
                collection_point=collection_point,
                size=size,
                note=note,
                created_by=created_by,
            )
            made = 0
            while made < size:
                codes = {_new_access_code() for _ in range(size - made)}
                taken = set(
                    AccessCode.objects.filter(code__in=codes).values_list("code", flat=True)
                )
                fresh = [AccessCode(batch=batch, survey=survey, code=c) for c in codes - taken]
                AccessCode.objects.bulk_create(fresh)
                made += len(fresh)
        return batch


def _new_access_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(ACCESS_CODE_LENGTH))


class AccessCodeQuerySet(models.QuerySet["AccessCode"]):
    def for_district(self, district: object) -> AccessCodeQuerySet:
        return self.filter(survey__district=district)

    def find(self, survey: Survey, typed: str) -> AccessCode | None:
        """The unused code of this survey a family typed, or None (unknown or used)."""
        return self.filter(survey=survey, code=normalise_code(typed), is_used=False).first()

    def redeem(self, survey: Survey, typed: str) -> bool:
        """Use a code up. A conditional UPDATE, so two submissions with one code cannot both win.

        Call inside the transaction that stores the response: if storing fails, the code
        stays unused. Nothing links the code to the response.
        """
        return bool(
            self.filter(survey=survey, code=normalise_code(typed), is_used=False).update(
                is_used=True
            )
        )


class AccessCode(models.Model):
    batch = models.ForeignKey(AccessCodeBatch, models.CASCADE, related_name="codes")
    survey = models.ForeignKey(Survey, models.CASCADE, related_name="access_codes")
    code = models.CharField(_("code"), max_length=16, unique=True)
    is_used = models.BooleanField(_("used"), default=False)

    objects = AccessCodeQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("access code")
        verbose_name_plural = _("access codes")

    def __str__(self) -> str:
        return self.display_code

    @property
    def display_code(self) -> str:
        return f"{self.code[:4]}-{self.code[4:]}"


class ParticipationTargetQuerySet(models.QuerySet["ParticipationTarget"]):
    def for_district(self, district: object) -> ParticipationTargetQuerySet:
        return self.filter(survey__district=district)


class ParticipationTarget(models.Model):
    """ "50 answers from Bezirksregion X": a goal for a collection point or an area."""

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="targets")
    collection_point = models.ForeignKey(
        CollectionPoint,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("collection point"),
    )
    area = models.ForeignKey(
        "districts.Area",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("area"),
    )
    responses = models.PositiveIntegerField(_("target number of responses"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ParticipationTargetQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("participation target")
        verbose_name_plural = _("participation targets")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(collection_point__isnull=False, area__isnull=True)
                    | models.Q(collection_point__isnull=True, area__isnull=False)
                ),
                name="target_for_point_or_area",
            )
        ]

    def __str__(self) -> str:
        return f"{self.collection_point or self.area}: {self.responses}"

    def clean(self) -> None:
        if bool(self.collection_point_id) == bool(self.area_id):
            raise ValidationError(_("Choose either a collection point or an area."))
