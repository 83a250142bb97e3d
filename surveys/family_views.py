"""The family's survey form behind a collection point's short link (/s/<code>/).

Anonymous, no JavaScript: every page is a GET showing the saved answers, every button a
POST that saves and redirects (POST-redirect-GET), so the browser's back button shows the
previous page with its answers. Unfinished answers live only in the session; the rules
are in surveys/family_form.py.

Privacy rules: nothing about the family goes into a URL or a log; the response stores no
address, agent, session or time; after sending, an anonymous session is flushed so a
shared tablet keeps nothing of the family.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.views.csrf import csrf_failure as django_csrf_failure
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET, require_http_methods

from surveys import throttle
from surveys.family_form import (
    Answers,
    FieldError,
    PageResult,
    SurveyStructure,
    complete_answers,
    error_message,
    form_language,
    form_text,
    form_texts,
    is_last_page,
    page_after,
    page_before,
    progress,
    read_page,
    submit_response,
    thanks_hint,
    visible_pages,
    visible_question_ids,
    with_page,
)
from surveys.languages import GERMAN
from surveys.languages import get as get_language
from surveys.models import TEXT_MAX_LENGTH, CollectionPoint, Option, Page, Question
from surveys.models.collection import normalise_code
from surveys.texts import SurveyTexts
from surveys.thanks import help_offerings

DRAFT_KEY = "survey-draft:{code}"
THANKS_KEY = "survey-thanks"
THANKS_SECONDS = 10 * 60
HONEYPOT = "website"
LANGUAGE_PARAMETER = "sprache"
EXPIRED_PARAMETER = "abgelaufen"
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


# ---------------------------------------------------------------------------
# Small helpers: the collection point, the draft, the language
# ---------------------------------------------------------------------------


def _point(code: str) -> CollectionPoint | None:
    return (
        CollectionPoint.objects.select_related("survey__district")
        .filter(code=code, is_active=True)
        .first()
    )


def _draft(request: HttpRequest, point: CollectionPoint) -> dict[str, Any] | None:
    draft = request.session.get(DRAFT_KEY.format(code=point.code))
    return draft if isinstance(draft, dict) and isinstance(draft.get("answers"), dict) else None


def _save_draft(request: HttpRequest, point: CollectionPoint, draft: dict[str, Any]) -> None:
    request.session[DRAFT_KEY.format(code=point.code)] = draft
    if not request.user.is_authenticated:
        # The family's answers are gone a few hours after the last click.
        request.session.set_expiry(settings.SURVEY_DRAFT_SECONDS)


def _offered(point: CollectionPoint, code: str | None) -> str | None:
    return code if code and point.survey.offers(code) else None


def _language(request: HttpRequest, point: CollectionPoint, draft: dict[str, Any] | None) -> str:
    return (
        _offered(point, request.POST.get(LANGUAGE_PARAMETER))
        or _offered(point, request.GET.get(LANGUAGE_PARAMETER))
        or _offered(point, (draft or {}).get("lang"))
        or GERMAN
    )


def _start_url(point: CollectionPoint, language: str = GERMAN, **extra: str) -> str:
    query = {**({LANGUAGE_PARAMETER: language} if language != GERMAN else {}), **extra}
    url = reverse("surveys:family_start", kwargs={"code": point.code})
    return f"{url}?{urlencode(query)}" if query else url


def _page_url(point: CollectionPoint, structure: SurveyStructure, page: Page) -> str:
    return reverse(
        "surveys:family_page",
        kwargs={"code": point.code, "number": structure.page_number(page)},
    )


def _thanks_url(point: CollectionPoint, language: str) -> str:
    url = reverse("surveys:family_thanks", kwargs={"code": point.code})
    return f"{url}?{urlencode({LANGUAGE_PARAMETER: language})}" if language != GERMAN else url


def _honeypot_filled(request: HttpRequest) -> bool:
    return bool(request.POST.get(HONEYPOT, "").strip())


def _base_context(point: CollectionPoint, language: str, switch_url: str) -> dict[str, Any]:
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
                "url": f"{switch_url}?{urlencode({LANGUAGE_PARAMETER: offered.code})}",
                "current": offered.code == language,
            }
            for offered in survey.offered_languages
        ],
    }


def _render(
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


def _fallback_lang(language: str, shown: str, german: str) -> str:
    """'de' where a text is shown in German because its translation is missing, so screen
    readers switch voice (WCAG 3.1.2); '' otherwise."""
    if not shown or get_language(language).lang_attribute == "de":
        return ""
    return "de" if shown == german else ""


def _not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/family/not_found.html", status=404)


def _unknown_code(request: HttpRequest, code: str) -> HttpResponse:
    """A code that is not (or no longer) a collection point's: 404, counted against guessing."""
    normalised = normalise_code(code)
    if normalised != code:
        point = _point(normalised)
        if point is not None:
            return redirect(point)
    if not throttle.allow(request, throttle.Scope.UNKNOWN_CODE):
        return render(request, "surveys/family/not_found.html", {"too_many": True}, status=429)
    return _not_found(request)


