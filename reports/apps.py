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

        from django.db.models.signals import post_delete, post_save

        from reports.public_state import forget_states

        # The public pages' publication state, kept a few seconds per process: this process
        # sees a publication, withdrawal or finished PDF at once.
        for model in (
            "reports.ReportSnapshot",
            "reports.PublicationEvent",
            "reports.ReportDocument",
            "districts.District",
        ):
            for signal in (post_save, post_delete):
                signal.connect(forget_states, sender=model, dispatch_uid=f"forget-states-{model}")
