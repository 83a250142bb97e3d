"""Surveys of a district: list, create, edit, delete, status, and the preview in one language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, ListView, TemplateView, UpdateView, View

from districts.models import Membership
from districts.scoping import DistrictFormMixin, DistrictMixin
from surveys.block_texts import FORM_TEXTS
from surveys.forms_survey import StatusForm, SurveyForm
from surveys.languages import BY_CODE, GERMAN
from surveys.models import Option, Question, Response, Survey
from surveys.texts import SurveyTexts

# What the coordinators' button says for each status it moves to.
STATUS_ACTIONS = {
    Survey.Status.OPEN: gettext_lazy("Open for answers"),
    Survey.Status.CLOSED: gettext_lazy("Close"),
    Survey.Status.ARCHIVED: gettext_lazy("Archive"),
}
STATUS_DONE = {
    Survey.Status.OPEN: gettext_lazy("The survey is open: families can answer through its links."),
    Survey.Status.CLOSED: gettext_lazy("The survey is closed: it accepts no more answers."),
    Survey.Status.ARCHIVED: gettext_lazy("The survey has been archived."),
}


def _text(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def builder_url(survey: Survey, anchor: str = "") -> str:
    url = reverse("surveys:detail", kwargs={"district": survey.district.slug, "survey": survey.pk})
    return f"{url}#{anchor}" if anchor else url


def status_actions(survey: Survey) -> list[dict[str, str]]:
    """The buttons for the statuses that may follow the current one."""
    actions = []
    for status in Survey.TRANSITIONS.get(survey.status, ()):
        label = STATUS_ACTIONS[status]
        if status == Survey.Status.OPEN and survey.status == Survey.Status.CLOSED:
            label = gettext_lazy("Reopen")
        actions.append({"to": status, "label": str(label)})
    return actions


class SurveyMixin(DistrictMixin):
    """Pages of one survey: it is looked up among the district's surveys, others are 404."""

    def get_survey(self) -> Survey:
        if not hasattr(self, "survey"):
            self.survey = get_object_or_404(
                Survey.objects.for_district(self.district).select_related("district"),
                pk=self.kwargs["survey"],
            )
        return self.survey

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "survey": self.get_survey()}

    def http_method_not_allowed(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        # Another district's survey is "not found" whatever the method, so nothing leaks.
        self.get_survey()
        return super().http_method_not_allowed(request, *args, **kwargs)


def _count(model: type, **filters: Any) -> Coalesce:
    rows = (
        model.objects.filter(survey=OuterRef("pk"), **filters)
        .order_by()
        .values("survey")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


class SurveyListView(DistrictMixin, ListView):
    template_name = "surveys/survey_list.html"
    context_object_name = "surveys"

    def get_queryset(self) -> QuerySet[Survey]:
        # Subqueries, not joins: joining questions and responses would multiply the rows.
        return Survey.objects.for_district(self.district).annotate(
            question_count=_count(Question), response_count=_count(Response)
        )


class SurveyCreateView(DistrictFormMixin, CreateView):
    model = Survey
    form_class = SurveyForm
    template_name = "surveys/survey_form.html"

    def form_valid(self, form: SurveyForm) -> HttpResponse:
        form.instance.created_by = self.request.user
        response = super().form_valid(form)
        messages.success(
            self.request,
            _("The survey has been created as a draft. Now add questions or ready-made blocks."),
        )
        return response

    def get_success_url(self) -> str:
        return builder_url(self.object)


class SurveyUpdateView(SurveyMixin, DistrictFormMixin, UpdateView):
    form_class = SurveyForm
    template_name = "surveys/survey_form.html"

    def get_object(self, queryset: Any = None) -> Survey:
        return self.get_survey()

    def form_valid(self, form: SurveyForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("The survey has been saved."))
        return response

    def get_success_url(self) -> str:
        return builder_url(self.object)


class SurveyDeleteView(SurveyMixin, DeleteView):
    """Only a draft nobody has answered can go; anything else is archived instead."""

    required_role = Membership.Role.STAFF
    template_name = "surveys/survey_confirm_delete.html"
    context_object_name = "survey"

    def get_object(self, queryset: Any = None) -> Survey:
        return self.get_survey()

    def deletable(self) -> bool:
        survey = self.get_survey()
        return survey.status == Survey.Status.DRAFT and not survey.responses.exists()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        survey = self.get_survey()
        return {
            **super().get_context_data(**kwargs),
            "deletable": self.deletable(),
            "question_count": survey.questions.count(),
            "collection_point_count": survey.collection_points.count(),
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.deletable():
            return _text(
                _("Only drafts without answers can be deleted. Archive the survey instead.")
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        title = self.object.title
        response = super().form_valid(form)
        messages.success(
            self.request, _("The survey “%(title)s” has been deleted.") % {"title": title}
        )
        return response

    def get_success_url(self) -> str:
        return reverse("surveys:list", kwargs={"district": self.district.slug})


class SurveyStatusView(SurveyMixin, View):
    """POST only: coordinators open, close, reopen and archive along Survey.TRANSITIONS."""

    required_role = Membership.Role.COORDINATOR
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.get_survey()  # another district's survey is 404 before anything is checked
        form = StatusForm(request.POST)
        if not form.is_valid():
            return _text(_("This change of status is not possible."))
        # Lock the row: two coordinators pressing a button at once must not both pass the check.
        with transaction.atomic():
            survey = get_object_or_404(
                Survey.objects.for_district(self.district).select_for_update(),
                pk=kwargs["survey"],
            )
            try:
                survey.move_to(form.cleaned_data["to"])
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect(builder_url(survey))
        messages.success(request, str(STATUS_DONE[survey.status]))
        return redirect(builder_url(survey))


@dataclass(frozen=True)
class Shown:
    """A family-facing text, and whether it is the German fallback (marked lang="de" then)."""

    text: str
    fallback: bool = False

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


class SurveyPreviewView(SurveyMixin, TemplateView):
    """The survey as families read it in one language, read-only; drafts included."""

    template_name = "surveys/survey_preview.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        survey = self.get_survey()
        code = self.request.GET.get("sprache", GERMAN)
        if not survey.offers(code):
            code = GERMAN
        texts = SurveyTexts(survey, code)
        translated = texts.language != GERMAN

        def shown(text: str, german: str) -> Shown:
            return Shown(text, translated and text == german)

        pages = list(
            survey.pages.order_by("position", "pk").prefetch_related(
                Prefetch(
                    "questions",
                    queryset=Question.objects.order_by("position", "pk")
                    .select_related("show_if_option__question")
                    .prefetch_related(
                        Prefetch("options", queryset=Option.objects.order_by("position", "pk"))
                    ),
                )
            )
        )
        shown_pages: list[dict[str, Any]] = []
        for page in pages:
            questions = [
                {
                    "question": question,
                    "text": shown(texts.question(question), question.text),
                    "help_text": shown(texts.help_text(question), question.help_text),
                    "options": [
                        (option, shown(texts.option(option), option.text))
                        for option in question.options.all()
                    ],
                }
                for question in page.questions.all()
            ]
            shown_pages.append(
                {
                    "page": page,
                    "title": shown(texts.page_title(page), page.title),
                    "intro": shown(texts.page_intro(page), page.intro),
                    "questions": questions,
                }
            )
        hints = {
            key: shown(FORM_TEXTS[key].get(texts.language, ""), "")
            or Shown(FORM_TEXTS[key][GERMAN], translated)
            for key in ("optional", "choose_all", "no_names")
        }
        return {
            **super().get_context_data(**kwargs),
            "title": shown(texts.title, survey.title),
            "intro": shown(texts.intro, survey.intro),
            "hints": hints,
            "language": BY_CODE[texts.language],
            "pages": shown_pages,
        }
