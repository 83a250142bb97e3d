"""Offerings of a district: what exists, for whom, where, and with which resources."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from goals.models.resources import Resource
from offerings.models.vocabulary import OfferingCategory, OutreachChannel

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

# Offerings not confirmed for this long are marked stale: nobody knows whether they still run.
STALE_AFTER = datetime.timedelta(days=365)


# Kept here, not only inside the model, so the importer can write one creation record that
# already holds the lists (offerings/exchange/plan.py) instead of a creation and a change per
# list: six history rows and 60 queries per imported offering, seconds per demo seed.
OFFERING_HISTORY_RECORDS = HistoricalRecords(
    m2m_fields=[
        "fields_of_action",
        "target_groups",
        "life_phases",
        "languages",
        "outreach_channels",
    ]
)


class OfferingQuerySet(models.QuerySet["Offering"]):
    def for_district(self, district: object) -> OfferingQuerySet:
        return self.filter(district=district)

    def published(self) -> OfferingQuerySet:
        return self.filter(review_status=Offering.ReviewStatus.PUBLISHED)

    def visible_to(
        self, user: AbstractBaseUser | AnonymousUser, district: object
    ) -> OfferingQuerySet:
        """Published offerings, plus unpublished ones for coordinators and their own provider."""
        from districts.models import Membership

        qs = self.for_district(district)
        if not user.is_authenticated:
            return qs.published()
        if user.is_superuser:
            return qs
        membership = Membership.objects.filter(user=user, district=district).first()
        if membership is None:
            return qs.none()
        if membership.role == Membership.Role.COORDINATOR:
            return qs
        if membership.role == Membership.Role.PROVIDER and membership.stakeholder_id:
            return qs.filter(
                Q(review_status=Offering.ReviewStatus.PUBLISHED)
                | Q(provider_id=membership.stakeholder_id)
            )
        return qs.published()

    def active(self) -> OfferingQuerySet:
        return self.filter(status=Offering.Status.ACTIVE)

    def stale(self, today: datetime.date) -> OfferingQuerySet:
        return self.filter(last_confirmed_on__lt=today - STALE_AFTER)


class Offering(models.Model):
    class ProviderType(models.TextChoices):
        PUBLIC = "public", _("Public (office, public service)")
        INDEPENDENT = "independent", _("Independent provider")

    class Cost(models.TextChoices):
        FREE = "free", _("Free of charge")
        REDUCED = "reduced", _("Reduced with berlinpass")
        FEE = "fee", _("Fee")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        ENDED = "ended", _("Ended")

    class ReviewStatus(models.TextChoices):
        PUBLISHED = "published", _("Published")
        PENDING = "pending", _("Waiting for review")

    district = models.ForeignKey(
        "districts.District", models.PROTECT, related_name="offerings", verbose_name=_("district")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(
        _("short description in plain language"), max_length=1000, blank=True
    )
    provider = models.ForeignKey(
        "districts.Stakeholder",
        models.PROTECT,
        related_name="offerings",
        verbose_name=_("provider"),
    )
    category = models.ForeignKey(
        OfferingCategory, models.PROTECT, related_name="offerings", verbose_name=_("category")
    )
    sector = models.ForeignKey(
        "districts.Sector", models.PROTECT, related_name="offerings", verbose_name=_("sector")
    )
    fields_of_action = models.ManyToManyField(
        "goals.FieldOfAction",
        blank=True,
        related_name="offerings",
        verbose_name=_("fields of action"),
    )
    provider_type = models.CharField(
        _("provider type"), max_length=12, choices=ProviderType, default=ProviderType.INDEPENDENT
    )
    target_groups = models.ManyToManyField(
        "goals.TargetGroup", blank=True, related_name="offerings", verbose_name=_("target groups")
    )
    life_phases = models.ManyToManyField(
        "goals.LifePhase", blank=True, related_name="offerings", verbose_name=_("life phases")
    )
    age_from = models.PositiveSmallIntegerField(
        _("children's age from"), null=True, blank=True, validators=[MaxValueValidator(27)]
    )
    age_to = models.PositiveSmallIntegerField(
        _("children's age to"), null=True, blank=True, validators=[MaxValueValidator(27)]
    )
    languages = models.ManyToManyField(
        "districts.Language",
        blank=True,
        related_name="offerings",
        verbose_name=_("languages offered"),
    )
    cost = models.CharField(_("cost for families"), max_length=8, choices=Cost, default=Cost.FREE)
    step_free = models.BooleanField(_("step-free access"), default=False)
    childcare = models.BooleanField(_("childcare during the offer"), default=False)
    interpreters = models.BooleanField(_("interpreters on request"), default=False)
    plain_language = models.BooleanField(_("material in plain language"), default=False)
    outreach_channels = models.ManyToManyField(
        OutreachChannel,
        blank=True,
        related_name="offerings",
        verbose_name=_("how families find it"),
    )
    opening_times = models.CharField(_("opening times"), max_length=300, blank=True)
    capacity_per_month = models.PositiveIntegerField(
        _("capacity per month"),
        null=True,
        blank=True,
        help_text=_("Families or children per month."),
    )
    reached_per_month = models.PositiveIntegerField(
        _("families reached per month"), null=True, blank=True
    )
    is_district_wide = models.BooleanField(_("district-wide"), default=False)
    is_mobile = models.BooleanField(_("mobile / outreach"), default=False)
    goals = models.ManyToManyField(
        "goals.ActionGoal",
        through="offerings.OfferingGoal",
        blank=True,
        related_name="offerings",
        verbose_name=_("contributes to goals"),
    )
    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.ACTIVE)
    starts_on = models.DateField(_("since"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    last_confirmed_on = models.DateField(_("last confirmed"), default=timezone.localdate)
    review_status = models.CharField(
        _("publication"), max_length=10, choices=ReviewStatus, default=ReviewStatus.PUBLISHED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = OFFERING_HISTORY_RECORDS
    objects = OfferingQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "name", "provider"], name="offering_unique_per_provider"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end must not be before the start.")
        if self.age_from is not None and self.age_to is not None and self.age_to < self.age_from:
            errors["age_to"] = _("The upper age must not be below the lower age.")
        if (
            self.capacity_per_month is not None
            and self.reached_per_month is not None
            and self.reached_per_month > self.capacity_per_month * 3
        ):
            errors["reached_per_month"] = _(
                "Far more families reached than places: please check both numbers."
            )
        if self.provider_id and self.district_id and self.provider.district_id != self.district_id:
            errors["provider"] = _("The provider belongs to another district.")
        if errors:
            raise ValidationError(errors)

    def is_stale(self, today: datetime.date | None = None) -> bool:
        return self.last_confirmed_on < (today or timezone.localdate()) - STALE_AFTER

    def confirm(self, *, today: datetime.date | None = None) -> None:
        """The provider says: this offering still runs as described."""
        self.last_confirmed_on = today or timezone.localdate()
        self.save(update_fields=["last_confirmed_on", "updated_at"])

    def editable_by(self, user: AbstractBaseUser | AnonymousUser) -> bool:
        """Staff and coordinators edit every offering; a provider only its own organisation's."""
        from districts.models import Membership

        if not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        membership = Membership.objects.filter(user=user, district_id=self.district_id).first()
        if membership is None:
            return False
        if Membership.Role.allows(membership.role, Membership.Role.STAFF):
            return True
        return (
            membership.role == Membership.Role.PROVIDER
            and membership.stakeholder_id == self.provider_id
        )


