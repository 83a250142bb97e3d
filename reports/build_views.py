"""Building a snapshot from the page: the form, the progress page and its JSON for polling.

The view creates the snapshot row first and the task fills it (the export pattern), so the
progress page can follow the row: by JavaScript every second, without it by a meta refresh.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import FormView, TemplateView

from districts.models import District, Membership
from districts.scoping import DistrictMixin, resolve_district
from reports.build_forms import SnapshotBuildForm
from reports.models import ReportSnapshot
from reports.services import snapshot_request
from surveys.models import Survey


def dashboard_url(snapshot: ReportSnapshot) -> str:
    url = reverse(
        "reports:survey_dashboard",
        kwargs={"district": snapshot.district.slug, "survey": snapshot.survey_id},
    )
    return f"{url}?snapshot={snapshot.pk}"


def status_url(snapshot: ReportSnapshot) -> str:
    return reverse(
        "reports:snapshot_status",
        kwargs={"district": snapshot.district.slug, "snapshot": snapshot.pk},
    )


class BuildView(DistrictMixin, FormView):
    """Coordinators choose period, collection points and group size, then start the build."""

    form_class = SnapshotBuildForm
    template_name = "reports/build_form.html"
    required_role = Membership.Role.COORDINATOR
    survey: Survey

    def get_district(self) -> District:
        district = super().get_district()
        # Another district's survey is a 404, like a survey that does not exist.
        self.survey = get_object_or_404(
            Survey.objects.for_district(district), pk=self.kwargs["survey"]
        )
        return district

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "survey": self.survey}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "survey": self.survey,
            "responses": self.survey.responses.count(),
            "in_progress": ReportSnapshot.objects.in_progress().filter(survey=self.survey).first(),
        }

    def form_valid(self, form: SnapshotBuildForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            snapshot = snapshot_request(
                survey=self.survey,
                by=self.request.user,
                kind=ReportSnapshot.Kind.MANUAL,
                period_start=data["period_start"],
                period_end=data["period_end"],
                collection_points=data["collection_points"],
                min_group_size=data["min_group_size"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return redirect(status_url(snapshot))


def _snapshot(request: HttpRequest, district_slug: str, pk: int) -> ReportSnapshot:
    district = resolve_district(request, district_slug, Membership.Role.VIEWER)
    return get_object_or_404(
        ReportSnapshot.objects.for_district(district).select_related("district", "survey"), pk=pk
    )


class SnapshotStatusView(DistrictMixin, TemplateView):
    """Progress while the snapshot is built, the reason when it failed, the dashboard once ready."""

    template_name = "reports/snapshot_status.html"
    snapshot: ReportSnapshot

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.snapshot = get_object_or_404(
            ReportSnapshot.objects.for_district(self.district).select_related("district", "survey"),
            pk=kwargs["snapshot"],
        )
        if self.snapshot.is_ready:
            return redirect(dashboard_url(self.snapshot))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        snapshot = self.snapshot
        return {
            **super().get_context_data(**kwargs),
            "snapshot": snapshot,
            "survey": snapshot.survey,
            "may_build": Membership.Role.allows(self.district_role, Membership.Role.COORDINATOR),
            "json_url": reverse(
                "reports:snapshot_status_json",
                kwargs={"district": self.district.slug, "snapshot": snapshot.pk},
            ),
            "dashboard_url": dashboard_url(snapshot),
        }


@require_safe
@login_required
def snapshot_status_json(request: HttpRequest, district: str, snapshot: int) -> JsonResponse:
    """What the progress page polls: status, percent, step, reason, where to go when ready."""
    row = _snapshot(request, district, snapshot)
    return JsonResponse(
        {
            "status": row.status,
            "progress": row.progress,
            "step": row.progress_step,
            "reason": row.failure_reason,
            "dashboard_url": dashboard_url(row) if row.is_ready else None,
        },
        headers={"Cache-Control": "no-store"},
    )
