"""Sharing one snapshot: its PDFs and data files, its publication, and the record of both.

Coordinators publish and withdraw; any member may see the share page and the preview of the
public page. The rules (only ready snapshots, once, a record of every step) live in
reports/models/publication.py; these views ask for confirmation and report the outcome.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.views.generic import FormView, TemplateView

from districts.models import District, Membership
from districts.scoping import DistrictMixin
from reports.documents.requests import document_request
from reports.exports.tables import table_catalogue
from reports.lookups import DOCUMENT_SLUGS, member_snapshot
from reports.models import Decision, PublicationEvent, ReportDocument, ReportSnapshot
from reports.models.publication import publish_blocker
from reports.public_views import (
    data_links,
    document_label,
    meta_summary,
    public_path,
    ready_documents,
    report_page_context,
)
from reports.publish_forms import PublishForm, UnpublishForm

# Built on publication, so the public page offers a PDF from the first day.
PUBLISHED_DOCUMENTS = (
    (ReportDocument.Kind.REPORT, "de"),
    (ReportDocument.Kind.BRIEF, "de"),
)


def share_url(snapshot: ReportSnapshot) -> str:
    return reverse(
        "reports:snapshot_share",
        kwargs={"district": snapshot.district.slug, "snapshot": snapshot.pk},
    )


class SnapshotMixin(DistrictMixin):
    """Resolves district and snapshot together, through the one scoping of the reports app."""

    snapshot: ReportSnapshot

    def get_district(self) -> District:
        self.snapshot = member_snapshot(
            self.request, self.kwargs["district"], self.kwargs["snapshot"], self.required_role
        )
        return self.snapshot.district

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        snapshot = self.snapshot
        return {
            **super().get_context_data(**kwargs),
            "snapshot": snapshot,
            "survey": snapshot.survey,
            "summary": meta_summary(snapshot.tables.get("meta", {}), snapshot),
            "public_url": self.request.build_absolute_uri(public_path(snapshot)),
        }


class SnapshotShareView(SnapshotMixin, TemplateView):
    """ "Share and publish": PDFs, data files, publication state and its history."""

    template_name = "reports/share.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        snapshot = self.snapshot
        existing = {
            (d.kind, d.language): d
            for d in ReportDocument.objects.without_pdf().filter(snapshot=snapshot)
        }
        documents = []
        for slug, (kind, language) in DOCUMENT_SLUGS.items():
            kwargs = {"district": self.district.slug, "snapshot": snapshot.pk, "document": slug}
            documents.append(
                {
                    "label": document_label(kind, language),
                    "lang": language,
                    "row": existing.get((kind, language)),
                    "page_url": reverse("reports:document", kwargs=kwargs),
                    "pdf_url": reverse("reports:document_pdf", kwargs=kwargs),
                }
            )
        in_report = [entry["title"] for entry in (snapshot.tables or {}).get("changes", [])]
        public_now = (
            Decision.objects.for_district(self.district)
            .public()
            .filter(status__in=[Decision.Status.DONE, Decision.Status.IN_PROGRESS])
        )
        return {
            **super().get_context_data(**kwargs),
            "changes_in_report": in_report,
            # Marked public since this report was built: they reach the next one built.
            "changes_missing": public_now.exclude(title__in=in_report).count(),
            "documents": documents,
            "data": data_links("reports", snapshot) if snapshot.is_ready else None,
            "events": list(PublicationEvent.objects.filter(snapshot=snapshot)),
            "may_build": Membership.Role.allows(self.district_role, Membership.Role.STAFF),
            "may_publish": Membership.Role.allows(self.district_role, Membership.Role.COORDINATOR),
        }


class PublicPreviewView(SnapshotMixin, TemplateView):
    """The public report page as the public would see it, for members, before publishing."""

    template_name = "reports/public/report.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.snapshot.is_ready:
            messages.info(request, gettext("The report is not finished yet."))
            return redirect(share_url(self.snapshot))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # Files through the members' addresses: the public ones answer only once published.
        context.update(report_page_context(self.request, self.snapshot, url_name="reports"))
        context.update({"preview": True, "page_title": gettext("Preview")})
        return context


class PublishView(SnapshotMixin, FormView):
    """GET: exactly what becomes public, and a tick box. POST: publish and order the PDFs."""

    template_name = "reports/publish_confirm.html"
    form_class = PublishForm
    required_role = Membership.Role.COORDINATOR

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.snapshot.is_published:
            messages.info(request, gettext("This report is already published."))
            return redirect(share_url(self.snapshot))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        snapshot = self.snapshot
        ready = {d["slug"] for d in ready_documents([snapshot.pk]).get(snapshot.pk, [])}
        documents = []
        for slug, (kind, language) in DOCUMENT_SLUGS.items():
            ordered = (kind, language) in PUBLISHED_DOCUMENTS
            if slug in ready or ordered:
                documents.append({"label": document_label(kind, language), "ready": slug in ready})
        in_report = [entry["title"] for entry in (snapshot.tables or {}).get("changes", [])]
        public_now = (
            Decision.objects.for_district(self.district)
            .public()
            .filter(status__in=[Decision.Status.DONE, Decision.Status.IN_PROGRESS])
        )
        return {
            **super().get_context_data(**kwargs),
            "changes_in_report": in_report,
            # Marked public since this report was built: they reach the next one built.
            "changes_missing": public_now.exclude(title__in=in_report).count(),
            "documents": documents,
            "tables": table_catalogue() if snapshot.is_ready else [],
            "preview_url": reverse(
                "reports:public_preview",
                kwargs={"district": self.district.slug, "snapshot": snapshot.pk},
            ),
            "share_url": share_url(snapshot),
            "blocker": publish_blocker(snapshot) if snapshot.is_ready else "",
        }

    def form_invalid(self, form: PublishForm) -> HttpResponse:
        # Without the tick nothing is published; 400 says so to scripts as well.
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form: PublishForm) -> HttpResponse:
        snapshot = self.snapshot
        try:
            with transaction.atomic():
                snapshot.publish(by=self.request.user)
                for kind, language in PUBLISHED_DOCUMENTS:
                    document_request(
                        snapshot=snapshot, kind=kind, language=language, by=self.request.user
                    )
        except ValidationError as error:
            if error.code == "published":
                # A second click or a second tab: the report is public, which is what was asked.
                messages.info(self.request, gettext("This report is already published."))
                return redirect(share_url(snapshot))
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        # No address in the message: a long URL would overflow a phone screen; the page
        # below shows it where it can wrap.
        messages.success(
            self.request,
            gettext(
                "The report is published: everyone can now read it on the transparency pages. "
                "The German PDFs are being built and appear there when they are ready."
            ),
        )
        return redirect(share_url(snapshot))


class UnpublishView(SnapshotMixin, FormView):
    """GET: confirm, with an optional reason. POST: withdraw; the record of it stays."""

    template_name = "reports/unpublish_confirm.html"
    form_class = UnpublishForm
    required_role = Membership.Role.COORDINATOR

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.snapshot.is_published:
            messages.info(request, gettext("This report is not published."))
            return redirect(share_url(self.snapshot))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "share_url": share_url(self.snapshot)}

    def form_invalid(self, form: UnpublishForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form: UnpublishForm) -> HttpResponse:
        try:
            self.snapshot.unpublish(by=self.request.user, reason=form.cleaned_data["reason"])
        except ValidationError:
            # Already withdrawn (a second click or tab): the state asked for is reached.
            messages.info(self.request, gettext("This report is not published."))
            return redirect(share_url(self.snapshot))
        messages.success(
            self.request,
            gettext("The report is no longer public. Its history below records who withdrew it."),
        )
        return redirect(share_url(self.snapshot))
