"""Sending: the whole draft checked once more, then stored as one anonymous Response in one
transaction; and what the thank-you page may use to choose offerings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from surveys.family_structure import (
    Answers,
    SurveyStructure,
    chosen_options,
    visible_question_ids,
)
from surveys.languages import GERMAN
from surveys.models import (
    TEXT_MAX_LENGTH,
    AccessCode,
    Answer,
    CollectionPoint,
    Page,
    Question,
    Response,
)

# Codes are for families who type them; staff entering returned paper questionnaires
# have no code to type (the paper itself was handed out by them).
CHANNELS_WITH_CODES = {Response.Channel.ONLINE, Response.Channel.TABLET}


class AccessCodeRefused(Exception):
    """The survey needs a one-time code and this one is unknown or was used meanwhile."""


@dataclass
class Completion:
    answers: Answers  # only answers to shown questions, with options that still exist
    missing: list[tuple[Page, Question]]  # required questions still unanswered

    @property
    def complete(self) -> bool:
        return not self.missing


def complete_answers(structure: SurveyStructure, answers: Answers) -> Completion:
    """Drop answers to questions the family no longer sees (it went back and changed an
    earlier answer) or to options removed meanwhile; list required questions unanswered."""
    kept = _still_valid(structure, answers)
    # Dropping an answer can hide further questions: repeat until nothing changes.
    while True:
        shown = visible_question_ids(structure, kept)
        narrowed = {key: value for key, value in kept.items() if int(key) in shown}
        if narrowed == kept:
            break
        kept = narrowed
    missing = [
        (page, question)
        for page in structure.pages
        for question in structure.page_questions(page)
        if question.required and question.pk in shown and str(question.pk) not in kept
    ]
    return Completion(answers=kept, missing=missing)


def _still_valid(structure: SurveyStructure, answers: Answers) -> Answers:
    kept: Answers = {}
    for key, answer in answers.items():
        question = structure.questions.get(int(key)) if key.isdigit() else None
        if question is None:
            continue
        if question.has_options:
            options = [
                pk
                for pk in chosen_options(answer)
                if pk in structure.options and structure.options[pk].question_id == question.pk
            ]
            if options:
                other = {
                    k: v
                    for k, v in (answer.get("other") or {}).items()
                    if int(k) in options and structure.options[int(k)].is_other
                }
                kept[key] = {"options": options, **({"other": other} if other else {})}
        elif question.kind == Question.Kind.NUMBER and isinstance(answer.get("number"), int):
            kept[key] = {"number": answer["number"]}
        elif question.kind == Question.Kind.TEXT and answer.get("text"):
            kept[key] = {"text": str(answer["text"])[:TEXT_MAX_LENGTH]}
    return kept


def submit_response(
    structure: SurveyStructure,
    *,
    collection_point: CollectionPoint,
    language: str,
    answers: Answers,
    channel: str = Response.Channel.ONLINE,
    today: Any = None,
    access_code: str = "",
) -> Response:
    """Store a complete set of answers as one anonymous Response, all or nothing.

    Privacy rule: the response gets the survey, the collection point, the language, the
    channel and the date — nothing about the person or the time of day. No task is queued:
    the reports catch up on their own, so a submission never needs Redis or Celery.

    A survey that requires one-time codes uses `access_code` up in the same transaction
    (AccessCodeRefused if it is unknown or already used: nothing is stored). Nothing links
    the code to the response, so the slip cannot tell whose answers these are.
    """
    survey = structure.survey
    completion = complete_answers(structure, answers)
    needs_code = survey.requires_access_code and channel in CHANNELS_WITH_CODES
    # Inside a caller's transaction no savepoint (two round trips fewer on every send): a
    # database error fails the caller's transaction as a whole; a refused code has written
    # nothing and is raised after the block, so the caller may go on.
    with transaction.atomic(savepoint=False):
        refused = needs_code and not AccessCode.objects.redeem(survey, access_code)
        if not refused:
            response = _store(structure, collection_point, language, channel, today, completion)
    if refused:
        raise AccessCodeRefused
    return response


def _store(
    structure: SurveyStructure,
    collection_point: CollectionPoint,
    language: str,
    channel: str,
    today: Any,
    completion: Completion,
) -> Response:
    survey = structure.survey
    response = Response(
        survey=survey,
        collection_point=collection_point,
        language=language if survey.offers(language) else GERMAN,
        channel=channel,
        submitted_on=today or timezone.localdate(),
    )
    rows: list[Answer] = []
    for question in structure.questions.values():
        answer = completion.answers.get(str(question.pk))
        if not answer:
            continue
        if question.has_options:
            other = answer.get("other") or {}
            rows.extend(
                Answer(question=question, option_id=pk, text=other.get(str(pk), ""))
                for pk in answer["options"]
            )
        elif "number" in answer:
            rows.append(Answer(question=question, number=answer["number"]))
        else:
            rows.append(Answer(question=question, text=answer["text"]))
    response = Response.objects.create_with_answers(response, rows)
    return response


# ---------------------------------------------------------------------------
# What the thank-you page may use to choose offerings
# ---------------------------------------------------------------------------


def thanks_hint(structure: SurveyStructure, answers: Answers) -> dict[str, Any]:
    """The home area and family languages the family chose in the family block, if any."""
    area: int | None = None
    languages: list[str] = []
    for question in structure.questions.values():
        if question.block != Question.Block.FAMILY:
            continue
        for pk in chosen_options(answers.get(str(question.pk))):
            option = structure.options.get(pk)
            if option is None:
                continue
            if question.block_key == "home_area" and option.area_id:
                area = option.area_id
            elif question.block_key == "languages" and option.code.startswith("lang_"):
                languages.append(option.code.removeprefix("lang_"))
    return {"area": area, "languages": languages}
