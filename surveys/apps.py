from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from surveys import family_cache

        # Other processes see such a change within SURVEY_POINT_CACHE_SECONDS; this one at once.
        for model in ("surveys.Survey", "surveys.CollectionPoint", "districts.District"):
            for signal in (post_save, post_delete):
                signal.connect(
                    family_cache.forget_points, sender=model, dispatch_uid=f"forget-points-{model}"
                )
