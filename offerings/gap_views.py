"""The coverage and gap page: where the district's offerings are, and where they are missing."""

from __future__ import annotations

from typing import Any

from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone
from django.utils.translation import gettext
from django.views.generic import TemplateView

from districts.models import Area
from districts.scoping import DistrictMixin
from offerings import charts, gaps

LEVEL_PARAM = "ebene"
THRESHOLD_PARAM = "schwelle"
SUBNAV = "offerings/_subnav.html"


def parse_threshold(raw: str | None) -> tuple[float | None, bool]:
    """A percentage from the address (25, 25,5 or 25.5) and whether it was unusable."""
    if not raw or not raw.strip():
        return None, False
    try:
        value = float(raw.strip().replace(",", ".").rstrip("%").strip())
    except ValueError:
        return None, True
    if not 0 <= value <= 100:
        return None, True
    return value, False


class GapView(DistrictMixin, TemplateView):
    template_name = "offerings/gaps.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        district = self.district
        levels = gaps.available_levels(district, gaps.area_edition(district))
        level = self.request.GET.get(LEVEL_PARAM, "")
        if level not in levels:
            level = levels[0] if levels else ""
        threshold, threshold_invalid = parse_threshold(self.request.GET.get(THRESHOLD_PARAM))

        coverage = gaps.area_coverage(district, level=level, threshold=threshold) if level else None
        goal_rows = gaps.goal_coverage(district)
        target_groups = gaps.target_group_coverage(district)
        life_phases = gaps.life_phase_coverage(district)
        languages = gaps.language_coverage(district)
        map_chart = None
        if coverage is not None:
            map_chart = charts.map_chart(
                gaps.map_areas(district, coverage),
                gaps.map_places(district, timezone.localdate()),
            )
        context.update(
            total=gaps.counted_offerings(district).count(),
            level=level,
            level_label=Area.Level(level).label if level else "",
            levels=[(value, Area.Level(value).label) for value in levels],
            level_param=LEVEL_PARAM,
            threshold_param=THRESHOLD_PARAM,
            threshold_input=self.request.GET.get(THRESHOLD_PARAM, ""),
            threshold_invalid=threshold_invalid,
            coverage=coverage,
            gap_entries=(
                [(row, *coverage.split_missing(row)) for row in coverage.gaps] if coverage else []
            ),
            everywhere_offerings=gaps.everywhere_offerings(district),
            heatmap=charts.heatmap_chart(coverage) if coverage else None,
            goal_rows=goal_rows,
            goal_gap_count=sum(row.is_gap for row in goal_rows),
            target_groups=target_groups,
            life_phases=life_phases,
            group_sections=[
                (
                    gettext("Target groups"),
                    target_groups,
                    charts.group_chart(
                        "gap-target-groups", gettext("Offerings per target group"), target_groups
                    ),
                ),
                (
                    gettext("Life phases"),
                    life_phases,
                    charts.group_chart(
                        "gap-life-phases", gettext("Offerings per life phase"), life_phases
                    ),
                ),
            ],
            languages=languages,
            language_chart=charts.language_chart(languages),
            map_chart=map_chart,
            poverty_legend=charts.poverty_legend(),
            subnav_template=_optional_template(SUBNAV),
        )
        return context


def _optional_template(name: str) -> str | None:
    """The catalogue's sub-navigation, once it exists: the page must never fail without it."""
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return None
    return name
