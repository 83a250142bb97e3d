"""Forms of the free-text review: filter, read and tag an answer, the survey's tag list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from surveys.models import Answer, FreeTextTag, Survey

UNREAD = "unread"
READ = "read"


class FreeTextFilterForm(forms.Form):
    """Sent with GET, so the filter works without JavaScript and can be bookmarked."""

    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("all free texts")),
            (UNREAD, _("not yet read")),
            (READ, pgettext_lazy("free text", "read")),
        ],
    )
    tag = forms.ModelChoiceField(
        label=_("Tag"), required=False, queryset=FreeTextTag.objects.none()
    )

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tag"].queryset = survey.free_text_tags.all()
        self.fields["tag"].empty_label = _("any tag")

    def filter(self, answers: QuerySet[Answer]) -> QuerySet[Answer]:
        if not self.is_valid():
            return answers
        status = self.cleaned_data.get("status")
        if status == UNREAD:
            answers = answers.filter(text_reviewed=False)
        elif status == READ:
            answers = answers.filter(text_reviewed=True)
        if tag := self.cleaned_data.get("tag"):
            answers = answers.filter(tags=tag)
        return answers


class AnswerReviewForm(forms.Form):
    """Read and tag one free text; tags of another survey are refused."""

    reviewed = forms.BooleanField(label=pgettext_lazy("free text", "read"), required=False)
    tags = forms.ModelMultipleChoiceField(
        label=_("Tags"), required=False, queryset=FreeTextTag.objects.none()
    )

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tags"].queryset = survey.free_text_tags.all()


class TagForm(forms.ModelForm):
    class Meta:
        model = FreeTextTag
        fields = ["name"]
        labels = {"name": _("New tag")}

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.instance.survey = survey
        self.fields["name"].widget.attrs.update(placeholder=_("for example: opening hours"))

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        # The constraint is on the exact name; "Wochenende" and "wochenende" would
        # split one theme in two.
        if FreeTextTag.objects.filter(survey=self.survey, name__iexact=name).exists():
            raise forms.ValidationError(
                _("This survey already has the tag “%(name)s”.") % {"name": name}
            )
        return name
