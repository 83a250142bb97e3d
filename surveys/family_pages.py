"""Rendering the family's pages: the headers every page gets, the shared context, the
friendly error pages, and a page of questions with its saved answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.gzip import gzip_page

from surveys import throttle
from surveys.family_cache import cached_render, survey_key
from surveys.family_pictograms import pictogram_for, symbols
from surveys.family_session import (
    ACCESS_CODE_PARAMETER,
    EXPIRED_PARAMETER,
    LANGUAGE_PARAMETER,
    find_point,
    page_url,
)
from surveys.family_structure import (
    Answers,
    Progress,
    SurveyStructure,
    is_last_page,
    progress,
    visible_question_ids,
)
from surveys.family_texts import form_language, form_text, form_texts
from surveys.family_validation import PageResult, error_message
from surveys.languages import get as get_language
from surveys.models import TEXT_MAX_LENGTH, CollectionPoint, Option, Page, Question
from surveys.models.collection import normalise_code
from surveys.texts import SurveyTexts

# Faces from unhappy to happy for the five steps of a scale (drawn in _smileys.html).
SMILEY_STEPS = {1: "s1", 2: "s2", 3: "s3", 4: "s4", 5: "s5"}

View = Callable[..., HttpResponse]


def family_view(view: View) -> View:
    """Headers for every family page: not cached, not indexed, the link not passed on.

    Referrer-Policy is same-origin, not no-referrer: under no-referrer browsers send
    "Origin: null" with the form's POST and Django's CSRF check refuses every answer.
    same-origin still gives no other host the survey's address.

    gzip is safe here despite BREACH: Django masks the CSRF token anew in every response
    (and adds random bytes to the gzip header), and no other secret is on these pages.
    """

    @gzip_page
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapper


def base_context(
    point: CollectionPoint,
    language: str,
    switch_url: str,
    *,
    keep: dict[str, str] | None = None,
) -> dict[str, Any]:
    """What every family page shows: the district, the form's texts, the language switch.

    `keep`: query parameters the language switch carries along (a code from the link).
    """
    survey = point.survey
    texts_language = form_language(language)
    return {
        "point": point,
        "survey": survey,
        "district": survey.district,
        "language": get_language(language),
        "t": form_texts(texts_language, district=survey.district.name),
        "languages": [
            {
                "language": offered,
                "url": f"{switch_url}?{urlencode({**(keep or {}), LANGUAGE_PARAMETER: offered.code})}",
                "current": offered.code == language,
            }
            for offered in survey.offered_languages
        ],
    }


def with_language(response: HttpResponse, language: str) -> HttpResponse:
    response["Content-Language"] = get_language(language).lang_attribute
    return response


def render_family(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    status: int = 200,
) -> HttpResponse:
    response = render(request, f"surveys/family/{template}", context, status=status)
    if "language" in context:
        response["Content-Language"] = context["language"].lang_attribute
    return response


def fallback_lang(language: str, shown: str, german: str) -> str:
    """'de' where a text is shown in German because its translation is missing, so screen
    readers switch voice (WCAG 3.1.2); '' otherwise."""
    if not shown or get_language(language).lang_attribute == "de":
        return ""
    return "de" if shown == german else ""


def not_found(request: HttpRequest, *, tablet_link: bool = False) -> HttpResponse:
    """The plain German 404 (the family's language is not known yet); staff opening an
    expired or broken tablet link learn where to get a new one."""
    return render(
        request, "surveys/family/not_found.html", {"tablet_link": tablet_link}, status=404
    )


def unknown_code(request: HttpRequest, code: str) -> HttpResponse:
    """A code that is not (or no longer) a collection point's: 404, counted against guessing."""
    normalised = normalise_code(code)
    if normalised != code:
        point = find_point(normalised)
        if point is not None:
            return redirect(point)
    if not throttle.allow(request, throttle.Scope.UNKNOWN_CODE):
        return render(request, "surveys/family/not_found.html", {"too_many": True}, status=429)
    return not_found(request)


def closed(
    request: HttpRequest, point: CollectionPoint, language: str, switch_url: str
) -> HttpResponse:
    """A draft, closed or archived survey, or one outside its period: nothing is stored."""
    context = base_context(point, language, switch_url)
    context["texts"] = SurveyTexts.for_family(point.survey, language)
    return render_family(
        request, "closed.html", context, status=400 if request.method == "POST" else 200
    )


def too_many(
    request: HttpRequest, point: CollectionPoint, language: str, switch_url: str
) -> HttpResponse:
    context = base_context(point, language, switch_url)
    context["texts"] = SurveyTexts.for_family(point.survey, language)
    return render_family(request, "too_many.html", context, status=429)


@dataclass(frozen=True)
class CodeField:
    """The start page's field for a one-time access code."""

    value: str = ""
    error: str = ""


def show_start(
    request: HttpRequest,
    point: CollectionPoint,
    language: str,
    draft: dict[str, Any] | None,
    *,
    in_tablet_mode: bool,
    code_field: CodeField | None = None,
    status: int = 200,
) -> HttpResponse:
    """The survey's start page: what it is about, who asks, and the start button.

    `code_field`: the survey needs a one-time code and the draft has none yet.
    """
    survey = point.survey
    expired = draft is None and not in_tablet_mode and EXPIRED_PARAMETER in request.GET

    def context() -> dict[str, Any]:
        switch_url = reverse("surveys:family_start", kwargs={"code": point.code})
        keep = (
            {ACCESS_CODE_PARAMETER: code_field.value} if code_field and code_field.value else None
        )
        texts = SurveyTexts.for_family(survey, language)
        return {
            **base_context(point, language, switch_url, keep=keep),
            "texts": texts,
            "title_lang": fallback_lang(language, texts.title, survey.title),
            "intro_lang": fallback_lang(language, texts.intro, survey.intro),
            "has_draft": draft is not None,
            "expired": expired,
            "in_tablet_mode": in_tablet_mode,
            "code_field": code_field,
            "code_parameter": ACCESS_CODE_PARAMETER,
            "results_text": form_text(
                "results_min_group", form_language(language), size=survey.min_group_size
            ),
        }

    if status == 200 and (code_field is None or code_field == CodeField()):
        key = (
            "start",
            survey_key(point, language),
            draft is not None,
            expired,
            in_tablet_mode,
            code_field is not None,
        )
        return with_language(
            cached_render(request, key, "surveys/family/start.html", context), language
        )
    return render_family(request, "start.html", context(), status=status)


# ---------------------------------------------------------------------------
# Showing a page of questions
# ---------------------------------------------------------------------------


@dataclass
class OptionView:
    option: Option
    input_id: str
    label: str
    checked: bool
    other_name: str = ""
    other_id: str = ""
    other_value: str = ""
    smiley: str = ""
    pictogram: str = ""  # a symbol of surveys/family_pictograms.py


@dataclass
class QuestionView:
    question: Question
    name: str
    input_id: str  # the first input: where the error summary's link jumps to
    label: str
    help_text: str
    error: str = ""
    options: list[OptionView] = field(default_factory=list)
    value: str = ""
    range_hint: str = ""
    label_lang: str = ""
    help_lang: str = ""
    choose_hint: str = ""
    names_hint: str = ""  # free texts: "please do not write names", unless the help says it
    marker: str = ""  # "please answer" or "optional"
    describedby: str = ""

    @property
    def kind(self) -> str:
        return str(self.question.kind)

    @property
    def is_choice(self) -> bool:
        return self.question.has_options

    @property
    def is_multiple(self) -> bool:
        return self.question.is_multiple

    @property
    def is_scale(self) -> bool:
        return self.question.kind == Question.Kind.SCALE


def show_page(
    request: HttpRequest,
    point: CollectionPoint,
    structure: SurveyStructure,
    page: Page,
    language: str,
    answers: Answers,
    result: PageResult | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    shown = visible_question_ids(structure, answers)
    on_page = [q for q in structure.page_questions(page) if q.pk in shown]
    step = progress(structure, answers, page)
    is_last = is_last_page(structure, answers, page)

    def context() -> dict[str, Any]:
        return page_context(
            point, structure, page, language, answers, result, on_page, step, is_last
        )

    # A page the family has not answered yet looks the same for everyone: rendered once.
    if result is None and status == 200 and not any(answers.get(str(q.pk)) for q in on_page):
        key = (
            "page",
            survey_key(point, language),
            page.pk,
            tuple(q.pk for q in on_page),
            step,
            is_last,
        )
        return with_language(
            cached_render(request, key, "surveys/family/page.html", context), language
        )
    return render_family(request, "page.html", context(), status=status)


def page_context(
    point: CollectionPoint,
    structure: SurveyStructure,
    page: Page,
    language: str,
    answers: Answers,
    result: PageResult | None,
    on_page: list[Question],
    step: Progress,
    is_last: bool,
) -> dict[str, Any]:
    survey = point.survey
    texts = SurveyTexts.for_family(survey, language)
    questions = []
    for question in on_page:
        key = str(question.pk)
        entered = (result.entered if result else answers).get(key) or {}
        error = result.errors.get(question.pk) if result else None
        questions.append(
            question_view(
                question,
                texts,
                entered,
                error_message(error, language, structure, texts) if error else "",
            )
        )
    summary = [{"message": q.error, "href": f"#{q.input_id}"} for q in questions if q.error]
    if result:
        rendered = {q.question.pk for q in questions}
        loose = [e for pk, e in result.errors.items() if pk not in rendered] + result.stray
        for message in dict.fromkeys(error_message(e, language, structure, texts) for e in loose):
            summary.append({"message": message, "href": ""})
    page_path = page_url(point, structure, page)
    context = base_context(point, language, page_path)
    texts_language = form_language(language)
    page_title = texts.page_title(page) or texts.title
    context.update(
        texts=texts,
        page=page,
        page_title=page_title,
        page_title_lang=fallback_lang(language, page_title, page.title or survey.title),
        page_intro=texts.page_intro(page),
        page_intro_lang=fallback_lang(language, texts.page_intro(page), page.intro),
        page_url=page_path,
        questions=questions,
        has_scale=any(q.is_scale for q in questions),
        pictograms=symbols(o.pictogram for q in questions for o in q.options if o.pictogram),
        summary=summary,
        step=step,
        progress_text=form_text("progress", texts_language, current=step.current, total=step.total),
        is_last=is_last,
        max_characters=form_text("max_characters", texts_language, max=TEXT_MAX_LENGTH),
        text_max_length=TEXT_MAX_LENGTH,
    )
    return context


def question_view(
    question: Question, texts: SurveyTexts, entered: dict[str, Any], error: str
) -> QuestionView:
    language = form_language(texts.language)
    name = question.field_name
    view = QuestionView(
        question=question,
        name=name,
        input_id=name,
        label=texts.question(question),
        help_text=texts.help_text(question),
        error=error,
    )
    view.label_lang = fallback_lang(texts.language, view.label, question.text)
    view.help_lang = fallback_lang(texts.language, view.help_text, question.help_text)
    if question.has_options:
        choose = form_text("choose_all" if question.is_multiple else "choose_one", language)
        # The blocks' hints often say it already; a family should not read it twice.
        view.choose_hint = "" if choose in view.help_text else choose
    if question.required:
        view.marker = form_text("required", language)
    elif question.block != Question.Block.FAMILY:
        # Every hint of the family block starts by saying the question is optional.
        view.marker = form_text("optional", language)
    if question.has_options:
        chosen = set(entered.get("options", []))
        other = entered.get("other") or {}
        for option in question.option_list:  # type: ignore[attr-defined]
            option_view = OptionView(
                option=option,
                input_id=f"{name}-o{option.pk}",
                label=texts.option(option),
                checked=option.pk in chosen,
                smiley=SMILEY_STEPS.get(option.value or 0, "")
                if question.kind == Question.Kind.SCALE
                else "",
            )
            if not option_view.smiley:
                option_view.pictogram = pictogram_for(option)
            if option.is_other:
                option_view.other_name = f"{name}_other{option.pk}"
                option_view.other_id = f"{name}-other{option.pk}"
                option_view.other_value = other.get(str(option.pk), "")
            view.options.append(option_view)
        if view.options:
            view.input_id = view.options[0].input_id
    elif question.kind == Question.Kind.NUMBER:
        view.value = str(entered.get("number", ""))
        if question.min_value is not None and question.max_value is not None:
            view.range_hint = form_text(
                "number_range", language, min=question.min_value, max=question.max_value
            )
    else:
        view.value = str(entered.get("text", ""))
        warning = form_text("no_names", language)
        view.names_hint = "" if warning.rstrip(".") in view.help_text else warning
    # The hint paragraph always says something: the help, how to answer, optional or not.
    view.describedby = f"{name}-help {name}-error" if error else f"{name}-help"
    return view
