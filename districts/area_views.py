"""Planning areas of a district with their social indicators, and the coordinators' import."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, TemplateView

from districts.area_forms import AreaImportForm
from districts.importers import (
    AreaPlan,
    IndicatorPlan,
    area_import_apply,
    area_import_plan,
    indicator_import_apply,
    indicator_import_plan,
)
from districts.models import Area, AreaIndicator, AreaIndicatorValue, District, Membership
from districts.scoping import DistrictFormMixin, DistrictMixin
from mitwirkung.pending_uploads import PendingUploads

# The list's columns: children by age band (the denominators for reach), child poverty,
# and the social monitoring's status. Only those with values in the district are shown.
KEY_INDICATORS = [
    "population-0-5",
    "population-6-11",
    "population-12-17",
    "child-poverty-mss",
    "child-poverty-senate",
    "mss-status-class",
]
LEVELS = [Area.Level.PLANUNGSRAUM, Area.Level.BEZIRKSREGION, Area.Level.PROGNOSERAUM]
LEVEL_PLURALS = {
    Area.Level.PLANUNGSRAUM: gettext_lazy("Planning areas"),
    Area.Level.BEZIRKSREGION: gettext_lazy("District regions"),
    Area.Level.PROGNOSERAUM: gettext_lazy("Forecast areas"),
}
LEVEL_PARAM = "ebene"

SESSION_KEY = "area_imports"
UPLOADS = PendingUploads(SESSION_KEY)


@dataclass
class AreaRow:
    area: Area
    cells: list[str]


@dataclass
class AreaSection:
    """Rows under one heading: a Bezirksregion's planning areas, or a Prognoseraum's regions."""

    code: str
    area: Area | None
    rows: list[AreaRow] = field(default_factory=list)


@dataclass
class AreaGroup:
    code: str
    area: Area | None
    sections: list[AreaSection] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return sum(len(s.rows) for s in self.sections)


@dataclass
class ShownIndicator:
    indicator: AreaIndicator
    year: int


def latest_values(
    areas: list[Area], keys: list[str]
) -> tuple[list[ShownIndicator], dict[tuple[int, int], AreaIndicatorValue]]:
    """The newest year of each indicator among these areas, and those values: two queries."""
    if not areas:
        return [], {}
    area_filter = Q(area__district_id=areas[0].district_id, area__level=areas[0].level)
    area_filter &= Q(area__valid_from=areas[0].valid_from)
    newest = dict(
        AreaIndicatorValue.objects.filter(area_filter, indicator__key__in=keys)
        .values_list("indicator_id")
        .annotate(year=Max("year"))
        .values_list("indicator_id", "year")
    )
    if not newest:
        return [], {}
    values = AreaIndicatorValue.objects.filter(
        area_filter,
        reduce(or_, (Q(indicator_id=pk, year=year) for pk, year in newest.items())),
    ).select_related("indicator")
    by_area = {(v.area_id, v.indicator_id): v for v in values}
    indicators = AreaIndicator.objects.filter(pk__in=newest).order_by("position")
    return [ShownIndicator(i, newest[i.pk]) for i in indicators], by_area


def display(indicator: AreaIndicator, value: float | None) -> str:
    """The model's display cuts percentages after one decimal; round them first (43.97 → 44.0)."""
    if value is not None and indicator.kind == AreaIndicator.Kind.PERCENT:
        value = round(value, 1)
    return indicator.display(value)


def sources_of(values: Any) -> list[str]:
    return sorted({v.source_note for v in values if v.source_note})


class AreaListView(DistrictMixin, TemplateView):
    template_name = "districts/area_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        areas = list(Area.objects.for_district(self.district).defer("geometry").order_by("code"))
        if areas:
            edition = max(a.valid_from for a in areas)
            areas = [a for a in areas if a.valid_from == edition]
        by_level: dict[str, list[Area]] = defaultdict(list)
        for area in areas:
            by_level[area.level].append(area)
        level = self.request.GET.get(LEVEL_PARAM, "")
        if level not in LEVELS or not by_level[level]:
            level = next((lv for lv in LEVELS if by_level[lv]), Area.Level.PLANUNGSRAUM)
        shown = by_level[level]
        indicators, values = latest_values(shown, KEY_INDICATORS)
        by_code = {a.code: a for a in areas}
        context.update(
            level=level,
            level_label=Area.Level(level).label,
            level_param=LEVEL_PARAM,
            levels=[(lv, LEVEL_PLURALS[lv], len(by_level[lv])) for lv in LEVELS],
            area_count=len(areas),
            placeholder_count=sum(a.name_is_placeholder for a in areas),
            indicators=indicators,
            groups=self._groups(shown, level, by_code, indicators, values),
            sources=sources_of(values.values()),
        )
        return context

    @staticmethod
    def _groups(
        shown: list[Area],
        level: str,
        by_code: dict[str, Area],
        indicators: list[ShownIndicator],
        values: dict[tuple[int, int], AreaIndicatorValue],
    ) -> list[AreaGroup]:
        groups: dict[str, AreaGroup] = {}
        for area in shown:
            group_code = area.code[:4] if level != Area.Level.PROGNOSERAUM else ""
            section_code = area.code[:6] if level == Area.Level.PLANUNGSRAUM else ""
            group = groups.setdefault(group_code, AreaGroup(group_code, by_code.get(group_code)))
            if not group.sections or group.sections[-1].code != section_code:
                group.sections.append(AreaSection(section_code, by_code.get(section_code)))
            cells = []
            for shown_indicator in indicators:
                value = values.get((area.pk, shown_indicator.indicator.pk))
                cells.append(display(shown_indicator.indicator, value.value if value else None))
            group.sections[-1].rows.append(AreaRow(area, cells))
        return list(groups.values())


