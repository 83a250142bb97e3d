"""The family's survey form behind a collection point's short link (/s/<code>/).

Anonymous, no JavaScript needed: every page is a GET showing the saved answers, every button a
POST that saves and redirects (POST-redirect-GET), so the browser's back button shows the
previous page with its answers. Unfinished answers live only in the session
(surveys/family_session.py); the rules are in surveys/family_form.py, the rendering in
surveys/family_pages.py.

Privacy rules: nothing about the family goes into a URL or a log; the response stores no
address, agent, session or time; after sending, an anonymous session is flushed so a
shared device keeps nothing of the family. In tablet mode (surveys/tablet.py) the session
is flushed and put back into tablet mode, and the thank-you page shows nothing that came
from the answers. A one-time access code waits in the draft and is used up in the
transaction that stores the response; nothing links the two.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.views.csrf import csrf_failure as django_csrf_failure
from django.views.decorators.http import require_http_methods, require_safe

from surveys import tablet, throttle
from surveys.family_cache import cached_render, survey_key
from surveys.family_form import (
    AccessCodeRefused,
    Answers,
    FieldError,
    PageResult,
    SurveyStructure,
    complete_answers,
    form_language,
    form_text,
    page_after,
    page_before,
    read_page,
    submit_response,
    thanks_hint,
    visible_pages,
    with_page,
)
from surveys.family_pages import (
    CodeField,
    base_context,
    closed,
    family_view,
    not_found,
    render_family,
    show_page,
    show_start,
    too_many,
    unknown_code,
    with_language,
)
from surveys.family_session import (
    ACCESS_CODE,
    ACCESS_CODE_PARAMETER,
    DRAFT_KEY,
    EXPIRED_PARAMETER,
    LANGUAGE_PARAMETER,
    THANKS_KEY,
    THANKS_SECONDS,
    choose_language,
    find_point,
    get_draft,
    honeypot_filled,
    offered,
    page_url,
    save_draft,
    start_url,
    thanks_url,
)
from surveys.languages import GERMAN
from surveys.models import AccessCode, CollectionPoint, Page, Response
from surveys.models.collection import normalise_code
from surveys.texts import SurveyTexts
from surveys.thanks import help_offerings

# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


@family_view
@require_safe
def family_code(request: HttpRequest) -> HttpResponse:
    """Type the code from a paper flyer: lands on the survey's start page."""
    typed = request.GET.get("code", "")
    context: dict[str, Any] = {"typed": typed[:40]}
    if typed.strip():
        code = normalise_code(typed)
        point = find_point(code) if code else None
        if point is not None:
            return redirect(point)
        if not throttle.allow(request, throttle.Scope.UNKNOWN_CODE):
            return render(request, "surveys/family/not_found.html", {"too_many": True}, status=429)
        context["not_found"] = True
    return render(request, "surveys/family/code.html", context)


@family_view
@require_http_methods(["GET", "HEAD", "POST"])
def family_start(request: HttpRequest, code: str) -> HttpResponse:
    point = find_point(code)
    if point is None:
        return unknown_code(request, code)
    survey = point.survey
    draft = get_draft(request, point)
    language = choose_language(request, point, draft)
    in_tablet_mode = tablet.is_tablet(request, point)
    switch_url = reverse("surveys:family_start", kwargs={"code": point.code})
    if not survey.accepts_responses():
        return closed(request, point, language, switch_url)
    asks_code = survey.requires_access_code and not (draft or {}).get(ACCESS_CODE)
    if request.method in ("GET", "HEAD"):
        typed = request.GET.get(ACCESS_CODE_PARAMETER, "")[:40]
        return show_start(
            request,
            point,
            language,
            draft,
            in_tablet_mode=in_tablet_mode,
            code_field=CodeField(value=typed) if asks_code else None,
        )
    if honeypot_filled(request):
        return redirect(thanks_url(point, language))
    access_code = ""
    if asks_code:
        typed = request.POST.get(ACCESS_CODE_PARAMETER, "").strip()
        found = AccessCode.objects.find(survey, typed) if typed else None
        if found is None:
            if typed and not throttle.allow(request, throttle.Scope.UNKNOWN_CODE):
                return too_many(request, point, language, switch_url)
            key = "access_code_unknown" if typed else "access_code_missing"
            field = CodeField(value=typed[:40], error=form_text(key, form_language(language)))
            return show_start(
                request,
                point,
                language,
                draft,
                in_tablet_mode=in_tablet_mode,
                code_field=field,
                status=400,
            )
        access_code = found.code
    if draft is None:
        scope = throttle.Scope.TABLET_START if in_tablet_mode else throttle.Scope.START
        if not throttle.allow(request, scope):
            return too_many(request, point, language, switch_url)
        draft = {"lang": language, "answers": {}}
        point.count_start()
    draft["lang"] = language
    if access_code:
        # Only until sending: the session is emptied then, and the response never sees it.
        draft[ACCESS_CODE] = access_code
    save_draft(request, point, draft)
    structure = SurveyStructure.for_family(survey)
    pages = visible_pages(structure, draft["answers"])
    if not pages:
        return redirect(start_url(point, language))
    return redirect(page_url(point, structure, pages[0]))


