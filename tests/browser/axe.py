"""Accessibility gate for the browser walks: axe-core (vendored, see vendor/README.md) over
the open page, failing on serious or critical WCAG 2.1 A/AA violations (BITV 2.0 and
EN 301 549 point at these levels)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}

# Runs in the page. Evaluated through the DevTools protocol, so the app's CSP
# (script-src 'self') does not keep axe out.
RUN_AXE = r"""async (tags) => {
    const result = await axe.run(document, {
        runOnly: {type: "tag", values: tags},
        resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.map((n) => n.target.join(" ")),
        why: (v.nodes[0].failureSummary || "").replace(/\s+/g, " "),
    }));
}"""


@cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def serious_violations(page) -> list[dict]:
    """The serious and critical violations axe finds on `page` as it is now."""
    if getattr(page, "javascript_enabled", True):
        return _run(page)
    # With JavaScript off no promise ever settles in the page (axe.run would hang): axe
    # reads the same HTML, at the same address and size, in a page with JavaScript on
    # whose own scripts are blocked, so it sees what the family without JavaScript sees.
    html, url = page.content(), page.url
    context = page.context.browser.new_context(
        viewport=page.viewport_size, locale="de-DE", java_script_enabled=True
    )
    try:
        copy = context.new_page()
        copy.route("**/*.js", lambda route: route.abort())
        copy.route(
            url, lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8")
        )
        copy.goto(url)
        return _run(copy)
    finally:
        context.close()


def _run(page) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    violations = page.evaluate(RUN_AXE, WCAG_TAGS)
    return [v for v in violations if v["impact"] in BLOCKING]


def assert_no_serious_violations(page, context: str) -> None:
    """Fail with one line per rule (id, impact, help, first targets) if axe finds any."""
    violations = serious_violations(page)
    lines = [
        f"  {v['id']} ({v['impact']}): {v['help']} — {', '.join(v['targets'][:5])}"
        + (f" … +{len(v['targets']) - 5}" if len(v["targets"]) > 5 else "")
        + f"\n    first: {v['why'][:300]}"
        for v in violations
    ]
    assert not violations, f"axe on {context} ({page.url}):\n" + "\n".join(lines)