class OfferingPlace(models.Model):
    """Where an offering runs; one offering can run at several places."""

    offering = models.ForeignKey(Offering, models.CASCADE, related_name="places")
    name = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("e.g. Familienzentrum am Park")
    )
    address = models.CharField(_("address"), max_length=300)
    area = models.ForeignKey(
        "districts.Area",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="offering_places",
        verbose_name=_("planning area"),
    )
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(52.3), MaxValueValidator(52.7)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(13.0), MaxValueValidator(13.8)],
    )

    class Meta:
        ordering = ["offering", "pk"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self) -> str:
        return self.name or self.address

    def clean(self) -> None:
        if self.area_id and self.offering_id and self.area.district_id != self.offering.district_id:
            raise ValidationError({"area": _("The planning area belongs to another district.")})


class OfferingGoal(models.Model):
    """An offering contributes to an action goal; the note says how."""

    offering = models.ForeignKey(Offering, models.CASCADE, related_name="goal_links")
    goal = models.ForeignKey(
        "goals.ActionGoal", models.CASCADE, related_name="offering_links", verbose_name=_("goal")
    )
    note = models.CharField(_("how it contributes"), max_length=300, blank=True)

    class Meta:
        ordering = ["goal__title"]
        verbose_name = _("contribution to a goal")
        verbose_name_plural = _("contributions to goals")
        constraints = [
            models.UniqueConstraint(fields=["offering", "goal"], name="one_link_per_offering_goal")
        ]

    def __str__(self) -> str:
        return f"{self.offering} → {self.goal}"

    def clean(self) -> None:
        if self.goal_id and self.offering_id and self.goal.district_id != self.offering.district_id:
            raise ValidationError({"goal": _("The goal belongs to another district.")})


class OfferingResource(models.Model):
    """Budget and staff hours of an offering, so cost per family reached can be computed."""

    # The same kinds as a goal's resources, so both add up in one overview.
    Kind = Resource.Kind

    offering = models.ForeignKey(Offering, models.CASCADE, related_name="resources")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    amount = models.DecimalField(
        _("amount"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("resource of an offering")
        verbose_name_plural = _("resources of offerings")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.amount or ''} {self.description}".strip()

    def clean(self) -> None:
        if self.kind in {self.Kind.BUDGET, self.Kind.STAFF_HOURS} and self.amount is None:
            raise ValidationError({"amount": _("Please give the amount.")})
