"""Moving pages and questions one place up or down."""

from __future__ import annotations

from typing import Any

from django import forms

from surveys.models import Page, Question


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])


def swapped(items: list[Any], item: Any, direction: str) -> list[Any] | None:
    """The list with `item` moved one place; None when it is already at that end."""
    index = items.index(item)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(items):
        return None
    items = list(items)
    items[index], items[other] = items[other], items[index]
    return items


def page_move_breaks_conditions(pages: list[Page]) -> Question | None:
    """A question that would come before the question its condition depends on."""
    order = {page.pk: position for position, page in enumerate(pages)}
    for question in Question.objects.filter(
        page__in=pages, show_if_option__isnull=False
    ).select_related("show_if_option__question"):
        if order[question.show_if_option.question.page_id] >= order[question.page_id]:
            return question
    return None


def renumber(items: list[Any]) -> None:
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
