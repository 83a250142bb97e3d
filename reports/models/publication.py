"""Publishing a snapshot on the public pages, and the record of who did what, when."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.models.snapshot import ReportSnapshot


class PublicationEventQuerySet(models.QuerySet["PublicationEvent"]):
    def for_district(self, district: object) -> PublicationEventQuerySet:
        return self.filter(snapshot__district=district)


class PublicationEvent(models.Model):
    """One publish or withdraw of a snapshot. Rows are only ever added, never changed.

    `by_name` keeps the person's name when their account is deleted later: the record of
    who made a report public must outlive the account.
    """

    class Action(models.TextChoices):
        PUBLISH = "publish", _("Published")
        UNPUBLISH = "unpublish", _("Withdrawn")

    snapshot = models.ForeignKey(
        ReportSnapshot,
        models.PROTECT,
        related_name="publication_events",
        verbose_name=_("report snapshot"),
    )
    action = models.CharField(_("what was done"), max_length=10, choices=Action)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    by_name = models.CharField(_("name"), max_length=300, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    objects = PublicationEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("publication event")
        verbose_name_plural = _("publication events")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.snapshot_id} ({self.at:%Y-%m-%d})"


def _name_of(user: object) -> str:
    full = getattr(user, "get_full_name", lambda: "")() or ""
    return (full or getattr(user, "get_username", lambda: "")() or "")[:300]


def publish(snapshot: ReportSnapshot, *, by: object) -> PublicationEvent:
    """Make a ready snapshot public; a conditional UPDATE, so two clicks publish once."""
    if snapshot.status != ReportSnapshot.Status.READY:
        raise ValidationError(_("Only a finished report can be published."), code="not_ready")
    now = timezone.now()
    with transaction.atomic():
        # One publication per survey at a time: two reports published at once could each
        # pass the check below without the other.
        list(
            ReportSnapshot.objects.select_for_update()
            .filter(survey_id=snapshot.survey_id)
            .values_list("pk", flat=True)
        )
        _check_protected_together(snapshot)
        changed = ReportSnapshot.objects.filter(
            pk=snapshot.pk, status=ReportSnapshot.Status.READY, published_at__isnull=True
        ).update(published_at=now, published_by=by)
        if not changed:
            raise ValidationError(_("This report is already published."), code="published")
        event = PublicationEvent.objects.create(
            snapshot=snapshot,
            action=PublicationEvent.Action.PUBLISH,
            by=by,
            by_name=_name_of(by),
            at=now,
        )
    snapshot.published_at, snapshot.published_by = now, by  # type: ignore[assignment]
    return event


def _check_protected_together(snapshot: ReportSnapshot) -> None:
    """Publishing may not let two public reports of a survey be subtracted from each other."""
    if "disclosure" not in (snapshot.tables or {}):
        raise ValidationError(
            _(
                "This report was built before small numbers were protected across all tables. "
                "Please build it again, then publish the new one."
            ),
            code="not_protected",
        )
    others = snapshot.not_protected_with()
    if others:
        names = ", ".join(f"#{other.pk}" for other in others)
        blocked = set(snapshot.tables["disclosure"].get("blocked_by", []))
        if blocked & {other.pk for other in others}:
            raise ValidationError(
                _(
                    "Since report %(others)s of this survey was published, too few families "
                    "have answered (or too few in some group) to publish this report next to "
                    "it: the difference between the two would show numbers of fewer than "
                    "%(size)s families. Build a new report once more families have answered."
                )
                % {"others": names, "size": snapshot.min_group_size},
                code="too_few_new",
            )
        raise ValidationError(
            _(
                "This report was built before report %(others)s of the same survey was "
                "published, so its hidden numbers were not protected together with that "
                "one's. Please build it again, then publish the new one."
            )
            % {"others": names},
            code="not_protected_together",
        )


def publish_blocker(snapshot: ReportSnapshot) -> str:
    """Why this ready report cannot be published next to the survey's public ones; ""."""
    try:
        _check_protected_together(snapshot)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def unpublish(snapshot: ReportSnapshot, *, by: object, reason: str = "") -> PublicationEvent:
    """Take a snapshot off the public pages; its record of publication stays."""
    now = timezone.now()
    with transaction.atomic():
        changed = ReportSnapshot.objects.filter(pk=snapshot.pk, published_at__isnull=False).update(
            published_at=None, published_by=None
        )
        if not changed:
            raise ValidationError(_("This report is not published."), code="not_published")
        event = PublicationEvent.objects.create(
            snapshot=snapshot,
            action=PublicationEvent.Action.UNPUBLISH,
            by=by,
            by_name=_name_of(by),
            at=now,
            reason=reason[:500],
        )
    snapshot.published_at, snapshot.published_by = None, None
    return event
