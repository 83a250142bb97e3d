"""Tablet mode on the collection points page: {% tablet_link point as url %} (the signed
link, for staff) and {% qr_code url %} (to scan it with the tablet instead of typing it)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import mark_safe

from surveys.models import CollectionPoint
from surveys.qr import qr_svg
from surveys.tablet import tablet_path

register = template.Library()


@register.simple_tag(takes_context=True)
def tablet_link(context: dict[str, Any], point: CollectionPoint) -> str:
    request = context.get("request")
    path = tablet_path(point)
    return request.build_absolute_uri(path) if request is not None else path


@register.simple_tag
def qr_code(url: str) -> str:
    """The URL as an inline SVG QR code, to scan with the tablet's camera."""
    # segno's own markup; the URL is encoded in the QR modules, not written into the SVG.
    return mark_safe(qr_svg(url, scale=3, sized=True))  # nosec B308 B703
