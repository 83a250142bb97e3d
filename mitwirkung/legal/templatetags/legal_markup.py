"""A deliberately small markup for operator-edited texts: no HTML gets through."""

from __future__ import annotations

from django import template
from django.utils.html import escape, urlize
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _inline(text: str) -> str:
    return urlize(escape(text), nofollow=True)


@register.filter
def simple_markup(text: str) -> SafeString:
    """Blank line: new paragraph; `## `: heading; `- `: list item; addresses become links."""
    blocks: list[str] = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.rstrip() for line in block.strip().split("\n") if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("## ") and len(lines) == 1:
            blocks.append(f'<h2 class="h4 mt-4">{_inline(lines[0][3:])}</h2>')
        elif all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{_inline(line[2:])}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        else:
            blocks.append("<p>" + "<br>".join(_inline(line) for line in lines) + "</p>")
    # Every piece of text went through _inline (escape, then urlize): only our tags are raw.
    return mark_safe("\n".join(blocks))  # nosec B308 B703
