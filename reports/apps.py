from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from reports.signals import build_final_snapshot
        from surveys.models import Survey
        from surveys.signals import survey_closed

        survey_closed.connect(
            build_final_snapshot, sender=Survey, dispatch_uid="reports_final_snapshot"
        )
