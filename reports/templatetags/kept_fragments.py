"""{% keep a b c %}…{% endkeep %}: a piece of a staff page rendered once per process for the
values given (and the active language), then reused.

For what a frozen report shows (a snapshot's charts and tables never change once it is
ready): the values must name everything the piece shows — the snapshot and its finish time,
the view asked for, the district, and what the reader may do there. Nothing read per request
(a CSRF token, the user's name, messages) may appear inside.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from mitwirkung.process_cache import ProcessCache

register = template.Library()
FRAGMENTS: ProcessCache[SafeString] = ProcessCache(256)


class KeepNode(template.Node):
    def __init__(self, nodelist: NodeList, parts: list[FilterExpression]) -> None:
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context: Any) -> SafeString:
        key = (
            self.origin.name if self.origin else "",
            self.token.lineno if self.token else 0,
            translation.get_language(),
            *(part.resolve(context) for part in self.parts),
        )
        kept = FRAGMENTS.get(key)
        if kept is None:
            # The rendered piece is the template's own escaped output.
            kept = FRAGMENTS.put(key, mark_safe(self.nodelist.render(context)))  # nosec B308 B703
        return kept


@register.tag
def keep(parser: Parser, token: Token) -> KeepNode:
    parts = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not parts:
        raise template.TemplateSyntaxError("{% keep %} needs the values the piece depends on")
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeepNode(nodelist, parts)
