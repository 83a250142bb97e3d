"""Who answered: respondents per home area, group, language, collection point and channel,
against the children living in each area, so a report says how representative it is."""

from __future__ import annotations

from districts.models import District
from mitwirkung.disclosure.cells import MIN_PERCENT_BASE, SHOWN
from offerings import gaps as offering_gaps
from reports.aggregation.cells import cell, line_cells, protect_lines
from reports.aggregation.counts import ALL, USES, Counts
from reports.aggregation.filters import GROUP_COLUMNS, area_codes
from reports.aggregation.scope import Structure
from reports.schema import AreaRespondents, Cell, Respondents
from surveys.models import CollectionPoint, Response

PER_CHILDREN = 1000


def respondents(
    counts: Counts,
    s: Structure,
    district: District,
    points: list[CollectionPoint],
    min_size: int,
) -> tuple[Respondents, dict[str, Cell]]:
    """The "who answered" tables, and the respondents Cell of every filter key (the same
    cells, so a filter list and this table never show two different protections)."""
    total = counts.total()

    def line(column: str, keys: list) -> list[Cell]:
        by_value = counts.respondents(column)
        values = [by_value.get(key, 0) for key in keys]
        values.append(total - sum(values))  # the rest (not stated, another answer)
        cells, _ = line_cells(values, min_size, total_published=True)
        return cells

    filter_cells: dict[str, Cell] = {}
    groups: list[dict] = []
    with_, without, _rest = line(
        "ben", [GROUP_COLUMNS["with_benefits"][1], GROUP_COLUMNS["without_benefits"][1]]
    )
    for key, c in (("with_benefits", with_), ("without_benefits", without)):
        groups.append({"key": key, "respondents": c})
    for key in ("single_parent", "many_children"):
        column, value = GROUP_COLUMNS[key]
        c = line(column, [value])[0]
        groups.append({"key": key, "respondents": c})
    for row in groups:
        filter_cells[f"group:{row['key']}"] = row["respondents"]

    languages = sorted(counts.respondents("lang"))
    language_cells = line("lang", languages)[:-1]
    filter_cells.update(
        {f"language:{c}": cell_ for c, cell_ in zip(languages, language_cells, strict=True)}
    )

    point_ids = [p.pk for p in points]
    point_cells = line("point", point_ids)[:-1]
    filter_cells.update({f"point:{p}": c for p, c in zip(point_ids, point_cells, strict=True)})

    present = set(counts.respondents("channel"))
    channels = [c for c in Response.Channel.values if c in present]
    channel_cells = line("channel", channels)[:-1]

    areas_by_code = area_codes(s)
    codes_of = {option: code for option, (code, _name, _level) in s.area_options.items()}
    area_counts: dict[str, int] = {}
    uses_counts: dict[str, int] = {}
    for flag, into in ((ALL, area_counts), (USES, uses_counts)):
        for option, n in counts.respondents("area", flag).items():
            code = codes_of.get(int(option), "")
            into[code] = into.get(code, 0) + n
    codes = list(areas_by_code)
    values = [int(area_counts.get(code, 0)) for code in codes]
    values.append(total - sum(values))
    area_cells, _ = line_cells(values, min_size, total_published=True)
    levels = {level for (_c, _n, level) in s.area_options.values()}
    area_numbers = offering_gaps.area_poverty_numbers(district, levels) if levels else None
    numbers = area_numbers.by_code if area_numbers else {}
    high = area_numbers.high if area_numbers else set()
    area_rows: list[AreaRespondents] = []
    for code, c, n in zip(codes, area_cells, values, strict=False):
        filter_cells[f"area:{code}"] = c
        children, poverty, _estimated = numbers.get(code, (None, None, False))
        area_rows.append(
            {
                "code": code,
                "name": areas_by_code[code][0],
                "respondents": c,
                "children": children,
                "per_1000_children": (
                    round(PER_CHILDREN * n / children, 1)
                    if "n" in c and children is not None and children >= MIN_PERCENT_BASE
                    else None
                ),
                "child_poverty": None if poverty is None else round(poverty, 1),
                "high_poverty": code in high,
                "uses_any": _uses(int(uses_counts.get(code, 0)), n, c, min_size),
            }
        )
    return (
        {
            "areas": area_rows,
            "area_not_stated": area_cells[-1],
            "groups": groups,
            "languages": [
                {"code": code, "respondents": c}
                for code, c in zip(languages, language_cells, strict=True)
            ],
            "points": [
                {"id": p.pk, "name": str(p), "respondents": c}
                for p, c in zip(points, point_cells, strict=True)
            ],
            "channels": [
                {"code": code, "respondents": c}
                for code, c in zip(channels, channel_cells, strict=True)
            ],
        },
        filter_cells,
    )


def _uses(uses: int, respondents: int, respondents_cell: Cell, min_size: int) -> Cell:
    """Respondents of an area who use at least one offering; with the rest it adds up to the
    area's respondents, so it is protected on that line (and hidden when they are)."""
    if "n" not in respondents_cell:
        return {"s": "hidden"}
    values = [uses, respondents - uses, respondents]
    reasons = protect_lines(values, [[0, 1, 2]], min_size, published={2})
    return cell(uses, reasons[0], respondents, reasons[2] == SHOWN)
