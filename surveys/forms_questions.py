"""Pages and questions of a survey; the question is saved together with its answer options.

Every choice is narrowed to the survey: a condition can only be an answer to a question
on an earlier page of the same survey, an option id of another question is refused.
Once families have answered (survey.structure_locked), only texts can change.
"""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout
from django import forms
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils.translation import gettext_lazy as _

from surveys.fixed_options import create_fixed_options
from surveys.forms_options import FREE_CHOICE_KINDS, option_formset, unique_code
from surveys.models import Option, Page, Question, Survey


class PageForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title", "intro"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 3})}
        labels = {"title": _("Page title"), "intro": _("Introduction")}
        help_texts = {
            "title": _("Families see it above the questions of this page. May stay empty."),
            "intro": _("A sentence or two before the questions, in plain German. May stay empty."),
        }

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.survey = survey
        self.helper = FormHelper()
        self.helper.form_tag = False

    def save(self, commit: bool = True) -> Page:
        page = super().save(commit=False)
        if page.pk is None:
            top = Page.objects.filter(survey=page.survey).aggregate(top=Max("position"))["top"]
            page.position = 0 if top is None else top + 1
        if commit:
            page.save()
        return page


class ConditionField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Option) -> str:
        return obj.text


def condition_options(survey: Survey, page: Page) -> QuerySet[Option]:
    """Answers a question on `page` may depend on: those of questions on earlier pages.

    Without JavaScript a page cannot react to answers on itself, so the same page is out.
    """
    return (
        Option.objects.filter(question__survey=survey, question__page__position__lt=page.position)
        .exclude(question__page=page)
        .select_related("question__page")
        .order_by("question__page__position", "question__position", "question_id", "position")
    )


class QuestionForm(forms.ModelForm):
    show_if_option = ConditionField(
        label=_("Show only if"),
        queryset=Option.objects.none(),
        required=False,
        help_text=_(
            "Ask this question only of families who gave this answer on an earlier page. "
            "Leave empty to ask everyone."
        ),
    )

    # Fields that change what an answer means; frozen once families have answered.
    STRUCTURAL = ("kind", "min_value", "max_value", "show_if_option")

    class Meta:
        model = Question
        fields = [
            "kind",
            "text",
            "help_text",
            "required",
            "min_value",
            "max_value",
            "show_if_option",
        ]
        widgets = {"help_text": forms.Textarea(attrs={"rows": 2})}
        labels = {
            "kind": _("Kind of question"),
            "text": _("Question"),
            "help_text": _("Help text"),
            "required": _("Answer required"),
            "min_value": _("Smallest number"),
            "max_value": _("Largest number"),
        }
        help_texts = {
            "text": _("Families read this. Short and in plain German (Einfache Sprache)."),
            "help_text": _(
                "Optional: a hint below the question, for example “Choose all that apply”."
            ),
            "min_value": _("Only for number questions."),
            "max_value": _("Only for number questions."),
        }

    def __init__(
        self, *args: Any, survey: Survey, page: Page, locked: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.survey, self.page, self.locked = survey, page, locked
        # Set before validation: the model's clean() compares the condition's page with this one.
        self.instance.survey = survey
        if self.instance.pk is None:
            self.instance.page = page
        self._condition_choices(condition_options(survey, page))
        self.fields["kind"].help_text = _(
            "Scale and yes/no questions get their answers automatically, in five languages."
        )
        if locked:
            for name in self.STRUCTURAL:
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Families have already answered, so this can no longer change."
                )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(_("The question"), "kind", "text", "help_text", "required"),
            # The answers come right after the question; the partial renders the option formset.
            HTML('{% include "surveys/_question_options_form.html" %}'),
            Fieldset(
                _("Numbers"),
                Div(
                    Div("min_value", css_class="col-6"),
                    Div("max_value", css_class="col-6"),
                    css_class="row",
                ),
            ),
            Fieldset(_("Condition"), "show_if_option"),
        )

    def _condition_choices(self, options: QuerySet[Option]) -> None:
        field = self.fields["show_if_option"]
        field.queryset = options
        groups: dict[int, tuple[str, list[tuple[int, str]]]] = {}
        for option in options:
            question = option.question
            label = f"{question.page}: {question.text}"
            groups.setdefault(question.pk, (label, []))[1].append((option.pk, option.text))
        field.choices = [("", _("– ask everyone –")), *groups.values()]
        if not groups:
            field.help_text = _(
                "Conditions can refer to answers of choice questions on earlier pages; "
                "there are none yet."
            )

    def forged_structure_change(self) -> bool:
        """A locked question's structure arrived changed: the page never offered that."""
        if not self.locked:
            return False
        for name in self.STRUCTURAL:
            if name not in self.data:
                continue
            current = self.get_initial_for_field(self.fields[name], name)
            if str(self.data[name] or "") != str("" if current is None else current):
                return True
        return False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        question = self.instance
        kind = cleaned.get("kind")
        if question.pk and kind and kind != question.kind and replaces_options(question, kind):
            if Question.objects.filter(show_if_option__question=question).exists():
                self.add_error(
                    "kind",
                    _(
                        "Other questions are shown depending on the answers to this one. "
                        "Remove those conditions first."
                    ),
                )
            if kind not in Question.CHOICE_KINDS and question.indicator_links.exists():
                self.add_error(
                    "kind",
                    _("This question feeds an indicator, so it must stay a choice question."),
                )
        return cleaned


