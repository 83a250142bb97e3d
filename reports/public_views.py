"""The public transparency pages below /transparenz/: what districts chose to publish.

No login, GET only. Every snapshot comes through `published_snapshot` or the `published()`
queryset, so a draft, an unfinished build or a withdrawn report is a 404 like a page that
never existed. The pages show the snapshot's frozen tables only (already suppressed): no
free text, no contact data, no live numbers.

Because a published snapshot never changes, each page is rendered once per publication and
language and then served from the cache, with ETag and Last-Modified (reports/public_cache.py).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models.fields.json import KeyTransform
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from reports import public_cache, public_state
from reports.dashboard import CellView, date_text
from reports.documents.content import report_context
from reports.exports.tables import table_catalogue
from reports.lookups import DOCUMENT_SLUGS, document_slug, published_snapshot
from reports.models import ReportDocument, ReportSnapshot

# Files first in the order a reader wants them: the full report, then the brief.
DOCUMENT_ORDER = list(DOCUMENT_SLUGS)


def page_language() -> str:
    """The language the page is read in; reports exist in German and English only."""
    language = (translation.get_language() or "de")[:2]
    return language if language in ("de", "en") else "de"


def document_label(kind: str, language: str) -> str:
    return f"{ReportDocument.Kind(kind).label} ({ReportDocument.Language(language).label})"


def ready_documents(snapshot_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The finished PDFs per snapshot, in one query and without the files themselves."""
    rows = (
        ReportDocument.objects.ready()
        .filter(snapshot_id__in=snapshot_ids)
        .values("snapshot_id", "kind", "language", "pages", "size")
    )
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        found[row["snapshot_id"]].append(
            {**row, "slug": document_slug(row["kind"], row["language"])}
        )
    for documents in found.values():
        documents.sort(key=lambda d: DOCUMENT_ORDER.index(d["slug"]))
    return found


def data_links(url_name: str, snapshot: ReportSnapshot) -> dict[str, Any]:
    """JSON, XLSX and one CSV per table, for `transparency:` or `reports:` addresses."""
    kwargs = {"district": snapshot.district.slug, "snapshot": snapshot.pk}
    # Headers and markers follow the reader's language; German is the files' default.
    suffix = "?lang=en" if page_language() == "en" else ""
    return {
        "json": reverse(f"{url_name}:export_json", kwargs=kwargs) + suffix,
        "xlsx": reverse(f"{url_name}:export_xlsx", kwargs=kwargs) + suffix,
        "csv": [
            (title, reverse(f"{url_name}:export_csv", kwargs={**kwargs, "table": slug}) + suffix)
            for slug, title in table_catalogue()
        ],
    }


def document_links(
    url_name: str, snapshot: ReportSnapshot, documents: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    kwargs = {"district": snapshot.district.slug, "snapshot": snapshot.pk}
    return [
        {
            **document,
            "label": document_label(document["kind"], document["language"]),
            "url": reverse(
                f"{url_name}:document_pdf", kwargs={**kwargs, "document": document["slug"]}
            ),
            "lang": document["language"],
        }
        for document in documents
    ]


def public_path(snapshot: ReportSnapshot) -> str:
    return reverse(
        "transparency:report",
        kwargs={"district": snapshot.district.slug, "snapshot": snapshot.pk},
    )


def meta_summary(meta: dict[str, Any], snapshot: ReportSnapshot) -> dict[str, Any]:
    """Title, period and families of a snapshot as its frozen tables name them."""
    min_size = int(meta.get("min_group_size") or snapshot.min_group_size)
    return {
        # The title as it was when the numbers were counted; a later rename does not apply.
        "title": meta.get("survey_title") or snapshot.survey.title,
        "first_answer": date_text(meta.get("first_answer_on")),
        "last_answer": date_text(meta.get("last_answer_on")),
        "respondents": CellView.of(meta.get("respondents"), min_size),
        "min_size": min_size,
        "is_demo": bool(meta.get("is_demo")) or snapshot.is_demo,
    }


def report_page_context(
    request: HttpRequest, snapshot: ReportSnapshot, *, url_name: str
) -> dict[str, Any]:
    """What the public report page shows; the members' preview renders the same.

    The body comes from the PDF's own content (reports/documents/content.py) so the page and
    the PDF cannot disagree. It is rendered on its own, so none of its keys reach the site
    layout (a key "district" there would switch on the members' navigation).
    """
    content = report_context(snapshot, language=page_language(), chart_mode="js")
    body = render_to_string("reports/documents/_report_body.html", content, request=request)
    documents = ready_documents([snapshot.pk]).get(snapshot.pk, [])
    return {
        "snapshot": snapshot,
        "public_district": snapshot.district,
        "summary": meta_summary(snapshot.tables.get("meta", {}), snapshot),
        "report_body": body,
        "sections": content.get("sections", []),
        "documents": document_links(url_name, snapshot, documents),
        "data": data_links(url_name, snapshot),
        "public_url": request.build_absolute_uri(public_path(snapshot)),
    }


@require_safe
def index(request: HttpRequest) -> HttpResponseBase:
    """Districts that have published something, with how many reports and the newest date."""
    districts, version = public_state.published_districts(language=public_cache.page_language())
    return public_cache.respond(
        request,
        version,
        lambda: render(request, "reports/public/index.html", {"districts": districts}),
    )


@require_safe
def district(request: HttpRequest, district: str) -> HttpResponseBase:
    """One district's published reports, newest first, with their files."""
    place, version = public_state.district_with_version(
        district, language=public_cache.page_language()
    )

    def page() -> HttpResponse:
        snapshots = list(
            ReportSnapshot.objects.for_district(place)
            .published()
            .select_related("survey")
            # The list needs the header of the tables only, not every number.
            .defer("tables")
            .annotate(meta=KeyTransform("meta", "tables"))
            .order_by("-published_at", "-pk")
        )
        documents = ready_documents([s.pk for s in snapshots])
        entries = []
        for snapshot in snapshots:
            snapshot.district = place
            entries.append(
                {
                    "snapshot": snapshot,
                    "summary": meta_summary(snapshot.meta or {}, snapshot),  # type: ignore[attr-defined]
                    "url": public_path(snapshot),
                    "documents": document_links(
                        "transparency", snapshot, documents.get(snapshot.pk, [])
                    ),
                    "data": data_links("transparency", snapshot),
                }
            )
        return render(
            request,
            "reports/public/district.html",
            {"public_district": place, "entries": entries},
        )

    return public_cache.respond(request, version, page)


@require_safe
def report(request: HttpRequest, district: str, snapshot: int) -> HttpResponseBase:
    """The report of one published snapshot as a web page, with its PDFs and data files."""
    version = public_state.report_version(district, snapshot, language=public_cache.page_language())

    def page() -> HttpResponse:
        row = published_snapshot(district, snapshot)
        context = report_page_context(request, row, url_name="transparency")
        context["page_title"] = gettext("Transparency report")
        return render(request, "reports/public/report.html", context)

    return public_cache.respond(request, version, page)
