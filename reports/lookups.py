"""Finding a snapshot for a request: members through the district scoping, the public only
when it is published. Every view of the reports app that takes a snapshot id uses these."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from districts.models import District, Membership
from districts.scoping import resolve_district
from reports.models import ReportDocument, ReportSnapshot

# URL value of a document: "<kind>-<language>", German words for the German addresses.
DOCUMENT_SLUGS: dict[str, tuple[str, str]] = {
    f"{stem}-{language}": (kind, language)
    for kind, stem in (
        (ReportDocument.Kind.REPORT, "bericht"),
        (ReportDocument.Kind.BRIEF, "kurzfassung"),
    )
    for language in ("de", "en")
}


def document_slug(kind: str, language: str) -> str:
    return next(slug for slug, value in DOCUMENT_SLUGS.items() if value == (kind, language))


def parse_document_slug(slug: str) -> tuple[str, str]:
    """("report", "de") for "bericht-de"; an unknown value is a 404 like a missing page."""
    try:
        return DOCUMENT_SLUGS[slug]
    except KeyError:
        raise Http404("document") from None


def member_snapshot(
    request: HttpRequest, district_slug: str, pk: int, role: str = Membership.Role.VIEWER
) -> ReportSnapshot:
    """A snapshot of a district the user belongs to with at least `role`; else 404/403."""
    district = resolve_district(request, district_slug, role)
    return get_object_or_404(
        ReportSnapshot.objects.for_district(district).select_related("district", "survey"), pk=pk
    )


def published_snapshot(district_slug: str, pk: int) -> ReportSnapshot:
    """A published snapshot for the public pages; drafts and withdrawn ones are a 404."""
    district = get_object_or_404(District, slug=district_slug)
    return get_object_or_404(
        ReportSnapshot.objects.for_district(district)
        .published()
        .select_related("district", "survey"),
        pk=pk,
    )
