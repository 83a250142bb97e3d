"""The next concrete steps of a district across the five steps of the strategy cycle.

Each app adds `<app>/next_actions.py` with `RULES`: small functions `rule(district, today)` that
look at the app's own data with a query or two and return an `Action` (a line on the district
home page linking to where it is done), a list of them, or None when there is nothing to do.
The districts app collects them by name, so it need not import goals, offerings or reports.
This module holds the rules of step 1 as well.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import ngettext

from districts.models import District, Sector, Stakeholder
from mitwirkung.app_modules import app_modules

RULE_APPS = ["districts", "goals", "offerings", "surveys", "reports"]

# Three levels are enough to read the list: what is late first, then the open work of the
# cycle in the order of its steps, then housekeeping.
URGENT, NORMAL, LOW = 20, 10, 0


@dataclass(frozen=True, kw_only=True)
class Action:
    step: int  # 1–5, the strategy step the action belongs to
    text: str  # translated, with its count
    url_name: str
    url_kwargs: dict[str, str | int] = field(default_factory=dict)
    query: str = ""  # without "?", e.g. "status=overdue"
    priority: int = NORMAL  # URGENT, NORMAL or LOW

    @property
    def is_urgent(self) -> bool:
        return self.priority >= URGENT

    def url(self) -> str:
        url = reverse(self.url_name, kwargs=self.url_kwargs)
        return f"{url}?{self.query}" if self.query else url


Rule = Callable[[District, datetime.date], Action | Iterable[Action] | None]


def rules() -> list[Rule]:
    """Every app's rules, in the order of RULE_APPS."""
    return [rule for module in app_modules(RULE_APPS, "next_actions") for rule in module.RULES]


def next_actions(district: District, today: datetime.date) -> list[Action]:
    """What to do next: urgent first, then by step, housekeeping last; empty when nothing is due."""
    actions: list[Action] = []
    for rule in rules():
        result = rule(district, today)
        if result is None:
            continue
        actions.extend([result] if isinstance(result, Action) else result)
    return sorted(actions, key=lambda a: (-a.priority, a.step))


# --- Step 1: shared understanding ------------------------------------------------------------


def sectors_without_stakeholder(district: District, today: datetime.date) -> Action | None:
    """Sectors nobody of the district speaks for yet (the same count as the step-1 panel)."""
    present = Stakeholder.objects.for_district(district).filter(sector=OuterRef("pk"))
    missing = Sector.objects.filter(is_active=True).exclude(Exists(present)).count()
    if not missing:
        return None
    return Action(
        step=1,
        text=ngettext(
            "%(count)s sector without a stakeholder at the table",
            "%(count)s sectors without a stakeholder at the table",
            missing,
        )
        % {"count": missing},
        url_name="districts:stakeholders",
        url_kwargs={"district": district.slug},
        priority=NORMAL,
    )


RULES: list[Rule] = [sectors_without_stakeholder]
