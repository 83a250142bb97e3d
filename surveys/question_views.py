"""The survey builder: pages and questions in order, added, edited, moved and deleted by staff.

Once families have answered (survey.structure_locked), pages, questions and options can no
longer be added, removed or moved, and a question keeps its kind: the answers must keep
meaning what they meant. Texts can still be corrected.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DeleteView, TemplateView, UpdateView, View

from districts.models import Membership
from surveys.forms_order import MoveForm, page_move_breaks_conditions, renumber, swapped
from surveys.forms_questions import PageForm, QuestionEditor
from surveys.models import Option, Page, Question
from surveys.survey_views import SurveyMixin, builder_url, status_actions
from surveys.texts import translation_completeness


def locked_message() -> str:
    return _(
        "Families have already answered this survey, so pages, questions and answers can no "
        "longer be added, removed or moved. Texts can still be corrected."
    )


def bad_request(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def builder_pages(survey: Any) -> list[Page]:
    """Pages with their questions, options, conditions and indicator links in five queries."""
    questions = (
        Question.objects.order_by("position", "pk")
        .select_related("show_if_option__question", "offering")
        .prefetch_related(
            Prefetch("options", queryset=Option.objects.order_by("position", "pk")),
            "indicator_links__indicator",
        )
    )
    return list(
        survey.pages.order_by("position", "pk").prefetch_related(
            Prefetch("questions", queryset=questions)
        )
    )


class SurveyDetailView(SurveyMixin, TemplateView):
    template_name = "surveys/survey_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        survey = self.get_survey()
        pages = builder_pages(survey)
        completeness = translation_completeness(survey) if survey.translated_codes else {}
        return {
            **super().get_context_data(**kwargs),
            "pages": pages,
            "question_count": sum(len(page.questions.all()) for page in pages),
            "locked": survey.structure_locked,
            "status_actions": status_actions(survey),
            "completeness": [
                (language, completeness[language.code])
                for language in survey.offered_languages
                if language.code in completeness
            ],
        }


class StructureMixin(SurveyMixin):
    """Staff views that change the survey's structure: refused once families have answered."""

    required_role = Membership.Role.STAFF

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.get_survey().structure_locked:
            messages.error(request, locked_message())
            return redirect(builder_url(self.get_survey()))
        return super().get(request, *args, **kwargs)  # type: ignore[misc]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.get_survey().structure_locked:
            # The page offers no such button any more: this is an old tab or a forged request.
            return bad_request(locked_message())
        return super().post(request, *args, **kwargs)  # type: ignore[misc]


class PageMixin(SurveyMixin):
    required_role = Membership.Role.STAFF

    def get_page(self) -> Page:
        if not hasattr(self, "page"):
            self.page = get_object_or_404(self.get_survey().pages, pk=self.kwargs["page"])
        return self.page

    def get_object(self, queryset: Any = None) -> Page:
        return self.get_page()

    def get_success_url(self) -> str:
        return builder_url(self.get_survey(), f"page-{self.get_page().pk}")


class PageCreateView(StructureMixin, CreateView):
    form_class = PageForm
    template_name = "surveys/page_form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "survey": self.get_survey()}

    def form_valid(self, form: PageForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("The page has been added. Now add its questions."))
        return response

    def get_success_url(self) -> str:
        return builder_url(self.get_survey(), f"page-{self.object.pk}")


class PageUpdateView(PageMixin, UpdateView):
    """Title and introduction only: allowed also after families have answered."""

    form_class = PageForm
    template_name = "surveys/page_form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "survey": self.get_survey()}

    def form_valid(self, form: PageForm) -> HttpResponse:
        messages.success(self.request, _("The page has been saved."))
        return super().form_valid(form)


class PageDeleteView(StructureMixin, PageMixin, DeleteView):
    template_name = "surveys/page_confirm_delete.html"
    context_object_name = "page_obj"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        page = self.get_page()
        return {
            **super().get_context_data(**kwargs),
            "questions": list(page.questions.order_by("position", "pk")),
            "losing_condition": list(
                Question.objects.filter(show_if_option__question__page=page).exclude(page=page)
            ),
        }

    def form_valid(self, form: Any) -> HttpResponse:
        survey = self.get_survey()
        with transaction.atomic():
            self.get_page().delete()
            renumber(list(survey.pages.order_by("position", "pk")))
        messages.success(self.request, _("The page and its questions have been deleted."))
        return redirect(builder_url(survey))


