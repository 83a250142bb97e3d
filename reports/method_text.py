"""How a report protects small numbers, in plain words: one text for the dashboard, the
PDF, the public page and the data files, so they cannot describe the method differently."""

from __future__ import annotations

from django.utils.translation import gettext, pgettext


def protection_paragraphs(min_size: int, min_base: int) -> list[str]:
    """The method (coordinated cell suppression over all tables and reports), then what a
    reader may and may not add up."""
    hidden = pgettext("small numbers", "hidden")
    return [
        gettext(
            "So that no family can be recognised, a number is shown only when at least "
            "%(size)s families stand behind it. Smaller numbers, and every number from which "
            "a small one could be worked out, say “%(hidden)s” instead. A percentage is shown "
            "only when at least %(base)s families answered the question."
        )
        % {"size": min_size, "base": min_base, "hidden": hidden},
        gettext(
            "This protection covers everything published about the survey together: every "
            "table, every view (groups, areas, collection points, languages), the data files "
            "and the reports of this survey published before. Before publication a program "
            "checks, the way statistical offices do (coordinated cell suppression, as in "
            "tau-Argus), that no hidden number can be narrowed down to fewer than %(size)s "
            "possible values from all published numbers together; where it could, more "
            "numbers are hidden."
        )
        % {"size": min_size},
        gettext(
            "The numbers shown are exact and unchanged, so you may add and compare them. "
            "Sums that contain a hidden number cannot be formed, and the views of one kind "
            "(for example all languages) do not always add up to all families: a view with "
            "too few families, or of which most numbers would have to be hidden, is not "
            "published. The split by benefits is given for all families together only."
        ),
    ]


def withheld_reason(reason: str, min_size: int) -> str:
    """Why a view (or one of its tables) is not published, in one plain sentence."""
    texts = {
        "small": gettext("Fewer than %(size)s families answered in it."),
        "complement": gettext(
            "Fewer than %(size)s families answered outside it, so they could be worked out."
        ),
        "mostly_hidden": gettext("Most of its numbers would have to be hidden."),
        "cannot_protect": gettext(
            "Its small numbers could otherwise be worked out from other published numbers."
        ),
    }
    return texts.get(reason, texts["cannot_protect"]) % {"size": min_size}