@dataclass
class IndicatorHistory:
    indicator: AreaIndicator
    cells: list[str]
    sources: list[str]


class AreaDetailView(DistrictMixin, DetailView):
    model = Area
    pk_url_kwarg = "area"
    template_name = "districts/area_detail.html"
    context_object_name = "area"

    def get_queryset(self) -> Any:
        return super().get_queryset().defer("geometry")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        area: Area = self.object
        prefixes = [area.code[:length] for length in (4, 6) if length < len(area.code)]
        context["ancestors"] = list(
            Area.objects.for_district(self.district)
            .filter(valid_from=area.valid_from, code__in=prefixes)
            .defer("geometry")
            .order_by("code")
        )
        below = list(Area.objects.within(area).defer("geometry").order_by("code"))
        children = [a for a in below if len(a.code) == len(area.code) + 2]
        grandchildren: dict[str, list[Area]] = defaultdict(list)
        for descendant in below:
            if len(descendant.code) == len(area.code) + 4:
                grandchildren[descendant.code[:-2]].append(descendant)
        context["children"] = [(child, grandchildren.get(child.code, [])) for child in children]
        context["child_level"] = LEVEL_PLURALS[children[0].level] if children else None
        values = list(
            AreaIndicatorValue.objects.filter(area=area)
            .select_related("indicator")
            .order_by("indicator__position", "year")
        )
        years = sorted({v.year for v in values})
        by_indicator: dict[int, list[AreaIndicatorValue]] = defaultdict(list)
        for value in values:
            by_indicator[value.indicator_id].append(value)
        history = []
        for indicator_values in by_indicator.values():
            indicator = indicator_values[0].indicator
            by_year = {v.year: v.value for v in indicator_values}
            history.append(
                IndicatorHistory(
                    indicator,
                    [display(indicator, by_year.get(year)) for year in years],
                    sources_of(indicator_values),
                )
            )
        context.update(years=years, history=history, sources=sources_of(values))
        return context


# --- Import with preview (coordinators) -------------------------------------------------


def _plan(pending: dict[str, Any], district: District, data: bytes) -> AreaPlan | IndicatorPlan:
    if pending["kind"] == AreaImportForm.Kind.AREAS:
        return area_import_plan(
            data=data, district=district, skip_other_districts=pending["skip_other_districts"]
        )
    return indicator_import_plan(
        data=data,
        filename=pending["filename"],
        year=pending["year"],
        source=pending["source"],
        district=district,
        skip_other_districts=pending["skip_other_districts"],
    )


class AreaImportView(DistrictFormMixin, FormView):
    form_class = AreaImportForm
    required_role = Membership.Role.COORDINATOR
    template_name = "districts/area_import.html"

    def get_initial(self) -> dict[str, Any]:
        kind = self.request.GET.get("art")
        return {"kind": kind} if kind in {"areas", "indicators"} else {}

    def form_valid(self, form: AreaImportForm) -> HttpResponse:
        UPLOADS.store(
            self.request,
            self.district,
            form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
            year=form.cleaned_data["year"],
            source=form.cleaned_data["source"].strip(),
            skip_other_districts=form.cleaned_data["skip_other_districts"],
        )
        return redirect("districts:area_import_preview", district=self.district.slug)


class AreaImportPreviewView(DistrictMixin, TemplateView):
    """Shows what the uploaded file would change; the import runs only on confirmation."""

    required_role = Membership.Role.COORDINATOR
    template_name = "districts/area_import_preview.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        loaded = self._load()
        if isinstance(loaded, HttpResponse):
            return loaded
        pending, data = loaded
        return self._render(pending, _plan(pending, self.district, data))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        loaded = self._load()
        if isinstance(loaded, HttpResponse):
            return loaded
        pending, data = loaded
        if request.POST.get("token") != pending["token"]:
            messages.warning(request, _("This preview is out of date. Please check it again."))
            return redirect("districts:area_import_preview", district=self.district.slug)
        if request.POST.get("action") != "import":
            UPLOADS.forget(request, self.district)
            messages.info(request, _("The import was cancelled; nothing was changed."))
            return redirect("districts:area_import", district=self.district.slug)
        with transaction.atomic():
            # Planned again inside the transaction: the data may have changed since the preview.
            plan = _plan(pending, self.district, data)
            if not plan.is_clean:
                return self._render(pending, plan)
            if isinstance(plan, AreaPlan):
                area_import_apply(plan=plan)
            else:
                indicator_import_apply(plan=plan)
        UPLOADS.forget(request, self.district)
        messages.success(
            request,
            _("%(file)s was imported. %(summary)s")
            % {"file": pending["filename"], "summary": plan.summary()},
        )
        return redirect("districts:areas", district=self.district.slug)

    def _load(self) -> tuple[dict[str, Any], bytes] | HttpResponse:
        upload_url = reverse("districts:area_import", kwargs={"district": self.district.slug})
        return UPLOADS.load(self.request, self.district, upload_url)

    def _render(self, pending: dict[str, Any], plan: AreaPlan | IndicatorPlan) -> HttpResponse:
        context = self.get_context_data(
            pending=pending, plan=plan, is_area_import=isinstance(plan, AreaPlan)
        )
        return self.render_to_response(context)
