"""Creates the load test's survey in the throwaway database: run by scripts/loadtest with the
server's environment. Prints one JSON line: the collection point's code, the survey's id and
how many answer rows a complete response of the driver has."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django

django.setup()

from districts.models import District  # noqa: E402
from surveys.models import CollectionPoint, Option, Page, Question, Survey  # noqa: E402

# Three pages like a short real survey: one required choice on each, a multiple choice and
# an optional number and text the driver leaves empty. The driver ticks one box per question.
PAGES = [
    [("single", True), ("number", False)],
    [("multiple", True), ("single", False)],
    [("single", True), ("text", False)],
]


def seed() -> dict[str, object]:
    district = District.objects.get(number="04")
    survey = Survey.objects.create(
        district=district,
        title="Lasttest: Was erreicht Familien?",
        intro="Eine kurze Umfrage für den Lasttest.",
        status=Survey.Status.OPEN,
        languages=["en", "tr", "ar"],
    )
    choice_questions = 0
    for page_number, questions in enumerate(PAGES, start=1):
        page = Page.objects.create(
            survey=survey, position=page_number, title=f"Seite {page_number}"
        )
        for position, (kind, required) in enumerate(questions):
            question = Question.objects.create(
                survey=survey,
                page=page,
                position=position,
                kind=kind,
                text=f"Frage {page_number}.{position + 1}?",
                required=required,
                min_value=0 if kind == "number" else None,
                max_value=20 if kind == "number" else None,
            )
            if kind in ("single", "multiple"):
                choice_questions += 1
                Option.objects.bulk_create(
                    Option(question=question, position=n, text=f"Antwort {n}") for n in range(4)
                )
    point = CollectionPoint.objects.create(
        survey=survey, kind=CollectionPoint.Kind.ONLINE, label="Lasttest"
    )
    return {"code": point.code, "survey": survey.pk, "answers_per_response": choice_questions}


if __name__ == "__main__":
    print(json.dumps(seed()))