@family_view
@require_http_methods(["GET", "HEAD", "POST"])
def family_page(request: HttpRequest, code: str, number: int) -> HttpResponse:
    # Up to SURVEY_POINT_CACHE_SECONDS old: a page only changes the session; the send reads
    # the point afresh before storing anything.
    point = find_point(code)
    if point is None:
        return unknown_code(request, code)
    survey = point.survey
    draft = get_draft(request, point)
    language = choose_language(request, point, draft)
    page_path = reverse("surveys:family_page", kwargs={"code": point.code, "number": number})
    if not survey.accepts_responses():
        return closed(request, point, language, page_path)
    structure = SurveyStructure.for_family(survey)
    if not 1 <= number <= len(structure.pages):
        return not_found(request)
    page = structure.pages[number - 1]
    if draft is None:
        if request.method == "POST" and honeypot_filled(request):
            return redirect(thanks_url(point, language))
        # On a tablet this is the next family pressing back: no note about lost answers.
        expired = {} if tablet.is_tablet(request, point) else {EXPIRED_PARAMETER: "1"}
        return redirect(start_url(point, language, **expired))
    answers: Answers = draft["answers"]
    if request.method in ("GET", "HEAD"):
        if language != draft.get("lang"):
            # The language switch: remember the choice, then show the page again (PRG).
            draft["lang"] = language
            save_draft(request, point, draft)
            return redirect(page_path)
        if page not in visible_pages(structure, answers):
            target = page_after(structure, answers, page) or page_before(structure, answers, page)
            return redirect(
                page_url(point, structure, target) if target else start_url(point, language)
            )
        return show_page(request, point, structure, page, language, answers)
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
    if honeypot_filled(request):
        # A bot: it sees the thank-you page, and nothing it sent is kept.
        request.session.pop(DRAFT_KEY.format(code=point.code), None)
        return redirect(thanks_url(point, language))
    result = read_page(structure, page, answers, request.POST)
    if result.tampered or page not in visible_pages(structure, answers):
        if not result.tampered:
            result.stray.append(FieldError("error_invalid", tampered=True))
        return show_page(request, point, structure, page, language, answers, result, status=400)
    if request.POST.get("nav") == "back":
        # Going back keeps what was entered, even if a required answer is still missing.
        draft["answers"] = with_page(structure, page, answers, result, keep_invalid=True)
        save_draft(request, point, draft)
        previous = page_before(structure, draft["answers"], page)
        return redirect(
            page_url(point, structure, previous) if previous else start_url(point, language)
        )
    if not result.valid:
        return show_page(request, point, structure, page, language, answers, result)
    answers = draft["answers"] = with_page(structure, page, answers, result)
    following = page_after(structure, answers, page)
    if following is not None:
        save_draft(request, point, draft)
        return redirect(page_url(point, structure, following))
    return _send(request, point, structure, draft)


