"""The answer options of scale and yes/no questions: fixed by the kind, created by the builder.

Like the ready-made blocks, they come with their texts in German (Einfache Sprache),
Leichte Sprache, English, Turkish and Arabic, so a staff member who writes their own
scale question does not have to translate "a little" into five languages.
The scale words are generic ("not at all … very much"): they answer questions such as
"How satisfied are you …?" or "How much does … help you?".
"""

from __future__ import annotations

from dataclasses import dataclass

from surveys.languages import GERMAN
from surveys.models import Option, OptionTranslation, Question

Text = dict[str, str]


@dataclass(frozen=True)
class FixedOption:
    code: str
    text: Text
    value: int | None = None
    is_exclusive: bool = False


SCALE: list[FixedOption] = [
    FixedOption(
        "scale_1",
        {
            "de": "Gar nicht",
            "de-ls": "Gar nicht",
            "en": "Not at all",
            "tr": "Hiç",
            "ar": "لا على الإطلاق",
        },
        value=1,
    ),
    FixedOption(
        "scale_2",
        {
            "de": "Wenig",
            "de-ls": "Ein bisschen",
            "en": "A little",
            "tr": "Az",
            "ar": "قليلًا",
        },
        value=2,
    ),
    FixedOption(
        "scale_3",
        {
            "de": "Mittel",
            "de-ls": "Mittel",
            "en": "Moderately",
            "tr": "Orta derecede",
            "ar": "بشكل متوسط",
        },
        value=3,
    ),
    FixedOption(
        "scale_4",
        {
            "de": "Ziemlich",
            "de-ls": "Viel",
            "en": "Quite a lot",
            "tr": "Oldukça",
            "ar": "كثيرًا",
        },
        value=4,
    ),
    FixedOption(
        "scale_5",
        {
            "de": "Sehr",
            "de-ls": "Sehr viel",
            "en": "Very much",
            "tr": "Çok",
            "ar": "كثيرًا جدًا",
        },
        value=5,
    ),
    FixedOption(
        "cannot_say",
        {
            "de": "Kann ich nicht sagen",
            "de-ls": "Das weiß ich nicht.",
            "en": "I can't say",
            "tr": "Söyleyemem",
            "ar": "لا أستطيع أن أقول",
        },
        is_exclusive=True,
    ),
]

YES_NO: list[FixedOption] = [
    FixedOption(
        "yes",
        {"de": "Ja", "de-ls": "Ja", "en": "Yes", "tr": "Evet", "ar": "نعم"},
    ),
    FixedOption(
        "no",
        {"de": "Nein", "de-ls": "Nein", "en": "No", "tr": "Hayır", "ar": "لا"},
    ),
    FixedOption(
        "dont_know",
        {
            "de": "Weiß ich nicht",
            "de-ls": "Das weiß ich nicht.",
            "en": "I don't know",
            "tr": "Bilmiyorum",
            "ar": "لا أعرف",
        },
        is_exclusive=True,
    ),
]

FIXED_OPTIONS: dict[str, list[FixedOption]] = {
    Question.Kind.SCALE: SCALE,
    Question.Kind.YES_NO: YES_NO,
}


def create_fixed_options(question: Question) -> list[Option]:
    """Replace the question's options with the fixed ones of its kind, with their translations.

    Only for scale and yes/no questions; the caller makes sure no answer refers to the old
    options (the survey's structure is not locked).
    """
    fixed = FIXED_OPTIONS[question.kind]
    question.options.all().delete()
    options = Option.objects.bulk_create(
        Option(
            question=question,
            position=position,
            code=item.code,
            text=item.text[GERMAN],
            value=item.value,
            is_exclusive=item.is_exclusive,
        )
        for position, item in enumerate(fixed)
    )
    OptionTranslation.objects.bulk_create(
        OptionTranslation(option=option, language=code, text=text)
        for option, item in zip(options, fixed, strict=True)
        for code, text in item.text.items()
        if code != GERMAN
    )
    return options
