"""The monitor as a whole: every table of the page, counted together in `participation`."""

from __future__ import annotations

from dataclasses import dataclass, field

from mitwirkung.disclosure.cells import SHOWN, Cell, is_small
from surveys.models import CollectionPoint, ParticipationTarget, Survey
from surveys.participation.areas import AreaTable, _area_table, _order_and_list
from surveys.participation.channels import (
    ChannelTable,
    GroupRow,
    _channel_groups,
    _channel_table,
    _group_rows,
)
from surveys.participation.family import _family_options, _option_counts
from surveys.participation.targets import TargetProgress, _area_target
from surveys.response_stats import LanguageMix, collection_points_with_counts, language_mix


@dataclass(frozen=True)
class PointRow:
    point: CollectionPoint
    responses: int
    target: TargetProgress | None


@dataclass
class Monitor:
    survey: Survey
    total: int
    min_size: int
    areas: AreaTable | None  # None: the survey does not ask where families live
    channels: ChannelTable
    groups: list[GroupRow]
    asks_groups: bool  # the survey asks about benefits or the household
    languages: LanguageMix
    points: list[PointRow]
    targets: list[TargetProgress] = field(default_factory=list)

    @property
    def groups_too_small(self) -> bool:
        """Target groups are asked about, but there are fewer responses than a group needs."""
        return self.asks_groups and is_small(self.total, self.min_size)


def participation(survey: Survey) -> Monitor:
    """Every number of the participation monitor, counted in about a dozen queries."""
    min_size = survey.min_group_size
    family = _family_options(survey)
    counts = _option_counts(
        survey,
        family.home_area
        + list(family.benefits.values())
        + ([family.single_parent] if family.single_parent else []),
    )
    asks_benefits = bool(family.benefits)
    groups = _channel_groups(survey, asks_benefits)
    channels = _channel_table(survey, groups, asks_benefits, min_size)
    total = channels.total
    targets = list(
        ParticipationTarget.objects.filter(survey=survey)
        .select_related("area", "collection_point__offering", "collection_point__place__offering")
        .order_by("pk")
    )

    areas = _area_table(survey, family.home_area, counts, total, min_size)
    area_rows = areas.rows if areas else []
    progress: list[TargetProgress] = []
    by_area: dict[int, TargetProgress] = {}
    point_counts: dict[int, int] = {}
    points = list(collection_points_with_counts(survey))
    for point in points:
        point_counts[point.pk] = point.response_count
    by_point: dict[int, TargetProgress] = {}
    for target in targets:
        if target.collection_point_id:
            reached = Cell(point_counts.get(target.collection_point_id, 0), SHOWN, min_size)
            item = TargetProgress(target, reached)
            by_point[target.collection_point_id] = item
        else:
            item = _area_target(target, area_rows, min_size)
            by_area.setdefault(target.area_id, item)
        progress.append(item)
    if areas is not None:
        for row in areas.rows:
            row.target = by_area.get(row.area.pk) if row.area else None
        areas.rows = _order_and_list(areas.rows, areas.has_poverty)

    return Monitor(
        survey=survey,
        total=total,
        min_size=min_size,
        areas=areas,
        channels=channels,
        groups=_group_rows(channels, family.benefits, family.single_parent, counts, min_size),
        asks_groups=asks_benefits or family.single_parent is not None,
        languages=language_mix(survey),
        points=[PointRow(p, p.response_count, by_point.get(p.pk)) for p in points],
        targets=progress,
    )
