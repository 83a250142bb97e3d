"""A small survey for the family form's tests, and the steps a family takes through it.

Plain functions (no tests here), imported by the test_family_* modules:

    page 1  "known"  (single, required): not known / known, not used / used
            "needs"  (multiple): help with forms, childcare, something else (text), none (exclusive)
    page 2  "helpful" (scale), shown only if "known" was answered "used"
    page 3  "children" (number 0–10), "wish" (free text)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.urls import reverse

from surveys.models import (
    CollectionPoint,
    Option,
    OptionTranslation,
    Page,
    PageTranslation,
    Question,
    QuestionTranslation,
    Survey,
    SurveyTranslation,
)
from tests import factories as f


@dataclass
class FamilySurvey:
    survey: Survey
    point: CollectionPoint
    pages: list[Page]
    known: Question
    not_known: Option
    known_not_used: Option
    used: Option
    needs: Question
    forms: Option
    childcare: Option
    other: Option
    none: Option
    helpful: Question
    scale: list[Option]
    cannot_say: Option
    children: Question
    wish: Question

    def start_url(self, **query: str) -> str:
        url = reverse("surveys:family_start", kwargs={"code": self.point.code})
        return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")

    def page_url(self, number: int) -> str:
        return reverse("surveys:family_page", kwargs={"code": self.point.code, "number": number})

    @property
    def thanks_url(self) -> str:
        return reverse("surveys:family_thanks", kwargs={"code": self.point.code})


def make_family_survey(**survey_fields: Any) -> FamilySurvey:
    fields = {"languages": ["en", "ar", "uk"], **survey_fields}
    survey = f.SurveyFactory(title="Was erreicht Familien?", **fields)
    SurveyTranslation.objects.create(
        survey=survey, language="ar", title="ما الذي يصل إلى العائلات؟", intro="نريد أن نعرف."
    )
    pages = [
        f.PageFactory(survey=survey, position=0, title="Angebote"),
        f.PageFactory(survey=survey, position=1, title="Wie hilfreich?"),
        f.PageFactory(survey=survey, position=2, title="Ihre Familie"),
    ]
    PageTranslation.objects.create(page=pages[0], language="ar", title="الخدمات")
    known = f.QuestionFactory(
        page=pages[0], position=0, text="Kennen Sie das Familienzentrum?", required=True
    )
    QuestionTranslation.objects.create(
        question=known, language="ar", text="هل تعرفون مركز العائلة؟"
    )
    not_known = f.OptionFactory(
        question=known, position=0, code="not_known", text="Kenne ich nicht"
    )
    known_not_used = f.OptionFactory(
        question=known, position=1, code="known_not_used", text="Kenne ich, nutze ich aber nicht"
    )
    used = f.OptionFactory(question=known, position=2, code="used", text="Nutze ich")
    OptionTranslation.objects.create(option=used, language="ar", text="أستخدمها")
    needs = f.QuestionFactory(
        page=pages[0], position=1, kind=Question.Kind.MULTIPLE, text="Was brauchen Sie?"
    )
    forms = f.OptionFactory(question=needs, position=0, text="Hilfe bei Anträgen")
    childcare = f.OptionFactory(question=needs, position=1, text="Kinderbetreuung")
    other = f.OptionFactory(question=needs, position=2, text="Etwas anderes", is_other=True)
    none = f.OptionFactory(
        question=needs, position=3, code="none", text="Nichts davon", is_exclusive=True
    )
    helpful = f.QuestionFactory(
        page=pages[1],
        position=0,
        kind=Question.Kind.SCALE,
        text="Wie hilfreich war es?",
        show_if_option=used,
    )
    scale = [
        f.OptionFactory(question=helpful, position=value, value=value, text=f"Stufe {value}")
        for value in range(1, 6)
    ]
    cannot_say = f.OptionFactory(
        question=helpful, position=6, code="cannot_say", text="Kann ich nicht sagen"
    )
    children = f.QuestionFactory(
        page=pages[2],
        position=0,
        kind=Question.Kind.NUMBER,
        text="Wie viele Kinder leben bei Ihnen?",
        min_value=0,
        max_value=10,
    )
    wish = f.QuestionFactory(
        page=pages[2], position=1, kind=Question.Kind.TEXT, text="Was würde helfen?"
    )
    point = f.CollectionPointFactory(survey=survey)
    return FamilySurvey(
        survey=survey,
        point=point,
        pages=pages,
        known=known,
        not_known=not_known,
        known_not_used=known_not_used,
        used=used,
        needs=needs,
        forms=forms,
        childcare=childcare,
        other=other,
        none=none,
        helpful=helpful,
        scale=scale,
        cannot_say=cannot_say,
        children=children,
        wish=wish,
    )


def start(client: Client, family: FamilySurvey, language: str = "de") -> Any:
    return client.post(family.start_url(), {"sprache": language})


def answer_first_page(client: Client, family: FamilySurvey, **data: Any) -> Any:
    posted = {family.known.field_name: family.used.pk, "nav": "next", **data}
    return client.post(family.page_url(1), posted)


def answer_all(client: Client, family: FamilySurvey, language: str = "de") -> Any:
    """A family answers every page; returns the response to the last POST."""
    start(client, family, language)
    answer_first_page(
        client,
        family,
        **{
            family.needs.field_name: [family.forms.pk, family.other.pk],
            f"{family.needs.field_name}_other{family.other.pk}": "Hilfe beim Wohnungsamt",
        },
    )
    client.post(family.page_url(2), {family.helpful.field_name: family.scale[3].pk, "nav": "next"})
    return client.post(
        family.page_url(3),
        {
            family.children.field_name: "2",
            family.wish.field_name: "Mehr Angebote am Samstag",
            "nav": "send",
        },
    )
