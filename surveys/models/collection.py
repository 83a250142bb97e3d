from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mitwirkung.light_commit import light_write
from surveys.models.survey import Survey

# No 0/o, 1/l/i: a family types the code from paper.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 8  # 31**8 ≈ 8.5e11 codes; the rate limit makes guessing pointless


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """What a person typed from paper → the stored code (case, spaces and dashes do not matter)."""
    return "".join(typed.split()).replace("-", "").lower()


class CollectionPointQuerySet(models.QuerySet["CollectionPoint"]):
    def for_district(self, district: object) -> CollectionPointQuerySet:
        return self.filter(survey__district=district)


class CollectionPoint(models.Model):
    """Where a survey is handed out; its short link attributes each response to it."""

    class Kind(models.TextChoices):
        OFFERING = "offering", _("At an offering")
        PLACE = "place", _("At a place")
        EVENT = "event", _("At an event")
        ONLINE = "online", _("Online")

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="collection_points")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.ONLINE)
    offering = models.ForeignKey(
        "offerings.Offering",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="collection_points",
        verbose_name=_("offering"),
    )
    place = models.ForeignKey(
        "offerings.OfferingPlace",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="collection_points",
        verbose_name=_("place"),
    )
    label = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("For example the event: “Summer party Klausenerplatz, 12 June”."),
    )
    code = models.CharField(_("short code"), max_length=16, unique=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CollectionPointQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("collection point")
        verbose_name_plural = _("collection points")

    def __str__(self) -> str:
        if self.label:
            return self.label
        if self.place_id:
            return str(self.place)
        if self.offering_id:
            return str(self.offering)
        return str(self.get_kind_display())

    def save(self, *args: object, **kwargs: object) -> None:
        if self.code:
            super().save(*args, **kwargs)  # type: ignore[arg-type]
            return
        # A clash of random codes is unlikely but possible: draw again.
        for _attempt in range(10):
            self.code = new_code()
            try:
                with transaction.atomic():
                    super().save(*args, **kwargs)  # type: ignore[arg-type]
                return
            except IntegrityError:
                self.pk = None
                continue
        raise IntegrityError("no free collection point code")

    def get_absolute_url(self) -> str:
        return reverse("surveys:family_start", kwargs={"code": self.code})

    def clean(self) -> None:
        if self.kind == self.Kind.OFFERING and not self.offering_id:
            raise ValidationError({"offering": _("Please choose the offering.")})
        if self.kind == self.Kind.PLACE and not self.place_id:
            raise ValidationError({"place": _("Please choose the place.")})
        if self.kind == self.Kind.EVENT and not self.label:
            raise ValidationError({"label": _("Please name the event.")})

    @property
    def display_code(self) -> str:
        """The code in two groups of four, easier to type from paper."""
        return f"{self.code[:4]}-{self.code[4:]}"

    def count_start(self) -> None:
        """One more family began the survey here today: an anonymous counter, nothing else."""
        table = connection.ops.quote_name(CollectionPointDay._meta.db_table)
        # One statement, also when two families start at once (PostgreSQL and SQLite both
        # know ON CONFLICT); a counter is not worth waiting for the disk.
        light_write(
            f"INSERT INTO {table} (collection_point_id, day, starts) "  # nosec B608
            "VALUES (%s, %s, 1) ON CONFLICT (collection_point_id, day) "
            f"DO UPDATE SET starts = {table}.starts + 1",
            [self.pk, connection.ops.adapt_datefield_value(timezone.localdate())],
        )


class CollectionPointDay(models.Model):
    """How many families started the survey at a collection point on a day.

    Only a counter (for the completion rate): no link to any response.
    """

    collection_point = models.ForeignKey(CollectionPoint, models.CASCADE, related_name="days")
    day = models.DateField()
    starts = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["collection_point", "day"], name="one_counter_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.collection_point} {self.day}: {self.starts}"
