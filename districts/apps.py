from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistrictsConfig(AppConfig):
    name = "districts"
    verbose_name = _("Districts")

    def ready(self) -> None:
        # The project's own system checks (Chromium for the PDF charts, Redis) register here,
        # the first app to load: mitwirkung/ itself is no app.
        from mitwirkung import checks  # noqa: F401
