"""Linking a choice question of a survey to an indicator of one of the district's goals."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from goals.models import Indicator
from surveys.models import IndicatorLink, Option, Question, Survey


def linkable_questions(survey: Survey) -> QuerySet[Question]:
    return (
        Question.objects.filter(survey=survey, kind__in=Question.CHOICE_KINDS)
        .select_related("page")
        .order_by("page__position", "position", "pk")
    )


class IndicatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Indicator) -> str:
        return f"{obj.name} ({obj.goal.title})"


class QuestionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Question) -> str:
        return f"{obj.page}: {obj.text}"


class ChooseQuestionForm(forms.Form):
    """Step one, sent with GET: which question feeds the indicator."""

    frage = QuestionChoiceField(
        label=_("Question"),
        queryset=Question.objects.none(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["frage"].queryset = linkable_questions(survey)
        self.fields["frage"].empty_label = _("– choose a question –")


class IndicatorLinkForm(forms.ModelForm):
    """Step two: the indicator and the answers that count. Everything narrowed to the district."""

    indicator = IndicatorChoiceField(
        label=_("Indicator"),
        queryset=Indicator.objects.none(),
        help_text=_("Indicators of the district's goals that no survey feeds yet."),
    )
    question = QuestionChoiceField(
        label=_("Question"), queryset=Question.objects.none(), widget=forms.HiddenInput
    )

    class Meta:
        model = IndicatorLink
        fields = ["indicator", "question", "options"]
        widgets = {"options": forms.CheckboxSelectMultiple}
        labels = {"options": _("Answers that count")}
        help_texts = {
            "options": _(
                "The indicator is the share of families who chose one of these answers, among "
                "all who answered the question."
            )
        }

    def __init__(self, *args: Any, survey: Survey, question: Question, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.fields["indicator"].queryset = (
            Indicator.objects.for_district(survey.district)
            .filter(survey_link__isnull=True)
            .select_related("goal")
            .order_by("goal__title", "name")
        )
        self.fields["indicator"].empty_label = _("– choose an indicator –")
        self.fields["question"].queryset = linkable_questions(survey)
        self.fields["question"].initial = question.pk
        # Any option of the survey validates, so an answer of another question gets a clear
        # message below instead of a bare "invalid choice"; the boxes show this question's only.
        self.fields["options"].queryset = Option.objects.filter(question__survey=survey)
        self.fields["options"].choices = [
            (option.pk, option.text) for option in question.options.order_by("position", "pk")
        ]
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Link")))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        question, options = cleaned.get("question"), cleaned.get("options")
        if question and options and any(o.question_id != question.pk for o in options):
            self.add_error("options", _("Please choose answers of the linked question only."))
        return cleaned

    @transaction.atomic
    def save(self, commit: bool = True) -> IndicatorLink:
        link = super().save(commit=commit)
        indicator = link.indicator
        if indicator.source != Indicator.Source.SURVEY:
            indicator.source = Indicator.Source.SURVEY
            indicator.source_note = indicator.source_note or str(self.survey)[:300]
            indicator.save(update_fields=["source", "source_note", "updated_at"])
        return link
