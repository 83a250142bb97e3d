"""One-time access codes of a survey: staff make batches and print them on slips.

Staff only, reading included: an unused code is a key to the survey.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from districts.models import Membership
from surveys.access_code_forms import AccessCodeBatchForm
from surveys.collection_views import SurveyMixin
from surveys.models import AccessCodeBatch, Survey


def batches_with_counts(survey: Survey) -> QuerySet[AccessCodeBatch]:
    """The survey's batches with `used` and `unused` counted in the database."""
    return (
        survey.access_code_batches.select_related(
            "collection_point__offering", "collection_point__place", "created_by"
        )
        .annotate(
            used=Count("codes", filter=Q(codes__is_used=True)),
            unused=Count("codes", filter=Q(codes__is_used=False)),
        )
        # Meta.ordering is left out of GROUP BY queries: the newest batch first, explicitly.
        .order_by("-created_at", "-pk")
    )


class AccessCodesView(SurveyMixin, TemplateView):
    required_role = Membership.Role.STAFF
    template_name = "surveys/access_codes.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.survey.status == Survey.Status.ARCHIVED:
            return self.render_to_response(self.get_context_data(refused=True), status=400)
        form = AccessCodeBatchForm(request.POST, district=self.district, survey=self.survey)
        if not form.is_valid():
            status = 400 if form.tampered else 200
            return self.render_to_response(self.get_context_data(form=form), status=status)
        batch = form.save(created_by=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)s access code has been made. Print the slips and hand out one per family.",
                "%(count)s access codes have been made. Print the slips and hand out one per family.",
                batch.size,
            )
            % {"count": batch.size},
        )
        url = reverse(
            "surveys:access_codes",
            kwargs={"district": self.district.slug, "survey": self.survey.pk},
        )
        return redirect(f"{url}#batch-{batch.pk}")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        batches = list(batches_with_counts(self.survey))
        archived = self.survey.status == Survey.Status.ARCHIVED
        form = kwargs.get("form")
        if form is None and not archived:
            form = AccessCodeBatchForm(district=self.district, survey=self.survey)
        return {
            **context,
            "batches": batches,
            "form": form,
            "archived": archived,
            "total_used": sum(batch.used for batch in batches),
            "total_unused": sum(batch.unused for batch in batches),
        }
