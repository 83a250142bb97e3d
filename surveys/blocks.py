"""Ready-made blocks: a useful survey in minutes (issue 5).

Each block creates pages, questions and options from the texts in block_texts, with
translation rows for every language those texts are written in — so a language the
survey adds later is already translated.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max

from districts.models import Area
from surveys.block_texts import FAMILY_BLOCK, MISSING_BLOCK, REACH_BLOCK
from surveys.block_texts import LANGUAGES as BLOCK_LANGUAGES
from surveys.languages import ENDONYMS, GERMAN
from surveys.models import (
    Option,
    OptionTranslation,
    Page,
    PageTranslation,
    Question,
    QuestionTranslation,
    Survey,
)

Text = dict[str, str]
EXCLUSIVE_CODES = {"none", "prefer_not_to_say", "cannot_say", "dont_know", "barrier_19"}
OTHER_CODES = {"barrier_18", "something_else"}


def _fill(text: Text | None, **values: str) -> Text:
    if not text:
        return {}
    return {code: value.format(**values) if values else value for code, value in text.items()}


class _Builder:
    def __init__(self, survey: Survey) -> None:
        self.survey = survey
        top = survey.pages.aggregate(top=Max("position"))["top"]
        self.next_position = 0 if top is None else top + 1

    def page(self, title: Text | None = None, intro: Text | None = None) -> Page:
        title, intro = title or {}, intro or {}
        page = Page.objects.create(
            survey=self.survey,
            position=self.next_position,
            title=title.get(GERMAN, ""),
            intro=intro.get(GERMAN, ""),
        )
        self.next_position += 1
        PageTranslation.objects.bulk_create(
            PageTranslation(
                page=page, language=code, title=title.get(code, ""), intro=intro.get(code, "")
            )
            for code in _languages(title, intro)
        )
        return page

    def question(
        self,
        page: Page,
        *,
        kind: str,
        text: Text,
        help_text: Text | None = None,
        block: str,
        key: str,
        options: Iterable[tuple[str, Text, dict[str, Any]]] = (),
        **fields: Any,
    ) -> Question:
        help_text = help_text or {}
        question = Question.objects.create(
            survey=self.survey,
            page=page,
            position=page.questions.count(),
            kind=kind,
            text=text[GERMAN],
            help_text=help_text.get(GERMAN, ""),
            block=block,
            block_key=key,
            **fields,
        )
        QuestionTranslation.objects.bulk_create(
            QuestionTranslation(
                question=question,
                language=code,
                text=text.get(code, ""),
                help_text=help_text.get(code, ""),
            )
            for code in _languages(text, help_text)
        )
        for position, (code, option_text, extra) in enumerate(options):
            option = Option.objects.create(
                question=question,
                position=position,
                code=code,
                text=option_text[GERMAN],
                is_exclusive=code in EXCLUSIVE_CODES,
                is_other=code in OTHER_CODES,
                **extra,
            )
            OptionTranslation.objects.bulk_create(
                OptionTranslation(option=option, language=lang, text=value)
                for lang, value in option_text.items()
                if lang != GERMAN
            )
        return question


def _languages(*texts: Text) -> list[str]:
    return sorted({code for text in texts for code in text if code != GERMAN})


def _options(texts: dict[str, Text]) -> list[tuple[str, Text, dict[str, Any]]]:
    return [(code, text, {}) for code, text in texts.items()]


KNOWN_PAGE_TITLE: Text = {
    "de": "Welche Angebote kennen Sie?",
    "de-ls": "Welche Angebote kennen Sie?",
    "en": "Which services do you know?",
    "tr": "Hangi hizmetleri biliyorsunuz?",
    "ar": "ما الخدمات التي تعرفونها؟",
}


@transaction.atomic
def add_reach_block(survey: Survey, offerings: Iterable[Any]) -> list[Question]:
    """One set per offering: do you know it / how helpful / what made it hard.

    All "do you know" questions share one page; each offering's follow-up questions get a
    page of their own, which the family only sees when a follow-up applies.
    """
    offerings = list(offerings)
    if not offerings:
        raise ValueError("the reach block needs at least one offering")
    build = _Builder(survey)
    known_page = build.page(title=KNOWN_PAGE_TITLE, intro=REACH_BLOCK["intro"])
    created: list[Question] = []
    for offering in offerings:
        name = offering.name
        known = build.question(
            known_page,
            kind=Question.Kind.SINGLE,
            text=_fill(REACH_BLOCK["known"]["question"], offering=name),
            block=Question.Block.REACH,
            key="known",
            offering=offering,
            options=_options(REACH_BLOCK["known"]["answers"]),
        )
        created.append(known)
    for known in list(created):
        offering = known.offering
        used = known.options.get(code="used")
        known_not_used = known.options.get(code="known_not_used")
        # An offering keeps its name in every language.
        follow_up = build.page(title=dict.fromkeys(BLOCK_LANGUAGES, offering.name))
        scale = REACH_BLOCK["helpful"]
        scale_options = [
            (f"scale_{value}", text, {"value": value}) for value, text in scale["scale"].items()
        ] + [("cannot_say", scale["cannot_say"], {})]
        created.append(
            build.question(
                follow_up,
                kind=Question.Kind.SCALE,
                text=_fill(scale["question"], offering=offering.name),
                block=Question.Block.REACH,
                key="helpful",
                offering=offering,
                show_if_option=used,
                options=scale_options,
            )
        )
        barriers = REACH_BLOCK["barriers"]
        created.append(
            build.question(
                follow_up,
                kind=Question.Kind.MULTIPLE,
                text=_fill(barriers["question"], offering=offering.name),
                help_text=barriers["hint"],
                block=Question.Block.REACH,
                key="barriers",
                offering=offering,
                show_if_option=known_not_used,
                options=[(f"barrier_{n}", text, {}) for n, text in barriers["options"].items()],
            )
        )
    return created


@transaction.atomic
def add_family_block(survey: Survey) -> list[Question]:
    """About your family: all optional and coarse on purpose."""
    block = FAMILY_BLOCK
    build = _Builder(survey)
    page = build.page(title=block["title"], intro=block["intro"])
    family = Question.Block.FAMILY
    created = []
    for key, kind in (
        ("household", Question.Kind.SINGLE),
        ("children", Question.Kind.SINGLE),
        ("age_groups", Question.Kind.MULTIPLE),
        ("benefits", Question.Kind.MULTIPLE),
    ):
        part = block[key]
        created.append(
            build.question(
                page,
                kind=kind,
                text=part["question"],
                help_text=part["hint"],
                block=family,
                key=key,
                options=_options(part["options"]),
            )
        )
    home = block["home_area"]
    regions = Area.objects.filter(
        district=survey.district, level=Area.Level.BEZIRKSREGION
    ).order_by("name")
    area_options = [
        (f"area_{area.pk}", dict.fromkeys(_all_codes(home["question"]), area.name), {"area": area})
        for area in regions
    ] + _options(home["options"])
    created.append(
        build.question(
            page,
            kind=Question.Kind.SINGLE,
            text=home["question"],
            help_text=home["hint"],
            block=family,
            key="home_area",
            options=area_options,
        )
    )
    spoken = block["languages"]
    language_options = [
        (
            f"lang_{language.key}",
            dict.fromkeys(
                _all_codes(spoken["question"]), ENDONYMS.get(language.key, language.name_de)
            ),
            {},
        )
        for language in survey.district.family_languages.order_by("position")
    ] + _options(spoken["options"])
    created.append(
        build.question(
            page,
            kind=Question.Kind.MULTIPLE,
            text=spoken["question"],
            help_text=spoken["hint"],
            block=family,
            key="languages",
            options=language_options,
        )
    )
    return created


def _all_codes(text: Text) -> list[str]:
    return list(text)


@transaction.atomic
def add_missing_block(survey: Survey) -> list[Question]:
    """What is missing? A choice list and a free text."""
    block = MISSING_BLOCK
    build = _Builder(survey)
    page = build.page(title=block["title"])
    choices, free = block["choices"], block["free_text"]
    missing = Question.Block.MISSING
    help_free = {
        code: f"{free['hint'][code]} {free['privacy_warning'].get(code, '')}".strip()
        for code in free["hint"]
    }
    return [
        build.question(
            page,
            kind=Question.Kind.MULTIPLE,
            text=choices["question"],
            help_text=choices["hint"],
            block=missing,
            key="choices",
            options=_options(choices["options"]),
        ),
        build.question(
            page,
            kind=Question.Kind.TEXT,
            text=free["question"],
            help_text=help_free,
            block=missing,
            key="free_text",
        ),
    ]