def _closed(
    request: HttpRequest, point: CollectionPoint, language: str, switch_url: str
) -> HttpResponse:
    """A draft, closed or archived survey, or one outside its period: nothing is stored."""
    context = _base_context(point, language, switch_url)
    context["texts"] = SurveyTexts(point.survey, language)
    return _render(request, "closed.html", context, status=400 if request.method == "POST" else 200)


def _too_many(
    request: HttpRequest, point: CollectionPoint, language: str, switch_url: str
) -> HttpResponse:
    context = _base_context(point, language, switch_url)
    context["texts"] = SurveyTexts(point.survey, language)
    return _render(request, "too_many.html", context, status=429)


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


@family_view
@require_GET
def family_code(request: HttpRequest) -> HttpResponse:
    """Type the code from a paper flyer: lands on the survey's start page."""
    typed = request.GET.get("code", "")
    context: dict[str, Any] = {"typed": typed[:40]}
    if typed.strip():
        code = normalise_code(typed)
        point = _point(code) if code else None
        if point is not None:
            return redirect(point)
        if not throttle.allow(request, throttle.Scope.UNKNOWN_CODE):
            return render(request, "surveys/family/not_found.html", {"too_many": True}, status=429)
        context["not_found"] = True
    return render(request, "surveys/family/code.html", context)


@family_view
@require_http_methods(["GET", "POST"])
def family_start(request: HttpRequest, code: str) -> HttpResponse:
    point = _point(code)
    if point is None:
        return _unknown_code(request, code)
    survey = point.survey
    draft = _draft(request, point)
    language = _language(request, point, draft)
    switch_url = reverse("surveys:family_start", kwargs={"code": point.code})
    if not survey.accepts_responses():
        return _closed(request, point, language, switch_url)
    if request.method == "POST":
        if _honeypot_filled(request):
            return redirect(_thanks_url(point, language))
        if draft is None:
            if not throttle.allow(request, throttle.Scope.START):
                return _too_many(request, point, language, switch_url)
            draft = {"lang": language, "answers": {}}
            point.count_start()
        draft["lang"] = language
        _save_draft(request, point, draft)
        structure = SurveyStructure.load(survey)
        pages = visible_pages(structure, draft["answers"])
        if not pages:
            return redirect(_start_url(point, language))
        return redirect(_page_url(point, structure, pages[0]))
    context = _base_context(point, language, switch_url)
    texts = SurveyTexts(survey, language)
    context.update(
        texts=texts,
        title_lang=_fallback_lang(language, texts.title, survey.title),
        intro_lang=_fallback_lang(language, texts.intro, survey.intro),
        has_draft=draft is not None,
        expired=draft is None and EXPIRED_PARAMETER in request.GET,
        results_text=form_text(
            "results_min_group", form_language(language), size=survey.min_group_size
        ),
    )
    return _render(request, "start.html", context)


