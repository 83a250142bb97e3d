"""The answer options of a choice question, edited as a formset below the question."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from surveys.models import Option, Question

FREE_CHOICE_KINDS = (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
MAX_OPTIONS = 60


class OptionForm(forms.ModelForm):
    class Meta:
        model = Option
        fields = ["text", "is_other", "is_exclusive"]
        labels = {"text": _("Answer"), "is_other": _("asks for text"), "is_exclusive": _("alone")}


class BaseOptionFormSet(BaseInlineFormSet):
    """Answer options of a choice question. `kind` is set once the question form is valid."""

    kind: str = ""

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        # Django accepts any option's id here and would save the row as a new option;
        # only this question's own options may be named.
        form.fields["id"].queryset = self.get_queryset()

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        kept, texts = 0, set()
        for form in self.forms:
            if self._is_dropped(form):
                continue
            text = form.cleaned_data.get("text", "").strip()
            if text.casefold() in texts:
                raise forms.ValidationError(_("Two answers read “%(text)s”.") % {"text": text})
            texts.add(text.casefold())
            kept += 1
        if self.can_delete:
            self._check_conditions()
        if self.kind in FREE_CHOICE_KINDS and kept < 2:
            raise forms.ValidationError(_("A choice question needs at least two answers."))

    def _is_dropped(self, form: forms.Form) -> bool:
        if not hasattr(form, "cleaned_data"):
            return True
        if form.instance.pk is None and not form.has_changed():
            return True
        return bool(self.can_delete and self._should_delete_form(form))

    def _check_conditions(self) -> None:
        deleted = {
            form.instance.pk
            for form in self.forms
            if form.instance.pk and self._should_delete_form(form)
        }
        if not deleted:
            return
        dependent = Question.objects.filter(show_if_option__in=deleted).first()
        if dependent is not None:
            raise forms.ValidationError(
                _(
                    "The question “%(question)s” is only shown after an answer you want to delete. "
                    "Remove its condition first."
                )
                % {"question": dependent.text}
            )


def option_formset(
    question: Question, data: Any = None, *, structure_fixed: bool
) -> BaseOptionFormSet:
    """The options of `question` to edit; only their texts when the structure is fixed.

    `structure_fixed`: families have answered, or the options are the fixed ones of a scale
    or yes/no question.
    """
    if structure_fixed:
        formset_class = inlineformset_factory(
            Question,
            Option,
            form=OptionForm,
            formset=BaseOptionFormSet,
            extra=0,
            can_delete=False,
            fields=["text"],
        )
    else:
        formset_class = inlineformset_factory(
            Question,
            Option,
            form=OptionForm,
            formset=BaseOptionFormSet,
            extra=6 if question.pk is None else 3,
            can_delete=True,
            can_order=True,
            max_num=MAX_OPTIONS,
            validate_max=True,
        )
    return formset_class(data, instance=question, prefix="options")


def unique_code(text: str, taken: set[str], position: int) -> str:
    base = slugify(text)[:36] or f"option-{position + 1}"
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    taken.add(code)
    return code
