from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "mitwirkung.legal"
    label = "legal"
    verbose_name = _("Legal pages and accessibility feedback")