@family_view
@require_http_methods(["GET", "POST"])
def family_page(request: HttpRequest, code: str, number: int) -> HttpResponse:
    point = _point(code)
    if point is None:
        return _unknown_code(request, code)
    survey = point.survey
    draft = _draft(request, point)
    language = _language(request, point, draft)
    page_path = reverse("surveys:family_page", kwargs={"code": point.code, "number": number})
    if not survey.accepts_responses():
        return _closed(request, point, language, page_path)
    structure = SurveyStructure.load(survey)
    if not 1 <= number <= len(structure.pages):
        return _not_found(request)
    page = structure.pages[number - 1]
    if draft is None:
        if request.method == "POST" and _honeypot_filled(request):
            return redirect(_thanks_url(point, language))
        return redirect(_start_url(point, language, **{EXPIRED_PARAMETER: "1"}))
    answers: Answers = draft["answers"]
    if request.method == "GET":
        if language != draft.get("lang"):
            # The language switch: remember the choice, then show the page again (PRG).
            draft["lang"] = language
            _save_draft(request, point, draft)
            return redirect(page_path)
        if page not in visible_pages(structure, answers):
            target = page_after(structure, answers, page) or page_before(structure, answers, page)
            return redirect(
                _page_url(point, structure, target) if target else _start_url(point, language)
            )
        return _show_page(request, point, structure, page, language, answers)
    return _post_page(request, point, structure, page, draft)


def _post_page(
    request: HttpRequest,
    point: CollectionPoint,
    structure: SurveyStructure,
    page: Page,
    draft: dict[str, Any],
) -> HttpResponse:
    language: str = draft["lang"]
    answers: Answers = draft["answers"]
    if _honeypot_filled(request):
        # A bot: it sees the thank-you page, and nothing it sent is kept.
        request.session.pop(DRAFT_KEY.format(code=point.code), None)
        return redirect(_thanks_url(point, language))
    result = read_page(structure, page, answers, request.POST)
    if result.tampered or page not in visible_pages(structure, answers):
        if not result.tampered:
            result.stray.append(FieldError("error_invalid", tampered=True))
        return _show_page(request, point, structure, page, language, answers, result, status=400)
    if request.POST.get("nav") == "back":
        # Going back keeps what was entered, even if a required answer is still missing.
        draft["answers"] = with_page(structure, page, answers, result, keep_invalid=True)
        _save_draft(request, point, draft)
        previous = page_before(structure, draft["answers"], page)
        return redirect(
            _page_url(point, structure, previous) if previous else _start_url(point, language)
        )
    if not result.valid:
        return _show_page(request, point, structure, page, language, answers, result)
    answers = draft["answers"] = with_page(structure, page, answers, result)
    following = page_after(structure, answers, page)
    if following is not None:
        _save_draft(request, point, draft)
        return redirect(_page_url(point, structure, following))
    return _send(request, point, structure, draft)


def _send(
    request: HttpRequest,
    point: CollectionPoint,
    structure: SurveyStructure,
    draft: dict[str, Any],
) -> HttpResponse:
    language: str = draft["lang"]
    _save_draft(request, point, draft)
    completion = complete_answers(structure, draft["answers"])
    if not completion.complete:
        # A required answer on an earlier page is missing (skipped with "back"): show it.
        page = completion.missing[0][0]
        result = PageResult(
            errors={
                question.pk: FieldError("error_choose_answer", missing=True)
                if question.has_options
                else FieldError("error_required", missing=True)
                for missing_page, question in completion.missing
                if missing_page == page
            }
        )
        return _show_page(request, point, structure, page, language, draft["answers"], result)
    switch_url = reverse("surveys:family_start", kwargs={"code": point.code})
    if not throttle.allow(request, throttle.Scope.SUBMIT):
        return _too_many(request, point, language, switch_url)
    submit_response(
        structure, collection_point=point, language=language, answers=completion.answers
    )
    hint = {"code": point.code, "lang": language, **thanks_hint(structure, completion.answers)}
    if request.user.is_authenticated:
        # Staff trying their own form keep their login; only the draft goes.
        request.session.pop(DRAFT_KEY.format(code=point.code), None)
    else:
        request.session.flush()
        request.session.set_expiry(THANKS_SECONDS)
    request.session[THANKS_KEY] = hint
    return redirect(_thanks_url(point, language))


