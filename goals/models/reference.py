"""Berlin-wide reference data: the goal system and the shared vocabularies."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from districts.models import Vocabulary


class FieldOfAction(Vocabulary):
    """The four fields of action of the Berlin strategy (Teilhabe, Bildung, …)."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")


class StrategicGoal(Vocabulary):
    """One of the Berlin strategy's strategic goals, below a field of action; editable."""

    field_of_action = models.ForeignKey(
        FieldOfAction,
        models.PROTECT,
        related_name="strategic_goals",
        verbose_name=_("field of action"),
    )

    class Meta(Vocabulary.Meta):
        ordering = ["field_of_action__position", "position", "name_de"]
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")


class TargetGroup(Vocabulary):
    """Families receiving basic income support, single parents, … (goals and offerings)."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class LifePhase(Vocabulary):
    """A phase of the prevention chain: pregnancy and birth, 0–3, …, 18–27."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("life phase")
        verbose_name_plural = _("life phases")
