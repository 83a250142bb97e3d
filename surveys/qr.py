"""QR codes as inline SVG: drawn on the server, so no page or PDF loads an image from elsewhere."""

from __future__ import annotations

import segno


def qr_svg(url: str, *, scale: int = 1, border: int = 4, sized: bool = False) -> str:
    """An <svg class="qr"> of the URL: dark on white, with the 4-module quiet zone scanners need.

    Error correction is at least M (segno raises it for free where the symbol size allows),
    so a poster with a crease or a smudge still scans. Without `sized` the SVG has only a
    viewBox and the stylesheet gives it its size (a poster wants centimetres, not pixels);
    with `sized` it is `scale` pixels per module.
    """
    code = segno.make_qr(url, error="m")
    return code.svg_inline(
        scale=scale,
        border=border,
        dark="#000",
        light="#fff",
        omitsize=not sized,
        svgclass="qr",
        lineclass=None,
    )


def qr_png_data_uri(url: str, *, border: int = 4) -> str:
    """The same code as a PNG of one pixel per module, as a data: URL.

    For sheets that repeat one code hundreds of times (access code slips): the PDF holds
    the image once, where an inline SVG would be drawn path by path on every slip. Print it
    with `image-rendering: pixelated` so the modules stay sharp when scaled up.
    """
    return segno.make_qr(url, error="m").png_data_uri(scale=1, border=border)
