"""Small line pictograms beside the main answer options, for families who read little.

Drawn on a 24×24 grid with strokes only; family.css gives them colour and line width
(`.pic`), so a symbol is a few dozen bytes. A page defines only the symbols its options
use, once, and each option refers to its symbol with <use>. The text always stays beside
the picture, and the picture is hidden from screen readers.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.safestring import SafeString, mark_safe

from surveys.models import Option

_QUESTION = '<circle cx="12" cy="12" r="10"/><path d="M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3m0 4h.01"/>'

# Symbol id → the SVG inside the <symbol>. Fixed markup written here, never user input.
SYMBOLS: dict[str, str] = {
    # Do you know the offering?
    "p-unknown": _QUESTION,
    "p-seen": '<path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z"/>'
    '<circle cx="12" cy="12" r="3"/>',
    "p-used": '<circle cx="12" cy="12" r="10"/><path d="m7.5 12.5 3 3 6-7"/>',
    # What made it hard?
    "p-info": '<circle cx="12" cy="12" r="10"/><path d="M12 16v-5m0-3h.01"/>',
    "p-question": _QUESTION,
    "p-language": '<path d="m5 8 6 6M4 14l6-6 2-3M2 5h12M7 2h1m14 20-5-10-5 10m2-4h6"/>',
    "p-speech": '<path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/>'
    '<path d="M8 8h8m-8 4h5"/>',
    "p-form": '<path d="M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z"/>'
    '<path d="M14 2v6h6M8 13h8m-8 4h8"/>',
    "p-euro": '<path d="M4 10h11m-11 4h9m6-8a7.7 7.7 0 0 0-5.2-2A7.9 7.9 0 0 0 6 12c0 4.4 3.5 8 '
    '7.8 8 2 0 3.8-.8 5.2-2"/>',
    "p-clock": '<circle cx="12" cy="12" r="10"/><path d="M12 6v6l4 2"/>',
    "p-route": '<circle cx="6" cy="19" r="3"/><circle cx="18" cy="5" r="3"/>'
    '<path d="M9 19h8.5a3.5 3.5 0 0 0 0-7h-11a3.5 3.5 0 0 1 0-7H15"/>',
    "p-child": '<circle cx="12" cy="5" r="3"/><path d="M12 8v7m-5-4 5-1 5 1m-8 10 3-6 3 6"/>',
    "p-queue": '<circle cx="5" cy="8" r="2"/><circle cx="12" cy="8" r="2"/>'
    '<circle cx="19" cy="8" r="2"/><path d="M2 18a3 3 0 0 1 6 0m1 0a3 3 0 0 1 6 0m1 0a3 3 0 0 1 6 0"/>',
    "p-face": '<circle cx="12" cy="12" r="10"/><path d="M8.5 16.5h7M9 10h.01M15 10h.01"/>',
    "p-office": '<path d="M3 21h18M5 21V8l7-5 7 5v13m-9 0v-4h4v4M9 11h.01m5.99 0h.01"/>',
    "p-shield": '<path d="M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z"/><path d="M12 8v4m0 4h.01"/>',
    "p-battery": '<rect x="2" y="7" width="17" height="10" rx="2"/><path d="M22 11v2M6 11v2"/>',
    "p-asking": '<circle cx="9" cy="8" r="3"/><path d="M3 21a6 6 0 0 1 12 0m2-16.5a2.5 2.5 0 1 1 '
    '3 2.4c-.6.3-1 .8-1 1.4V9m0 3h.01"/>',
    "p-offline": '<path d="m2 2 20 20M8.5 16.4a5 5 0 0 1 7 0M5 12.9a10 10 0 0 1 5.2-2.8m8.8 2.8a10 '
    '10 0 0 0-2-1.5M2 8.8a15 15 0 0 1 4.2-2.6M22 8.8A15 15 0 0 0 10.7 5M12 20h.01"/>',
    "p-puzzle": '<path d="M4 7h4a2 2 0 1 1 4 0h4v4a2 2 0 1 1 0 4v4H4z"/>',
    "p-pencil": '<path d="M17 3a2.8 2.8 0 1 1 4 4L7.5 20.5 2 22l1.5-5.5z"/>',
    "p-check": '<path d="M20 6 9 17l-5-5"/>',
}

# Option.code of the ready-made blocks (surveys/blocks.py) → symbol id.
BY_CODE: dict[str, str] = {
    "not_known": "p-unknown",
    "known_not_used": "p-seen",
    "used": "p-used",
    **{
        f"barrier_{number}": symbol
        for number, symbol in enumerate(
            [
                "p-info",  # did not know it existed
                "p-question",  # did not know whether it is for us
                "p-language",  # not in my language
                "p-speech",  # hard to understand
                "p-form",  # forms too complicated
                "p-euro",  # costs money
                "p-clock",  # times do not fit
                "p-route",  # too far away
                "p-child",  # no one to look after the children
                "p-queue",  # no place, long waiting
                "p-face",  # felt embarrassed
                "p-office",  # bad experiences with offices
                "p-shield",  # worried about problems
                "p-battery",  # no energy left
                "p-asking",  # did not know whom to ask
                "p-offline",  # no internet or device
                "p-puzzle",  # does not fit our needs
                "p-pencil",  # something else
                "p-check",  # nothing made it hard
            ],
            start=1,
        )
    },
}


def pictogram_for(option: Option) -> str:
    """The symbol id for an option, or "" where the option has no picture."""
    return BY_CODE.get(option.code, "")


def symbols(ids: Iterable[str]) -> list[tuple[str, SafeString]]:
    """The <symbol> contents a page needs, each once, in a stable order."""
    wanted = set(ids)
    # SYMBOLS is the app's own SVG, written in this module: nothing from a request in it.
    return [(key, mark_safe(body)) for key, body in SYMBOLS.items() if key in wanted]  # nosec B308 B703
