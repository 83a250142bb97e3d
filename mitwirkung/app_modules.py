"""Modules that apps may bring under a fixed name (`<app>/home_panel.py`, `<app>/next_actions.py`,
`<app>/offering_timeline.py`): the app that collects them need not import the others, so data
still flows one way (DESIGN.md)."""

from __future__ import annotations

import importlib
from types import ModuleType


def app_modules(apps: list[str], name: str) -> list[ModuleType]:
    """`<app>.<name>` of each app that has one, in the order of `apps`."""
    found = []
    for app in apps:
        try:
            found.append(importlib.import_module(f"{app}.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.{name}":
                raise
    return found
