from __future__ import annotations

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Vocabulary(models.Model):
    """A managed list (sectors, target groups, life phases …): rows, so districts can extend them.

    Names are data, not gettext: German is required, English optional.
    """

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        abstract = True
        ordering = ["position", "name_de"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_de


class Language(Vocabulary):
    """A language families speak or an offering is available in; `key` is its code (de, tr, ar …)."""

    right_to_left = models.BooleanField(_("written right to left"), default=False)

    class Meta(Vocabulary.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")
