"""Where to find help: offerings for the family's thank-you page.

Chosen from the district's published, active offerings and narrowed to what the family
told us where it can be (home area, languages at home); otherwise a general list. Four
queries however many offerings: the area, the areas within it, the offerings, their places.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Q, Value, When

from districts.models import Area, District
from offerings.models import Offering, OfferingPlace

MAX_OFFERINGS = 8


@dataclass(frozen=True)
class HelpOffering:
    offering: Offering
    place: OfferingPlace | None  # the place in the family's area where there is one


def help_offerings(
    district: District,
    *,
    area_id: int | None = None,
    language_keys: Iterable[str] = (),
    limit: int = MAX_OFFERINGS,
) -> list[HelpOffering]:
    offerings = Offering.objects.for_district(district).published().active()
    area_ids: set[int] = set()
    area = Area.objects.for_district(district).filter(pk=area_id).first() if area_id else None
    if area is not None:
        # A Bezirksregion and its Planungsräume: places may be recorded at either level.
        area_ids = {area.pk, *Area.objects.within(area).values_list("pk", flat=True)}
        nearby = offerings.filter(
            Q(places__area_id__in=area_ids) | Q(is_district_wide=True) | Q(is_mobile=True)
        )
        # Offerings with a place in the area come before district-wide and mobile ones.
        local = Exists(OfferingPlace.objects.filter(offering=OuterRef("pk"), area_id__in=area_ids))
        offerings = nearby.annotate(
            local=Case(When(local, then=Value(1)), default=Value(0), output_field=IntegerField())
        )
    else:
        offerings = offerings.annotate(local=Value(0, output_field=IntegerField()))
    keys = list(language_keys)
    speaks = Exists(
        Offering.languages.through.objects.filter(
            offering_id=OuterRef("pk"), language__key__in=keys
        )
    )
    chosen = list(
        offerings.annotate(
            speaks=Case(When(speaks, then=Value(1)), default=Value(0), output_field=IntegerField())
        )
        .distinct()
        .order_by("-speaks", "-local", "name")
        .prefetch_related(
            Prefetch("places", queryset=OfferingPlace.objects.order_by("pk"), to_attr="place_list")
        )[:limit]
    )
    if not chosen and area is not None:
        return help_offerings(district, language_keys=keys, limit=limit)
    return [HelpOffering(offering, _place(offering, area_ids)) for offering in chosen]


def _place(offering: Offering, area_ids: set[int]) -> OfferingPlace | None:
    places: list[OfferingPlace] = offering.place_list  # type: ignore[attr-defined]
    return next((p for p in places if p.area_id in area_ids), places[0] if places else None)
