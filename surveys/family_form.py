"""The family form's engine: what a family sees, what its answers mean, how they are stored.

Pure functions over a `SurveyStructure` (the survey's pages, questions and options, loaded
in three queries) and plain dict answers, so the online form, the tablet and the staff's
paper entry share every rule. Nothing here reads a request, a session or the cache.

The engine lives in four modules; this one gathers their public names so callers import
from one place:

- surveys/family_texts.py: the form's own texts in the family's language
- surveys/family_structure.py: the survey's structure and its conditions
- surveys/family_validation.py: reading one page's posted answers
- surveys/family_store.py: checking the whole draft and storing it as one Response
"""

from __future__ import annotations

from surveys.family_store import (
    AccessCodeRefused,
    Completion,
    complete_answers,
    submit_response,
    thanks_hint,
)
from surveys.family_structure import (
    Answers,
    Progress,
    SurveyStructure,
    chosen_options,
    is_last_page,
    page_after,
    page_before,
    progress,
    visible_pages,
    visible_question_ids,
)
from surveys.family_texts import form_language, form_text, form_texts
from surveys.family_validation import (
    FIELD,
    INTEGER,
    OPTION_ID,
    FieldError,
    PageResult,
    PostedData,
    clean_text,
    error_message,
    read_page,
    with_page,
)

__all__ = [
    "FIELD",
    "INTEGER",
    "OPTION_ID",
    "AccessCodeRefused",
    "Answers",
    "Completion",
    "FieldError",
    "PageResult",
    "PostedData",
    "Progress",
    "SurveyStructure",
    "chosen_options",
    "clean_text",
    "complete_answers",
    "error_message",
    "form_language",
    "form_text",
    "form_texts",
    "is_last_page",
    "page_after",
    "page_before",
    "progress",
    "read_page",
    "submit_response",
    "thanks_hint",
    "visible_pages",
    "visible_question_ids",
    "with_page",
]