def _send(
    request: HttpRequest,
    point: CollectionPoint,
    structure: SurveyStructure,
    draft: dict[str, Any],
) -> HttpResponse:
    language: str = draft["lang"]
    save_draft(request, point, draft)
    fresh = find_point(point.code, fresh=True)
    if fresh is None or not fresh.survey.accepts_responses():
        # Closed (or the point switched off) since the page was shown: nothing is stored.
        page_path = reverse("surveys:family_start", kwargs={"code": point.code})
        return closed(request, fresh or point, language, page_path)
    point = fresh
    if point.survey.structure_version != structure.survey.structure_version:
        structure = SurveyStructure.for_family(point.survey)
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
        return show_page(request, point, structure, page, language, draft["answers"], result)
    in_tablet_mode = tablet.is_tablet(request, point)
    scope = throttle.Scope.TABLET_SUBMIT if in_tablet_mode else throttle.Scope.SUBMIT
    if not throttle.allow(request, scope):
        switch_url = reverse("surveys:family_start", kwargs={"code": point.code})
        return too_many(request, point, language, switch_url)
    hint = {"code": point.code, "lang": language, **thanks_hint(structure, completion.answers)}
    try:
        # The draft leaves the session in the response's transaction (sessions are in the
        # same database): if the answer to this request is lost (the database restarting
        # after the commit), the family's retry finds no draft and cannot store it twice.
        with transaction.atomic():
            submit_response(
                structure,
                collection_point=point,
                language=language,
                answers=completion.answers,
                channel=Response.Channel.TABLET if in_tablet_mode else Response.Channel.ONLINE,
                access_code=str(draft.get(ACCESS_CODE, "")),
            )
            _forget_draft(request, point, in_tablet_mode=in_tablet_mode, hint=hint)
    except AccessCodeRefused:
        # The code was used meanwhile (the same slip in two drafts): nothing was stored; the
        # family keeps its answers and may send them with another code.
        draft.pop(ACCESS_CODE, None)
        save_draft(request, point, draft)
        refused = form_text("access_code_refused", form_language(language))
        return show_start(
            request,
            point,
            language,
            draft,
            in_tablet_mode=in_tablet_mode,
            code_field=CodeField(error=refused),
            status=400,
        )
    return redirect(thanks_url(point, language))


def _forget_draft(
    request: HttpRequest, point: CollectionPoint, *, in_tablet_mode: bool, hint: dict[str, Any]
) -> None:
    """Empty the session of the sent draft and save it now, inside the caller's transaction."""
    if in_tablet_mode:
        # The next family starts from an empty session; the thank-you page shows nothing
        # that came from these answers.
        tablet.start_tablet_mode(request, point)
    else:
        if request.user.is_authenticated:
            # Staff trying their own form keep their login; only the draft goes.
            request.session.pop(DRAFT_KEY.format(code=point.code), None)
        else:
            request.session.flush()
            request.session.set_expiry(THANKS_SECONDS)
        request.session[THANKS_KEY] = hint
    request.session.save()


@family_view
@require_safe
def family_thanks(request: HttpRequest, code: str) -> HttpResponse:
    point = find_point(code)
    if point is None:
        return unknown_code(request, code)
    language = offered(point, request.GET.get(LANGUAGE_PARAMETER)) or GERMAN
    in_tablet_mode = tablet.is_tablet(request, point)
    area_id, language_keys = None, []
    if not in_tablet_mode:
        hint = request.session.pop(THANKS_KEY, None)
        if hint is not None and not request.user.is_authenticated:
            request.session.flush()  # the hint was the last thing of the family in the session
        if isinstance(hint, dict) and hint.get("code") == point.code:
            area_id = hint.get("area") if isinstance(hint.get("area"), int) else None
            language_keys = [str(key) for key in hint.get("languages") or []]

    def context() -> dict[str, Any]:
        switch_url = reverse("surveys:family_thanks", kwargs={"code": point.code})
        context = base_context(point, language, switch_url)
        context["texts"] = SurveyTexts.for_family(point.survey, language)
        if in_tablet_mode:
            # Whoever holds the tablet now may be the next family: nothing chosen by answers.
            context.update(in_tablet_mode=True, next_url=start_url(point), offerings=[])
        else:
            context["offerings"] = help_offerings(
                point.survey.district, area_id=area_id, language_keys=language_keys
            )
        return context

    seconds = settings.SURVEY_HELP_CACHE_SECONDS
    if seconds <= 0:
        return render_family(request, "thanks.html", context())
    # The offerings for an area and languages, not the family: the same page for everyone
    # who gave those answers, refreshed after `seconds`.
    key = ("thanks", survey_key(point, language), in_tablet_mode, area_id, tuple(language_keys))
    response = cached_render(request, key, "surveys/family/thanks.html", context, seconds=seconds)
    return with_language(response, language)


@family_view
@require_safe
def family_tablet(request: HttpRequest, code: str, token: str) -> HttpResponse:
    """Staff open this signed link on a tablet: tablet mode for the collection point."""
    point = find_point(code)
    if point is None or not tablet.token_matches(point, token):
        return not_found(request, tablet_link=True)
    tablet.start_tablet_mode(request, point)
    # Redirected, so the token leaves the address bar before a family holds the tablet.
    return redirect(start_url(point))


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
