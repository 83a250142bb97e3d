"""Berlin's planning areas (LOR) below the district, and social indicators per area and year."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from districts.models.vocabulary import Vocabulary

# The LOR edition in force since 1 January 2021 (542 Planungsräume).
LOR_2021 = datetime.date(2021, 1, 1)

_CODE_LENGTH = {"prognoseraum": 4, "bezirksregion": 6, "planungsraum": 8}


class AreaQuerySet(models.QuerySet["Area"]):
    def for_district(self, district: object) -> AreaQuerySet:
        return self.filter(district=district)

    def edition(self, valid_from: datetime.date = LOR_2021) -> AreaQuerySet:
        return self.filter(valid_from=valid_from)

    def level(self, level: str) -> AreaQuerySet:
        return self.filter(level=level)

    def within(self, area: Area) -> AreaQuerySet:
        """Every area below `area`, in one query: a child's code starts with its parent's."""
        return self.filter(
            valid_from=area.valid_from, code__startswith=area.code, level__in=area.lower_levels()
        )


class Area(models.Model):
    """A Prognoseraum (4 digits), Bezirksregion (6) or Planungsraum (8) of one LOR edition.

    Codes are strings with leading zeros; a parent's code is the child's without its last
    two digits, and the first two digits are the district's number.
    """

    class Level(models.TextChoices):
        PROGNOSERAUM = "prognoseraum", _("Forecast area (Prognoseraum)")
        BEZIRKSREGION = "bezirksregion", _("District region (Bezirksregion)")
        PLANUNGSRAUM = "planungsraum", _("Planning area (Planungsraum)")

    district = models.ForeignKey(
        "districts.District", models.CASCADE, related_name="areas", verbose_name=_("district")
    )
    level = models.CharField(_("level"), max_length=16, choices=Level)
    code = models.CharField(_("LOR number"), max_length=8)
    name = models.CharField(_("name"), max_length=200)
    name_is_placeholder = models.BooleanField(
        _("name still missing"),
        default=False,
        help_text=_(
            "Set when the area was created from a child's number before its name was known."
        ),
    )
    parent = models.ForeignKey(
        "self",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent area"),
    )
    valid_from = models.DateField(_("LOR edition valid from"), default=LOR_2021)
    # GeoJSON geometry in WGS84 (EPSG:4326), for maps; importers transform EPSG:25833.
    geometry = models.JSONField(_("shape (GeoJSON)"), null=True, blank=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("planning area")
        verbose_name_plural = _("planning areas")
        constraints = [
            models.UniqueConstraint(
                fields=["valid_from", "code"], name="one_area_per_code_and_edition"
            )
        ]
        indexes = [models.Index(fields=["district", "level", "code"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @staticmethod
    def level_for_code(code: str) -> str | None:
        """The level a well-formed LOR number belongs to, or None."""
        if not re.fullmatch(r"\d{4}|\d{6}|\d{8}", code or ""):
            return None
        return next(level for level, length in _CODE_LENGTH.items() if length == len(code))

    @staticmethod
    def parent_code(code: str) -> str:
        return code[:-2]

    def lower_levels(self) -> list[str]:
        order = list(_CODE_LENGTH)
        return order[order.index(self.level) + 1 :]

    def clean(self) -> None:
        if self.level_for_code(self.code) != self.level:
            raise ValidationError({"code": _("The number does not fit the level of the area.")})
        if self.district_id and not self.code.startswith(self.district.number):
            raise ValidationError(
                {"code": _("The number does not start with the district's number.")}
            )


class AreaIndicator(Vocabulary):
    """What a social indicator means: one row per indicator, not one column per indicator."""

    class Kind(models.TextChoices):
        COUNT = "count", _("Count")
        PERCENT = "percent", _("Percentage")
        CLASS = "class", _("Class")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.COUNT)
    definition = models.TextField(
        _("definition"), help_text=_("Who is counted, e.g. under-15s in SGB II households.")
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    # For classes: the meaning of each value, e.g. {"1": "hoch", "4": "sehr niedrig"}.
    class_labels = models.JSONField(_("class labels"), default=dict, blank=True)

    class Meta(Vocabulary.Meta):
        verbose_name = _("area indicator")
        verbose_name_plural = _("area indicators")

    def display(self, value: float | None) -> str:
        if value is None:
            return "–"
        if self.kind == self.Kind.CLASS:
            key = str(int(value)) if float(value).is_integer() else str(value)
            return self.class_labels.get(key, key)
        if self.kind == self.Kind.PERCENT:
            # number_format cuts decimals off; round first so 43.97 reads 44,0 %.
            return f"{number_format(round(value, 1), decimal_pos=1)} %"
        return number_format(round(value), force_grouping=True)


class AreaIndicatorValueQuerySet(models.QuerySet["AreaIndicatorValue"]):
    def for_district(self, district: object) -> AreaIndicatorValueQuerySet:
        return self.filter(area__district=district)


class AreaIndicatorValue(models.Model):
    area = models.ForeignKey(Area, models.CASCADE, related_name="indicator_values")
    indicator = models.ForeignKey(AreaIndicator, models.PROTECT, related_name="values")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))
    source_note = models.CharField(_("source"), max_length=300, blank=True)

    objects = AreaIndicatorValueQuerySet.as_manager()

    class Meta:
        ordering = ["area__code", "indicator__position", "-year"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "indicator", "year"], name="one_value_per_area_indicator_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area.code} {self.indicator.key} {self.year}: {self.value}"
