"""One form with every text of a survey in one language, the German text beside each field.

Loads the survey's pages, questions, options and their translation rows in a fixed number
of queries, and saves all rows in one transaction. An empty field means "show German".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from surveys.languages import SurveyLanguage
from surveys.models import (
    Option,
    OptionTranslation,
    Page,
    PageTranslation,
    Question,
    QuestionTranslation,
    Survey,
    SurveyTranslation,
)

LONG_TEXTS = {"intro"}


@dataclass
class TextItem:
    name: str
    label: str | Promise
    german: str
    bound: forms.BoundField | None = None


@dataclass
class TextSection:
    heading: str
    items: list[TextItem] = field(default_factory=list)
    level: int = 2


@dataclass
class _Kind:
    """One kind of translated object: its rows, the texts it has, and how to make a row."""

    model: type[models.Model]
    owner: str  # the foreign key from the translation row to the object
    attrs: tuple[str, ...]
    existing: dict[int, models.Model] = field(default_factory=dict)
    objects: dict[int, models.Model] = field(default_factory=dict)


class TranslationForm(forms.Form):
    def __init__(self, *args: Any, survey: Survey, language: SurveyLanguage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey, self.language = survey, language
        code = language.code
        pages = list(survey.pages.order_by("position", "pk"))
        questions = list(Question.objects.filter(survey=survey).order_by("position", "pk"))
        options = list(Option.objects.filter(question__survey=survey).order_by("position", "pk"))
        self.kinds = {
            "survey": _Kind(SurveyTranslation, "survey", ("title", "intro")),
            "page": _Kind(PageTranslation, "page", ("title", "intro")),
            "question": _Kind(QuestionTranslation, "question", ("text", "help_text")),
            "option": _Kind(OptionTranslation, "option", ("text",)),
        }
        self.kinds["survey"].objects = {survey.pk: survey}
        self.kinds["page"].objects = {page.pk: page for page in pages}
        self.kinds["question"].objects = {question.pk: question for question in questions}
        self.kinds["option"].objects = {option.pk: option for option in options}
        for name, kind in self.kinds.items():
            rows = kind.model.objects.filter(
                language=code, **{f"{name}_id__in": list(kind.objects)}
            )
            kind.existing = {getattr(row, f"{name}_id"): row for row in rows}
        self.sections = self._build(pages, questions, options)

    # --- fields -----------------------------------------------------------------------------

    def _field(self, kind: str, obj: models.Model, attr: str, label: str | Promise) -> TextItem:
        german = getattr(obj, attr)
        name = f"{kind}-{obj.pk}-{attr}"
        row = self.kinds[kind].existing.get(obj.pk)
        attrs = {
            "lang": self.language.lang_attribute,
            "class": "form-control",
            "aria-describedby": f"id_{kind}-{obj.pk}-{attr}-de",
        }
        if self.language.right_to_left:
            attrs["dir"] = "rtl"
        max_length = obj._meta.get_field(attr).max_length
        if attr in LONG_TEXTS or kind == "question":
            rows = 3 if attr in LONG_TEXTS else 2
            widget: forms.Widget = forms.Textarea(attrs={**attrs, "rows": rows})
        else:
            widget = forms.TextInput(attrs=attrs)
        self.fields[name] = forms.CharField(
            label=label,
            required=False,
            max_length=max_length,
            initial=getattr(row, attr) if row else "",
            widget=widget,
        )
        return TextItem(name, label, german)

    def _build(
        self, pages: list[Page], questions: list[Question], options: list[Option]
    ) -> list[TextSection]:
        by_page: dict[int, list[Question]] = {page.pk: [] for page in pages}
        for question in questions:
            by_page.setdefault(question.page_id, []).append(question)
        by_question: dict[int, list[Option]] = {question.pk: [] for question in questions}
        for option in options:
            by_question.setdefault(option.question_id, []).append(option)

        survey = self.survey
        start = TextSection(str(_("Title and introduction")))
        start.items.append(self._field("survey", survey, "title", _("Title")))
        if survey.intro:
            start.items.append(self._field("survey", survey, "intro", _("Introduction")))
        sections = [start]
        for page in pages:
            section = TextSection(str(page))
            if page.title:
                section.items.append(self._field("page", page, "title", _("Page title")))
            if page.intro:
                section.items.append(self._field("page", page, "intro", _("Page introduction")))
            sections.append(section)
            for number, question in enumerate(by_page.get(page.pk, []), start=1):
                part = TextSection(_("Question %(number)s") % {"number": number}, level=3)
                part.items.append(self._field("question", question, "text", _("Question")))
                if question.help_text:
                    part.items.append(
                        self._field("question", question, "help_text", _("Help text"))
                    )
                for option in by_question.get(question.pk, []):
                    part.items.append(self._field("option", option, "text", _("Answer")))
                sections.append(part)
        for section in sections:
            for item in section.items:
                item.bound = self[item.name]
        return [section for section in sections if section.items]

    def _post_clean(self) -> None:
        # Bootstrap shows the message only beside an input marked invalid; link the two.
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] = "form-control is-invalid"
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"id_{name}-de id_{name}-error"

    # --- saving -------------------------------------------------------------------------------

    @transaction.atomic
    def save(self) -> int:
        """Create, change or remove the translation rows; returns how many texts are filled."""
        code, filled = self.language.code, 0
        for kind_name, kind in self.kinds.items():
            create, update, delete = [], [], []
            for pk, obj in kind.objects.items():
                offered = [a for a in kind.attrs if f"{kind_name}-{pk}-{a}" in self.fields]
                if not offered:
                    continue
                values = {a: self.cleaned_data[f"{kind_name}-{pk}-{a}"].strip() for a in offered}
                filled += sum(1 for value in values.values() if value)
                row = kind.existing.get(pk)
                if row is None:
                    if any(values.values()):
                        create.append(kind.model(language=code, **{kind.owner: obj}, **values))
                    continue
                if all(getattr(row, a) == v for a, v in values.items()):
                    continue
                for attr, value in values.items():
                    setattr(row, attr, value)
                if any(getattr(row, a) for a in kind.attrs):
                    update.append(row)
                else:
                    delete.append(row.pk)
            kind.model.objects.bulk_create(create)
            if update:
                kind.model.objects.bulk_update(update, list(kind.attrs))
            if delete:
                kind.model.objects.filter(pk__in=delete).delete()
        return filled
