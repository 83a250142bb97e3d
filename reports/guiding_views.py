"""The five guiding questions page: every member of the district reads it, viewers included."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.views.generic import TemplateView

from districts.scoping import DistrictMixin
from reports.guiding import guiding_answers


class GuidingQuestionsView(DistrictMixin, TemplateView):
    template_name = "reports/guiding_questions.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "answers": guiding_answers(self.district, timezone.localdate()),
        }
