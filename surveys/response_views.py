"""The staff view of a survey's responses, and the coordinator's export."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from districts.models import Membership
from districts.scoping import resolve_district
from surveys.collection_views import SurveyMixin
from surveys.export import response_table, write_csv, write_xlsx
from surveys.export_detail import uniqueness
from surveys.models import Survey
from surveys.response_stats import (
    collection_points_with_counts,
    completion_rate,
    daily_counts,
    language_mix,
    response_window,
)

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ResponsesView(SurveyMixin, TemplateView):
    """Participation numbers for every member; the language mix under the small-cell rule."""

    template_name = "surveys/responses.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        points = list(collection_points_with_counts(self.survey))
        for point in points:
            point.completion = completion_rate(point.link_responses, point.starts)
        first_day, last_day = response_window(self.survey, timezone.localdate())
        is_coordinator = self.district.has_role(self.request.user, Membership.Role.COORDINATOR)
        return {
            **context,
            "uniqueness": uniqueness(self.survey) if is_coordinator else None,
            "collection_points": points,
            "total": sum(point.response_count for point in points),
            "days": daily_counts(self.survey, points, first_day, last_day),
            "languages": language_mix(self.survey),
        }


@login_required
def export(request: HttpRequest, district: str, survey: int, kind: str) -> HttpResponse:
    """Every response as CSV or XLSX; coordinators only (free text only when read)."""
    scoped = resolve_district(request, district, Membership.Role.COORDINATOR)
    found = get_object_or_404(Survey.objects.for_district(scoped), pk=survey)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    # Coarsened unless the coordinator asks for the answers as given (?detail=exact).
    exact = request.GET.get("detail") == "exact"
    header, rows = response_table(found, coarse=not exact)
    if kind == "xlsx":
        data = write_xlsx(header, rows, title=_("Responses"))
    else:
        data = write_csv(header, rows)
    detail = "genau" if exact else "vergroebert"
    filename = f"umfrage-{found.pk}-antworten-{detail}-{timezone.localdate().isoformat()}.{kind}"
    response = HttpResponse(data, content_type=FORMATS[kind])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
