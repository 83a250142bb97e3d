"""Offerings as spreadsheets: export for every member, import with preview for staff."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from districts.models import Membership
from districts.scoping import DistrictMixin
from mitwirkung.pending_uploads import PendingUploads
from offerings.exchange import (
    COLUMNS,
    OfferingPlan,
    export_queryset,
    offering_import_apply,
    offering_import_plan,
    offering_rows,
    write_csv,
    write_xlsx,
)
from offerings.exchange.plan import UNCHANGED
from offerings.exchange_forms import OfferingImportForm
from offerings.models import Offering

SESSION_KEY = "offering_imports"
UPLOADS = PendingUploads(SESSION_KEY)
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _is_staff(role: str | None) -> bool:
    return Membership.Role.allows(role, Membership.Role.STAFF)


class ExchangeView(DistrictMixin, FormView):
    """The columns, the export buttons, and (staff and coordinators) the upload."""

    form_class = OfferingImportForm
    template_name = "offerings/exchange.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "district": self.district}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _is_staff(self.district_role):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "columns": COLUMNS,
            "may_import": _is_staff(self.district_role),
            "offering_count": Offering.objects.visible_to(self.request.user, self.district).count(),
        }

    def form_valid(self, form: OfferingImportForm) -> HttpResponse:
        UPLOADS.store(self.request, self.district, form.cleaned_data["file"])
        return redirect("offerings:exchange_preview", district=self.district.slug)


class ExportView(DistrictMixin, View):
    """What the member may see in the catalogue, as a file the import reads back."""

    http_method_names = ["get", "head", "options"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        kind = request.GET.get("format", "csv")
        if kind not in FORMATS:
            return HttpResponse(
                _("Unknown format: choose csv or xlsx."), status=400, content_type="text/plain"
            )
        rows = offering_rows(
            export_queryset(Offering.objects.visible_to(request.user, self.district))
        )
        data = write_xlsx(rows) if kind == "xlsx" else write_csv(rows)
        filename = f"angebote-{self.district.number}-{timezone.localdate().isoformat()}.{kind}"
        response = HttpResponse(data, content_type=FORMATS[kind])
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class ImportPreviewView(DistrictMixin, TemplateView):
    """Shows per row what the uploaded file would do; the import runs only on confirmation."""

    required_role = Membership.Role.STAFF
    template_name = "offerings/exchange_preview.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        loaded = self._load()
        if isinstance(loaded, HttpResponse):
            return loaded
        pending, data = loaded
        return self._render(pending, self._plan(data))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        loaded = self._load()
        if isinstance(loaded, HttpResponse):
            return loaded
        pending, data = loaded
        if request.POST.get("token") != pending["token"]:
            messages.warning(request, _("This preview is out of date. Please check it again."))
            return redirect("offerings:exchange_preview", district=self.district.slug)
        if request.POST.get("action") != "import":
            UPLOADS.forget(request, self.district)
            messages.info(request, _("The import was cancelled; nothing was changed."))
            return redirect("offerings:exchange", district=self.district.slug)
        with transaction.atomic():
            # Planned again inside the transaction: offerings may have changed since the preview.
            plan = self._plan(data)
            if not plan.is_clean:
                return self._render(pending, plan)
            offering_import_apply(plan=plan)
        UPLOADS.forget(request, self.district)
        messages.success(
            request,
            _("%(file)s was imported. %(summary)s")
            % {"file": pending["filename"], "summary": plan.summary()},
        )
        return redirect("offerings:exchange", district=self.district.slug)

    def _plan(self, data: bytes) -> OfferingPlan:
        return offering_import_plan(
            data=data,
            district=self.district,
            visible=Offering.objects.visible_to(self.request.user, self.district),
        )

    def _load(self) -> tuple[dict[str, Any], bytes] | HttpResponse:
        upload_url = reverse("offerings:exchange", kwargs={"district": self.district.slug})
        return UPLOADS.load(self.request, self.district, upload_url)

    def _render(self, pending: dict[str, Any], plan: OfferingPlan) -> HttpResponse:
        # Unchanged rows are only counted: a file of 300 rows shows what needs attention.
        shown_rows = [row for row in plan.rows if row.action != UNCHANGED]
        return self.render_to_response(
            self.get_context_data(pending=pending, plan=plan, shown_rows=shown_rows)
        )
