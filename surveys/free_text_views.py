"""Free-text review: staff read, tag and delete what families wrote. Never shown publicly."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from districts.models import District, Membership
from districts.scoping import resolve_district
from surveys.collection_views import SurveyMixin
from surveys.free_text_forms import AnswerReviewForm, FreeTextFilterForm, TagForm
from surveys.languages import BY_CODE
from surveys.models import Answer, FreeTextTag, Survey

PER_PAGE = 25
# The only query parameters a redirect carries back to the list: nothing else is echoed.
BACK_PARAMETERS = ("status", "tag", "page")


def survey_answers(survey: Survey) -> QuerySet[Answer]:
    """Every answer of the survey that holds a text, with what the list shows in fixed queries."""
    return (
        Answer.objects.filter(response__survey=survey)
        .with_free_text()
        .select_related(
            "question",
            "option",
            "response__collection_point__offering",
            "response__collection_point__place",
        )
        .prefetch_related("tags")
        .order_by("-response__submitted_on", "-pk")
    )


def _back_query(raw: str) -> str:
    kept = QueryDict(raw)
    return urlencode([(key, kept[key]) for key in BACK_PARAMETERS if kept.get(key, "").isalnum()])


def _list_url(district: District, survey: Survey, back: str = "", anchor: str = "") -> str:
    url = reverse("surveys:free_texts", kwargs={"district": district.slug, "survey": survey.pk})
    query = _back_query(back)
    return url + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")


def _scope(request: HttpRequest, district: str, survey: int) -> tuple[District, Survey]:
    scoped = resolve_district(request, district, Membership.Role.STAFF)
    return scoped, get_object_or_404(Survey.objects.for_district(scoped), pk=survey)


def _answer(survey: Survey, pk: int) -> Answer:
    return get_object_or_404(
        Answer.objects.filter(response__survey=survey)
        .with_free_text()
        .select_related("question", "option", "response__collection_point"),
        pk=pk,
    )


class FreeTextListView(SurveyMixin, TemplateView):
    """Staff only, reading included: free text may hold what a family did not mean to share."""

    required_role = Membership.Role.STAFF
    template_name = "surveys/free_texts.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        answers = survey_answers(self.survey)
        counts = answers.aggregate(
            total=Count("pk"), unread=Count("pk", filter=Q(text_reviewed=False))
        )
        filter_form = FreeTextFilterForm(self.request.GET or None, survey=self.survey)
        page = Paginator(filter_form.filter(answers), PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        for answer in page.object_list:
            answer.language = BY_CODE.get(answer.response.language)
        return {
            **context,
            "filter_form": filter_form,
            "page_obj": page,
            "answers": page.object_list,
            "counts": counts,
            "is_filtered": bool(self.request.GET.get("status") or self.request.GET.get("tag")),
            "tags": list(self.survey.free_text_tags.annotate(answer_count=Count("answers"))),
            "tag_form": TagForm(survey=self.survey),
            "back": _back_query(self.request.GET.urlencode()),
            "filter_query": _back_query(
                urlencode([(k, v) for k, v in self.request.GET.items() if k != "page"])
            ),
        }


@login_required
def free_text_review(request: HttpRequest, district: str, survey: int, answer: int) -> HttpResponse:
    """Mark one free text as read (or unread) and set its tags."""
    scoped, found = _scope(request, district, survey)
    text = _answer(found, answer)
    back = request.POST.get("back", "")
    if request.method != "POST":
        return redirect(_list_url(scoped, found, anchor=f"answer-{text.pk}"))
    form = AnswerReviewForm(request.POST, survey=found)
    if not form.is_valid():
        # The page offers only this survey's tags; anything else is a tampered post.
        return HttpResponseBadRequest(_("This tag does not belong to the survey."))
    with transaction.atomic():
        text.text_reviewed = form.cleaned_data["reviewed"]
        text.save(update_fields=["text_reviewed"])
        text.tags.set(form.cleaned_data["tags"])
    messages.success(request, _("The free text has been saved."))
    return redirect(_list_url(scoped, found, back, anchor=f"answer-{text.pk}"))


@login_required
def free_text_delete(request: HttpRequest, district: str, survey: int, answer: int) -> HttpResponse:
    """Delete a free text for good, after a confirmation; a chosen answer option stays."""
    scoped, found = _scope(request, district, survey)
    text = _answer(found, answer)
    back = request.POST.get("back", request.GET.get("back", ""))
    if request.method == "POST":
        with transaction.atomic():
            text.delete_free_text()
        messages.success(request, _("The free text has been deleted."))
        return redirect(_list_url(scoped, found, back))
    return render(
        request,
        "surveys/free_text_confirm_delete.html",
        {
            "survey": found,
            "answer": text,
            "language": BY_CODE.get(text.response.language),
            "back": _back_query(back),
            "back_url": _list_url(scoped, found, back, anchor=f"answer-{text.pk}"),
        },
    )


@login_required
def tags(request: HttpRequest, district: str, survey: int) -> HttpResponse:
    """Add a tag to the survey's list (the list itself is on the free-text page)."""
    scoped, found = _scope(request, district, survey)
    if request.method != "POST":
        return redirect(_list_url(scoped, found, anchor="tags"))
    form = TagForm(request.POST, survey=found)
    if form.is_valid():
        form.save()
        messages.success(request, _("The tag “%(name)s” has been added.") % {"name": form.instance})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(_list_url(scoped, found, anchor="tags"))


@login_required
def tag_delete(request: HttpRequest, district: str, survey: int, tag: int) -> HttpResponse:
    """Remove a tag from the list; the free texts it was set on stay."""
    scoped, found = _scope(request, district, survey)
    item = get_object_or_404(
        FreeTextTag.objects.filter(survey=found).annotate(answer_count=Count("answers")), pk=tag
    )
    if request.method == "POST":
        name = item.name
        item.delete()
        messages.success(request, _("The tag “%(name)s” has been deleted.") % {"name": name})
        return redirect(_list_url(scoped, found, anchor="tags"))
    return render(
        request,
        "surveys/free_text_tag_confirm_delete.html",
        {"survey": found, "tag": item, "back_url": _list_url(scoped, found, anchor="tags")},
    )
