"""The district home page shows one panel per strategy step, each from the app that owns it.

An app adds `<app>/home_panel.py` with `panel(district) -> HomePanel | list[HomePanel] | None`
(a list when the app owns panels of several steps); the districts app need not know about goals,
offerings or surveys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from districts.models import District
from mitwirkung.app_modules import app_modules

PANEL_APPS = ["districts", "goals", "offerings", "surveys", "reports"]


@dataclass
class HomePanel:
    step: int  # 1–5, the strategy step whose card shows the panel
    template: str  # rendered inside the step's card
    context: dict[str, Any] = field(default_factory=dict)
    wide_template: str = ""  # optional: rendered full width below the cards


def home_panels(district: District) -> dict[int, list[HomePanel]]:
    """Panels per step, in the order of PANEL_APPS (a step may hold several apps' panels)."""
    panels: dict[int, list[HomePanel]] = {}
    for module in app_modules(PANEL_APPS, "home_panel"):
        found = module.panel(district)
        for panel in found if isinstance(found, list) else [found]:
            if panel is not None:
                panels.setdefault(panel.step, []).append(panel)
    return panels