class MoveMixin(SurveyMixin):
    """POST only: one place up or down."""

    required_role = Membership.Role.STAFF
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        survey = self.get_survey()
        item = self.get_item()
        if survey.structure_locked:
            return bad_request(locked_message())
        form = MoveForm(request.POST)
        if not form.is_valid():
            return bad_request(_("Please move up or down."))
        with transaction.atomic():
            siblings = list(self.siblings())
            moved = swapped(siblings, item, form.cleaned_data["direction"])
            if moved is not None:
                problem = self.problem(moved)
                if problem:
                    messages.error(request, problem)
                else:
                    renumber(moved)
        return redirect(builder_url(survey, self.anchor(item)))

    def get_item(self) -> Any:
        raise NotImplementedError

    def siblings(self) -> QuerySet[Any]:
        raise NotImplementedError

    def problem(self, moved: list[Any]) -> str:
        return ""

    def anchor(self, item: Any) -> str:
        return ""


class PageMoveView(MoveMixin, View):
    def http_method_not_allowed(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.get_item()
        return super().http_method_not_allowed(request, *args, **kwargs)

    def get_item(self) -> Page:
        return get_object_or_404(self.get_survey().pages, pk=self.kwargs["page"])

    def siblings(self) -> QuerySet[Page]:
        return self.get_survey().pages.select_for_update().order_by("position", "pk")

    def problem(self, moved: list[Page]) -> str:
        question = page_move_breaks_conditions(moved)
        if question is None:
            return ""
        return _(
            "The page cannot move there: the question “%(question)s” would come before the "
            "answer it depends on."
        ) % {"question": question.text}

    def anchor(self, item: Page) -> str:
        return f"page-{item.pk}"


class QuestionMixin(SurveyMixin):
    required_role = Membership.Role.STAFF

    def get_question(self) -> Question:
        if not hasattr(self, "question"):
            self.question = get_object_or_404(
                Question.objects.filter(survey=self.get_survey()).select_related("page"),
                pk=self.kwargs["question"],
            )
        return self.question


class QuestionMoveView(QuestionMixin, MoveMixin, View):
    def http_method_not_allowed(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.get_item()
        return super().http_method_not_allowed(request, *args, **kwargs)

    def get_item(self) -> Question:
        return self.get_question()

    def siblings(self) -> QuerySet[Question]:
        page = self.get_question().page
        return page.questions.select_for_update().order_by("position", "pk")

    def anchor(self, item: Question) -> str:
        return f"question-{item.pk}"


class QuestionFormMixin(SurveyMixin):
    """Question and options on one page; the editor validates and saves both together."""

    required_role = Membership.Role.STAFF
    template_name = "surveys/question_form.html"

    def editor(self, data: Any = None) -> QuestionEditor:
        raise NotImplementedError

    def render_editor(self, editor: QuestionEditor) -> HttpResponse:
        context = self.get_context_data(
            form=editor.form,
            formset=editor.formset,
            editor=editor,
            locked=editor.locked,
        )
        return self.render_to_response(context)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_editor(self.editor())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        editor = self.editor(request.POST)
        if editor.forged():
            return bad_request(locked_message())
        if not editor.is_valid():
            return self.render_editor(editor)
        question = editor.save()
        messages.success(request, self.done)
        return redirect(builder_url(self.get_survey(), f"question-{question.pk}"))

    done = ""


class QuestionCreateView(StructureMixin, QuestionFormMixin, TemplateView):
    def get_page(self) -> Page:
        if not hasattr(self, "page"):
            self.page = get_object_or_404(self.get_survey().pages, pk=self.kwargs["page"])
        return self.page

    def editor(self, data: Any = None) -> QuestionEditor:
        return QuestionEditor(data, survey=self.get_survey(), page=self.get_page())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "page_obj": self.get_page()}

    @property
    def done(self) -> str:  # type: ignore[override]
        return _("The question has been added.")


class QuestionUpdateView(QuestionMixin, QuestionFormMixin, TemplateView):
    def editor(self, data: Any = None) -> QuestionEditor:
        question = self.get_question()
        return QuestionEditor(data, survey=self.get_survey(), page=question.page, question=question)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        question = self.get_question()
        return {
            **super().get_context_data(**kwargs),
            "page_obj": question.page,
            "question": question,
        }

    @property
    def done(self) -> str:  # type: ignore[override]
        return _("The question has been saved.")


class QuestionDeleteView(StructureMixin, QuestionMixin, DeleteView):
    template_name = "surveys/question_confirm_delete.html"
    context_object_name = "question"

    def get_object(self, queryset: Any = None) -> Question:
        return self.get_question()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "losing_condition": list(
                Question.objects.filter(show_if_option__question=self.get_question())
            ),
        }

    def form_valid(self, form: Any) -> HttpResponse:
        question = self.get_question()
        with transaction.atomic():
            page = question.page
            question.delete()
            renumber(list(page.questions.order_by("position", "pk")))
        messages.success(self.request, _("The question has been deleted."))
        return redirect(builder_url(self.get_survey(), f"page-{page.pk}"))
