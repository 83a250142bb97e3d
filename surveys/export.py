"""The coordinator's export: one row per anonymous response, one column per question.

Privacy rules: a free text leaves the app only after staff have read it (text_reviewed), so a
name a family wrote by mistake is deleted before anyone downloads it. The raw rows are for the
administration's own analysis; published numbers go through the small-cell rule elsewhere.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter
from collections.abc import Iterable

from django.db.models import Prefetch
from django.utils.translation import pgettext

from mitwirkung.spreadsheet_safety import neutralise
from surveys.export_detail import Coarsening
from surveys.languages import BY_CODE
from surveys.models import Answer, Question, Response, Survey

Cell = str | int | datetime.date | None
MULTIPLE_SEPARATOR = " | "
FIXED_COLUMNS = 5  # running number, date, collection point, channel, language


def export_questions(survey: Survey) -> list[Question]:
    """The questions in builder order: page by page, then position."""
    return list(
        Question.objects.filter(survey=survey).order_by(
            "page__position", "page_id", "position", "pk"
        )
    )


def export_responses(survey: Survey) -> list[Response]:
    """Every response with its answers in three queries, however many responses there are."""
    answers = Answer.objects.select_related("option").order_by("option__position", "pk")
    return list(
        Response.objects.filter(survey=survey)
        .select_related("collection_point__offering", "collection_point__place")
        .prefetch_related(Prefetch("answers", queryset=answers))
        .order_by("submitted_on", "pk")
    )


def headers(questions: list[Question]) -> list[str]:
    """Fixed columns, then the question texts; a text used twice gets a number."""
    seen: Counter[str] = Counter()
    names = []
    for question in questions:
        seen[question.text] += 1
        count = seen[question.text]
        names.append(question.text if count == 1 else f"{question.text} ({count})")
    return [
        pgettext("export column", "No."),
        pgettext("export column", "Date"),
        pgettext("export column", "Collection point"),
        pgettext("export column", "Channel"),
        pgettext("export column", "Language"),
        *names,
    ]


def _option_text(answer: Answer) -> str:
    option = answer.option
    if option is None:
        return ""
    if option.is_other and answer.text and answer.text_reviewed:
        return f"{option.text}: {answer.text}"
    return option.text


def answer_cell(question: Question, answers: list[Answer]) -> Cell:
    """What one response answered to one question, as a spreadsheet cell."""
    if not answers:
        return None
    if question.kind == Question.Kind.NUMBER:
        return answers[0].number
    if question.kind == Question.Kind.TEXT:
        texts = [a.text for a in answers if a.text and a.text_reviewed]
        return " ".join(texts) or None
    chosen = [_option_text(a) for a in answers if a.option_id is not None]
    return MULTIPLE_SEPARATOR.join(chosen) or None


def response_row(
    number: int,
    response: Response,
    questions: list[Question],
    coarsening: Coarsening | None = None,
) -> list[Cell]:
    by_question: dict[int, list[Answer]] = {}
    for answer in response.answers.all():
        by_question.setdefault(answer.question_id, []).append(answer)
    language = BY_CODE.get(response.language)
    cells: list[Cell] = []
    for question in questions:
        answers = by_question.get(question.pk, [])
        coarse = coarsening.cell(question, answers) if coarsening else None
        cells.append(coarse if coarse is not None else answer_cell(question, answers))
    return [
        number,
        response.submitted_on,
        str(response.collection_point),
        response.get_channel_display(),
        str(language.name) if language else response.language,
        *cells,
    ]


def response_table(survey: Survey, *, coarse: bool = True) -> tuple[list[str], list[list[Cell]]]:
    """Every response; `coarse` (the default) writes Bezirksregion instead of Planungsraum
    and bands instead of the number of children (surveys/export_detail.py)."""
    questions = export_questions(survey)
    coarsening = Coarsening.for_survey(survey) if coarse else None
    rows = [
        response_row(number, response, questions, coarsening)
        for number, response in enumerate(export_responses(survey), start=1)
    ]
    return headers(questions), rows


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return str(neutralise(value))


def write_csv(header: list[str], rows: Iterable[list[Cell]]) -> bytes:
    """UTF-8 with BOM and `;`: German Excel opens it with umlauts and columns intact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_csv_text(h) for h in header])
    for row in rows:
        writer.writerow([_csv_text(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(header: list[str], rows: Iterable[list[Cell]], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    # A family's answer must never run as a formula on a coordinator's computer.
    sheet.append([neutralise(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append([neutralise(value) for value in row])
    for (cell,) in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        cell.number_format = "DD.MM.YYYY"
    sheet.freeze_panes = sheet.cell(row=2, column=FIXED_COLUMNS + 1)
    for position in range(1, len(header) + 1):
        letter = sheet.cell(row=1, column=position).column_letter
        sheet.column_dimensions[letter].width = 10 if position <= 2 else 24
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
