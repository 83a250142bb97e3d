"""Text cells that a spreadsheet would run as a formula (CSV/formula injection).

Excel, LibreOffice and Google Sheets treat a cell starting with "=", "+", "-" or "@" as a
formula, and a leading tab or carriage return can hide such a start; a text typed by staff or
a family could then open links or run commands on the reader's computer. Following the OWASP
advice, every CSV and XLSX writer passes its values through `neutralise`: such a text gets a
single quote in front, so it is shown as text. Numbers (a negative number included) are not
text and stay numbers.

The offerings import reads its own export back: `restore` removes exactly the one quote that
`neutralise` added, so a round trip neither runs a formula nor piles up quotes.
"""

from __future__ import annotations

from typing import TypeVar

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"

T = TypeVar("T")


def needs_quote(text: str) -> bool:
    # Quotes already in front count too: "'=1" typed by someone becomes "''=1" and comes
    # back from the import as "'=1", so every text survives a round trip unchanged.
    return text.lstrip(QUOTE).startswith(FORMULA_STARTS)


def neutralise(value: T) -> T | str:
    """The value for a spreadsheet cell: a text that would start a formula gets a quote."""
    if isinstance(value, str) and needs_quote(value):
        return QUOTE + value
    return value


def restore(text: str) -> str:
    """The text before `neutralise`: one quote is dropped only where it guarded a formula."""
    if text.startswith(QUOTE) and needs_quote(text):
        return text[1:]
    return text
