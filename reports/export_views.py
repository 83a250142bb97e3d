"""Downloads of a snapshot's tables: JSON, XLSX and one CSV per table, for staff and public.

Staff may download any ready snapshot of their district; the public only published ones
(through `published_snapshot`, so a withdrawn report is a 404 at once). Both read the
frozen, already suppressed tables and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.views.decorators.http import require_safe

from reports import public_cache, public_state
from reports.exports.csv_export import write_table_csv
from reports.exports.json_export import write_json
from reports.exports.tables import BY_SLUG, export_tables
from reports.exports.xlsx_export import write_xlsx
from reports.lookups import member_snapshot, published_snapshot
from reports.models import ReportSnapshot

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_language(request: HttpRequest) -> str:
    """German unless ?lang=en: the files are German first like the pages."""
    return "en" if request.GET.get("lang") == "en" else "de"


def file_name(snapshot: ReportSnapshot, language: str, extension: str, table: str = "") -> str:
    parts = ["mitwirkung", snapshot.district.slug, str(snapshot.pk)]
    if table:
        parts.append(table)
    if language != "de":
        parts.append(language)
    return f"{'-'.join(parts)}.{extension}"


def _download(
    content: bytes, content_type: str, name: str, *, inline: bool = False
) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


def json_response(snapshot: ReportSnapshot, request: HttpRequest) -> HttpResponse:
    language = export_language(request)
    return _download(
        write_json(snapshot, language),
        "application/json; charset=utf-8",
        file_name(snapshot, language, "json"),
        inline=True,
    )


def xlsx_response(snapshot: ReportSnapshot, request: HttpRequest) -> HttpResponse:
    language = export_language(request)
    return _download(
        write_xlsx(snapshot, language), XLSX_TYPE, file_name(snapshot, language, "xlsx")
    )


def csv_response(snapshot: ReportSnapshot, request: HttpRequest, table: str) -> HttpResponse:
    if table not in BY_SLUG:
        raise Http404("table")
    language = export_language(request)
    (export,) = export_tables(snapshot.tables, language, only=table)
    return _download(
        write_table_csv(export, language),
        "text/csv; charset=utf-8",
        file_name(snapshot, language, "csv", table),
    )


def ready_member_snapshot(request: HttpRequest, district: str, snapshot: int) -> ReportSnapshot:
    found = member_snapshot(request, district, snapshot)
    if not found.is_ready:
        # A snapshot still being built (or failed) has no tables worth a file.
        raise Http404("snapshot not ready")
    return found


@require_safe
@login_required
def export_json(request: HttpRequest, district: str, snapshot: int) -> HttpResponse:
    return json_response(ready_member_snapshot(request, district, snapshot), request)


@require_safe
@login_required
def export_xlsx(request: HttpRequest, district: str, snapshot: int) -> HttpResponse:
    return xlsx_response(ready_member_snapshot(request, district, snapshot), request)


@require_safe
@login_required
def export_csv(request: HttpRequest, district: str, snapshot: int, table: str) -> HttpResponse:
    return csv_response(ready_member_snapshot(request, district, snapshot), request, table)


def _public_file(
    request: HttpRequest,
    district: str,
    snapshot: int,
    kind: str,
    make: Callable[[ReportSnapshot], HttpResponse],
    table: str = "",
) -> HttpResponseBase:
    """A published snapshot's file, from the shared cache after the first download.

    The file depends on the snapshot, its publication and `?lang` only; a withdrawn snapshot
    is a 404 before the cache is asked (reports/public_cache.py).
    """
    version = public_state.file_version(
        district, snapshot, kind=kind, language=export_language(request), name=table
    )
    return public_cache.respond(
        request, version, lambda: make(published_snapshot(district, snapshot))
    )


@require_safe
def public_export_json(request: HttpRequest, district: str, snapshot: int) -> HttpResponseBase:
    response = _public_file(
        request, district, snapshot, "json", lambda row: json_response(row, request)
    )
    # Open data: other sites' scripts may read published numbers (no cookies are involved).
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def public_export_xlsx(request: HttpRequest, district: str, snapshot: int) -> HttpResponseBase:
    return _public_file(
        request, district, snapshot, "xlsx", lambda row: xlsx_response(row, request)
    )


@require_safe
def public_export_csv(
    request: HttpRequest, district: str, snapshot: int, table: str
) -> HttpResponseBase:
    if table not in BY_SLUG:
        raise Http404("table")
    return _public_file(
        request,
        district,
        snapshot,
        "csv",
        lambda row: csv_response(row, request, table),
        table=table,
    )