def replaces_options(question: Question, kind: str) -> bool:
    """Whether changing `question` to `kind` throws its current options away."""
    if kind not in Question.CHOICE_KINDS:
        return question.kind in Question.CHOICE_KINDS
    return kind in Question.FIXED_OPTION_KINDS and kind != question.kind


class QuestionEditor:
    """The question form and its option formset, validated and saved together."""

    def __init__(
        self, data: Any, *, survey: Survey, page: Page, question: Question | None = None
    ) -> None:
        self.locked = survey.structure_locked
        question = question or Question(survey=survey, page=page)
        self.original_kind = question.kind if question.pk else None
        self.form = QuestionForm(
            data, instance=question, survey=survey, page=page, locked=self.locked
        )
        self.options_fixed = self.locked or (
            question.pk is not None and question.kind in Question.FIXED_OPTION_KINDS
        )
        self.formset = option_formset(question, data, structure_fixed=self.options_fixed)

    @property
    def shows_options(self) -> bool:
        return bool(self.formset.forms)

    def forged(self) -> bool:
        """True when a locked survey's structure arrives changed (a tampered request)."""
        if not self.locked:
            return False
        if self.form.forged_structure_change():
            return True
        question = self.form.instance
        existing = question.options.count() if question.pk else 0
        try:
            return self.formset.total_form_count() > existing
        except forms.ValidationError:  # management form missing: nothing is saved anyway
            return False

    def is_valid(self) -> bool:
        if not self.form.is_valid():
            # Still validate the options, so their errors show on the same round trip.
            self.formset.is_valid()
            return False
        kind = self.form.cleaned_data["kind"]
        if not self._uses_formset(kind):
            return True
        self.formset.kind = kind if not self.options_fixed else ""
        return self.formset.is_valid()

    def _uses_formset(self, kind: str) -> bool:
        if kind in FREE_CHOICE_KINDS:
            return True
        # A fixed-kind question keeps its options; their words may be adapted.
        return self.options_fixed and kind == self.original_kind and kind in Question.CHOICE_KINDS

    @transaction.atomic
    def save(self) -> Question:
        question = self.form.save(commit=False)
        if question.pk is None:
            top = question.page.questions.aggregate(top=Max("position"))["top"]
            question.position = 0 if top is None else top + 1
        question.save()
        kind = question.kind
        if self._uses_formset(kind):
            self._save_options(question)
        elif kind in Question.FIXED_OPTION_KINDS:
            if self.original_kind != kind:
                create_fixed_options(question)
        else:
            question.options.all().delete()
        return question

    def _save_options(self, question: Question) -> None:
        formset = self.formset
        formset.instance = question
        if self.options_fixed:
            for form in formset.forms:
                if form.has_changed():
                    form.save()
            return
        for form in formset.deleted_forms:
            if form.instance.pk:
                form.instance.delete()
        taken = set(question.options.exclude(code="").values_list("code", flat=True))
        for position, form in enumerate(formset.ordered_forms):
            option = form.save(commit=False)
            option.question = question
            option.position = position
            if not option.code:
                option.code = unique_code(option.text, taken, position)
            option.save()