@family_view
@require_GET
def family_thanks(request: HttpRequest, code: str) -> HttpResponse:
    point = _point(code)
    if point is None:
        return _unknown_code(request, code)
    hint = request.session.pop(THANKS_KEY, None)
    if hint is not None and not request.user.is_authenticated:
        request.session.flush()  # the hint was the last thing of the family in the session
    if not isinstance(hint, dict) or hint.get("code") != point.code:
        hint = {}
    language = _offered(point, request.GET.get(LANGUAGE_PARAMETER)) or GERMAN
    switch_url = reverse("surveys:family_thanks", kwargs={"code": point.code})
    context = _base_context(point, language, switch_url)
    context["texts"] = SurveyTexts(point.survey, language)
    context["offerings"] = help_offerings(
        point.survey.district,
        area_id=hint.get("area") if isinstance(hint.get("area"), int) else None,
        language_keys=[str(key) for key in hint.get("languages") or []],
    )
    return _render(request, "thanks.html", context)


def csrf_failure(request: HttpRequest, reason: str = "", **kwargs: Any) -> HttpResponse:
    """A family's form expired or cookies are blocked: a plain German page, not Django's."""
    prefix = reverse("surveys:family_code")
    if not request.path.startswith(prefix):
        return django_csrf_failure(request, reason, **kwargs)
    try:
        code = resolve(request.path).kwargs.get("code", "")
    except Resolver404:
        code = ""
    restart_url = reverse("surveys:family_start", kwargs={"code": code}) if code else prefix
    response = render(
        request, "surveys/family/csrf_failure.html", {"restart_url": restart_url}, status=403
    )
    response["Cache-Control"] = "no-store"
    return response


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


def _show_page(
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
    survey = point.survey
    texts = SurveyTexts(survey, language)
    shown = visible_question_ids(structure, answers)
    questions = []
    for question in structure.page_questions(page):
        if question.pk not in shown:
            continue
        key = str(question.pk)
        entered = (result.entered if result else answers).get(key) or {}
        error = result.errors.get(question.pk) if result else None
        questions.append(
            _question_view(
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
    page_path = _page_url(point, structure, page)
    step = progress(structure, answers, page)
    context = _base_context(point, language, page_path)
    texts_language = form_language(language)
    page_title = texts.page_title(page) or texts.title
    context.update(
        texts=texts,
        page=page,
        page_title=page_title,
        page_title_lang=_fallback_lang(language, page_title, page.title or survey.title),
        page_intro=texts.page_intro(page),
        page_intro_lang=_fallback_lang(language, texts.page_intro(page), page.intro),
        page_url=page_path,
        questions=questions,
        has_scale=any(q.is_scale for q in questions),
        summary=summary,
        step=step,
        progress_text=form_text("progress", texts_language, current=step.current, total=step.total),
        is_last=is_last_page(structure, answers, page),
        max_characters=form_text("max_characters", texts_language, max=TEXT_MAX_LENGTH),
        text_max_length=TEXT_MAX_LENGTH,
    )
    return _render(request, "page.html", context, status=status)


def _question_view(
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
    view.label_lang = _fallback_lang(texts.language, view.label, question.text)
    view.help_lang = _fallback_lang(texts.language, view.help_text, question.help_text)
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
