from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    AnyUser = AbstractBaseUser | AnonymousUser


class DistrictQuerySet(models.QuerySet["District"]):
    def for_user(self, user: AnyUser) -> DistrictQuerySet:
        """The districts a user may see: their memberships; superusers administer all."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(memberships__user=user).distinct()


class District(models.Model):
    """One of Berlin's twelve Bezirke, with its official two-digit number."""

    number = models.CharField(
        _("number"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^\d{2}$", _("Two digits, e.g. 04."))],
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    min_group_size = models.PositiveSmallIntegerField(
        _("minimum group size"),
        default=5,
        validators=[MinValueValidator(3)],
        help_text=_("Counts below this number are never shown, so no family can be recognised."),
    )
    family_languages = models.ManyToManyField(
        "districts.Language",
        blank=True,
        related_name="+",
        verbose_name=_("main family languages"),
        help_text=_("The languages most families of the district speak at home."),
    )
    has_demo_data = models.BooleanField(
        _("contains demo data"),
        default=False,
        help_text=_("Shows a notice on every page of the district that its content is invented."),
    )

    requires_two_factor = models.BooleanField(
        _("coordinators need a second factor"),
        default=False,
        help_text=_(
            "Coordinators of this district sign in with a code from an authenticator app "
            "as well as their password."
        ),
    )
    free_text_retention_months = models.PositiveSmallIntegerField(
        _("keep free-text answers for (months)"),
        default=24,
        validators=[MinValueValidator(1)],
        help_text=_("Free-text answers older than this are deleted every night."),
    )
    delete_raw_after_final_snapshot = models.BooleanField(
        _("delete a closed survey's answers after its final report"),
        default=False,
        help_text=_(
            "The individual answers of a closed survey are deleted once its final report "
            "is built; the report's figures stay."
        ),
    )

    objects = DistrictQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name

    def role_of(self, user: AnyUser) -> Membership.Role | None:
        """The user's role here; superusers act as coordinators of every district."""
        if not user.is_authenticated or not user.is_active:
            return None
        if user.is_superuser:
            return Membership.Role.COORDINATOR
        role = (
            self.memberships.filter(user=user).values_list("role", flat=True).first()  # type: ignore[attr-defined]
        )
        return Membership.Role(role) if role else None

    def has_role(self, user: AnyUser, required: Membership.Role) -> bool:
        return Membership.Role.allows(self.role_of(user), required)


class MembershipQuerySet(models.QuerySet["Membership"]):
    def for_district(self, district: District) -> MembershipQuerySet:
        return self.filter(district=district)

    def coordinators(self) -> MembershipQuerySet:
        return self.filter(role=Membership.Role.COORDINATOR)


class Membership(models.Model):
    """A user's role in one district; a user may belong to several districts."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        STAFF = "staff", _("Staff")
        PROVIDER = "provider", _("Provider")
        VIEWER = "viewer", _("Viewer")

        @classmethod
        def rank(cls, role: str | None) -> int:
            # A provider reads like a viewer; it edits only its own organisation's offerings,
            # which the offerings app checks on the offering itself.
            ranks = {cls.VIEWER: 1, cls.PROVIDER: 1, cls.STAFF: 2, cls.COORDINATOR: 3}
            return ranks.get(role, 0)  # type: ignore[call-overload]

        @classmethod
        def allows(cls, role: str | None, required: str) -> bool:
            """Roles are ordered: a coordinator may do what staff may, staff what viewers may."""
            return role is not None and cls.rank(role) >= cls.rank(required)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    district = models.ForeignKey(
        District, models.CASCADE, related_name="memberships", verbose_name=_("district")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role, default=Role.VIEWER)
    stakeholder = models.ForeignKey(
        "districts.Stakeholder",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="provider_memberships",
        verbose_name=_("organisation"),
        help_text=_(
            "For providers: the organisation whose offerings this person keeps up to date."
        ),
    )
    publishes_directly = models.BooleanField(
        _("publishes without review"),
        default=False,
        help_text=_("For providers: changes show to everyone at once instead of after review."),
    )
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["district", "user__last_name", "user__first_name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "district"], name="one_membership_per_district")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.district} ({self.get_role_display()})"

    def is_last_coordinator(self) -> bool:
        """A district must keep one coordinator, or nobody can manage its members."""
        return (
            self.role == self.Role.COORDINATOR
            and not Membership.objects.for_district(self.district)
            .coordinators()
            .exclude(pk=self.pk)
            .exists()
        )
