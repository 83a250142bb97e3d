"""The family form's own texts (buttons, messages) in the family's language, from
surveys/block_texts.py FORM_TEXTS."""

from __future__ import annotations

from typing import Any

from surveys.block_texts import FORM_TEXTS
from surveys.block_texts import LANGUAGES as FORM_LANGUAGES
from surveys.languages import GERMAN
from surveys.languages import get as get_language


def form_language(code: str) -> str:
    """The language the form's own texts are shown in: German where none is written."""
    return code if code in FORM_LANGUAGES else GERMAN


def form_text(key: str, language: str, **values: object) -> str:
    """One text of FORM_TEXTS ("info.who" reaches into groups), filled in.

    `{district}` is a str.format placeholder of the shared block texts; the form's own
    numbers use %(name)s so they cannot be mistaken for those.
    """
    node: Any = FORM_TEXTS
    for part in key.split("."):
        node = node[part]
    text: str = node.get(language) or node[GERMAN]
    if "district" in values:
        district = str(values["district"])
        if get_language(language).right_to_left:
            # Isolate the German name, or "Charlottenburg-Wilmersdorf" breaks apart in Arabic.
            district = f"\u2068{district}\u2069"
        text = text.replace("{district}", district)
    numbers = {name: value for name, value in values.items() if name != "district"}
    return text % numbers if numbers else text


def form_texts(language: str, *, district: str) -> dict[str, Any]:
    """Every text without numbers to fill in, for templates: t.next, t.info.who …"""

    def walk(node: dict[str, Any], prefix: str) -> dict[str, Any]:
        texts: dict[str, Any] = {}
        for key, value in node.items():
            if all(isinstance(v, str) for v in value.values()):
                if "%(" not in value[GERMAN]:
                    texts[key] = form_text(prefix + key, language, district=district)
            else:
                texts[key] = walk(value, f"{prefix}{key}.")
        return texts

    return walk(FORM_TEXTS, "")
