"""The PDFs of a snapshot: a status page to build and fetch one, its JSON, the file itself.

Members of the district see and download every document of their snapshots; staff and
coordinators may have one built (a PDF publishes nothing: it is made from the snapshot's
frozen tables and stays inside the district until a coordinator publishes the snapshot).
The public gets a document only through `published_snapshot`, so a withdrawn report's PDF
is gone the moment it is withdrawn.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from districts.models import Membership
from districts.scoping import DistrictMixin
from reports import public_cache, public_state
from reports.documents.requests import document_request
from reports.lookups import member_snapshot, parse_document_slug
from reports.models import ReportDocument, ReportSnapshot
from surveys.pdf import pdf_response

BUILD_ROLE = Membership.Role.STAFF


def _document(snapshot: ReportSnapshot, slug: str) -> ReportDocument | None:
    kind, language = parse_document_slug(slug)
    return (
        ReportDocument.objects.without_pdf()
        .filter(snapshot=snapshot, kind=kind, language=language)
        .first()
    )


def _ready_pdf(snapshot: ReportSnapshot, slug: str) -> ReportDocument:
    """The ready document with its bytes; anything else (missing, building, failed) is a 404."""
    kind, language = parse_document_slug(slug)
    document = (
        ReportDocument.objects.ready()
        .filter(snapshot=snapshot, kind=kind, language=language)
        .first()
    )
    if document is None:
        raise Http404("document")
    return document


def document_url(snapshot: ReportSnapshot, slug: str) -> str:
    return reverse(
        "reports:document",
        kwargs={"district": snapshot.district.slug, "snapshot": snapshot.pk, "document": slug},
    )


class DocumentView(DistrictMixin, TemplateView):
    """GET: the document's state (progress, reason, download). POST: have it built."""

    template_name = "reports/documents/status.html"
    http_method_names = ["get", "head", "post"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        snapshot = member_snapshot(self.request, self.kwargs["district"], self.kwargs["snapshot"])
        slug = self.kwargs["document"]
        kind, language = parse_document_slug(slug)
        document = _document(snapshot, slug)
        return {
            **super().get_context_data(**kwargs),
            "snapshot": snapshot,
            "survey": snapshot.survey,
            "document": document,
            "slug": slug,
            "kind_name": ReportDocument.Kind(kind).label,
            "language_name": ReportDocument.Language(language).label,
            "may_build": Membership.Role.allows(self.district_role, BUILD_ROLE),
            "building": document is not None and not document.is_finished,
            "json_url": reverse(
                "reports:document_status_json",
                kwargs={
                    "district": snapshot.district.slug,
                    "snapshot": snapshot.pk,
                    "document": slug,
                },
            ),
            "pdf_url": reverse(
                "reports:document_pdf",
                kwargs={
                    "district": snapshot.district.slug,
                    "snapshot": snapshot.pk,
                    "document": slug,
                },
            ),
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        snapshot = member_snapshot(request, kwargs["district"], kwargs["snapshot"], BUILD_ROLE)
        kind, language = parse_document_slug(kwargs["document"])
        try:
            document = document_request(
                snapshot=snapshot, kind=kind, language=language, by=request.user
            )
        except ValidationError as error:
            context = self.get_context_data(**kwargs)
            context["error"] = " ".join(error.messages)
            return self.render_to_response(context, status=400)
        if document.is_ready:
            messages.info(request, gettext("This PDF is ready; here it is."))
        return redirect(document_url(snapshot, kwargs["document"]))


@require_safe
@login_required
def document_status_json(
    request: HttpRequest, district: str, snapshot: int, document: str
) -> JsonResponse:
    """What the status page polls; `dashboard_url` is where report-progress.js goes when ready."""
    row = member_snapshot(request, district, snapshot)
    found = _document(row, document)
    if found is None:
        return JsonResponse({"status": "none", "progress": 0, "step": "", "reason": ""})
    return JsonResponse(
        {
            "status": found.status,
            "progress": found.progress,
            "step": found.progress_step,
            "reason": found.failure_reason,
            "dashboard_url": document_url(row, document) if found.is_ready else None,
        },
        headers={"Cache-Control": "no-store"},
    )


@require_safe
@login_required
def document_pdf(request: HttpRequest, district: str, snapshot: int, document: str) -> HttpResponse:
    """A member's download: any ready PDF of a snapshot of their district."""
    row = member_snapshot(request, district, snapshot)
    found = _ready_pdf(row, document)
    return pdf_response(bytes(found.pdf), found.filename)


@require_safe
def public_document_pdf(
    request: HttpRequest, district: str, snapshot: int, document: str
) -> HttpResponseBase:
    """A published snapshot's ready PDF, for everyone.

    Its bytes never change, but a withdrawal must take effect at once: caches may keep the
    file only if they ask again each time (no-cache), and the ETag (its SHA-256) makes that
    answer a 304. The bytes come from the shared cache after the first download.
    """
    kind, language = parse_document_slug(document)
    version = public_state.document_version(district, snapshot, kind=kind, language=language)

    def pdf() -> HttpResponse:
        document_id = version.parts[0]
        found = ReportDocument.objects.only("pdf", "kind", "language", "snapshot_id").get(
            pk=document_id
        )
        return pdf_response(bytes(found.pdf), found.filename)

    return public_cache.respond(request, version, pdf)
