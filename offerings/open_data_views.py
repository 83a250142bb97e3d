"""Open data: a district's published, active offerings for family portals and maps, no login.

Privacy rule: only what a family may read on a flyer. No contact persons, e-mail addresses
or phone numbers of stakeholders (the provider's organisation name is public), no offerings
waiting for review, no internal notes, no resources, no capacity or reach numbers.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_safe

from districts.models import District
from mitwirkung.spreadsheet_safety import neutralise
from offerings.exchange.columns import COST_WORDS, PROVIDER_TYPE_WORDS
from offerings.models import Offering

LICENCE_NAME = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"
LISTS = ["fields_of_action", "target_groups", "life_phases", "languages", "outreach_channels"]
ACCESSIBILITY = ["step_free", "childcare", "interpreters", "plain_language"]


def attribution(district: District) -> str:
    return f"Bezirksamt {district.name} von Berlin, MitWirkung"


def open_offerings(district: District) -> Any:
    return (
        Offering.objects.for_district(district)
        .published()
        .active()
        .select_related("provider", "category", "sector")
        .prefetch_related(*LISTS, "places__area")
        .order_by("name", "pk")
    )


def _term(obj: Any) -> dict[str, str]:
    return {"key": obj.key, "name": obj.name_de}


def offering_record(offering: Offering) -> dict[str, Any]:
    """One offering as open data; every key is listed here, so nothing private slips in."""
    return {
        "id": offering.pk,
        "name": offering.name,
        "description": offering.description,
        "provider": offering.provider.name,
        "provider_type": offering.provider_type,
        "category": _term(offering.category),
        "sector": _term(offering.sector),
        **{name: [_term(o) for o in getattr(offering, name).all()] for name in LISTS},
        "age_from": offering.age_from,
        "age_to": offering.age_to,
        "cost": {"key": offering.cost, "name": COST_WORDS.get(offering.cost, offering.cost)},
        "accessibility": {name: getattr(offering, name) for name in ACCESSIBILITY},
        "opening_times": offering.opening_times,
        "district_wide": offering.is_district_wide,
        "mobile": offering.is_mobile,
        "starts_on": offering.starts_on.isoformat() if offering.starts_on else None,
        "ends_on": offering.ends_on.isoformat() if offering.ends_on else None,
        "last_confirmed_on": offering.last_confirmed_on.isoformat(),
        "places": [
            {
                "name": place.name,
                "address": place.address,
                "area": {"code": place.area.code, "name": place.area.name} if place.area else None,
                "latitude": place.latitude,
                "longitude": place.longitude,
            }
            for place in offering.places.all()
        ],
    }


def _district(slug: str) -> District:
    return get_object_or_404(District, slug=slug)


def _open(response: HttpResponse) -> HttpResponse:
    # Family portals fetch this from their own pages: any origin may read it.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=900"
    return response


@require_safe
def open_data_json(request: HttpRequest, district: str) -> HttpResponse:
    chosen = _district(district)
    offerings = [offering_record(o) for o in open_offerings(chosen)]
    document = {
        "district": {"number": chosen.number, "name": chosen.name, "slug": chosen.slug},
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "licence": {
            "name": LICENCE_NAME,
            "url": LICENCE_URL,
            "attribution": attribution(chosen),
        },
        "count": len(offerings),
        "offerings": offerings,
    }
    return _open(JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1}))


CSV_COLUMNS = [
    "id",
    "name",
    "beschreibung",
    "traeger",
    "traegerart",
    "kategorie_key",
    "kategorie",
    "sektor_key",
    "sektor",
    *[f"{name}_keys" for name in LISTS],
    *LISTS,
    "alter_von",
    "alter_bis",
    "kosten_key",
    "kosten",
    *ACCESSIBILITY,
    "oeffnungszeiten",
    "bezirksweit",
    "mobil",
    "beginn",
    "ende",
    "zuletzt_bestaetigt",
    "ort_name",
    "ort_adresse",
    "planungsraum",
    "planungsraum_name",
    "breitengrad",
    "laengengrad",
    "lizenz",
    "namensnennung",
    "stand",
]


@require_safe
def open_data_csv(request: HttpRequest, district: str) -> HttpResponse:
    """One row per offering and place (offerings without a place get one row), ready for maps."""
    chosen = _district(district)
    generated = timezone.localdate().isoformat()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for offering in open_offerings(chosen):
        record = offering_record(offering)
        common = [
            record["id"],
            record["name"],
            record["description"],
            record["provider"],
            PROVIDER_TYPE_WORDS.get(offering.provider_type, offering.provider_type),
            record["category"]["key"],
            record["category"]["name"],
            record["sector"]["key"],
            record["sector"]["name"],
            *["|".join(t["key"] for t in record[name]) for name in LISTS],
            *["|".join(t["name"] for t in record[name]) for name in LISTS],
            record["age_from"],
            record["age_to"],
            record["cost"]["key"],
            record["cost"]["name"],
            *[record["accessibility"][name] for name in ACCESSIBILITY],
            record["opening_times"],
            record["district_wide"],
            record["mobile"],
            record["starts_on"],
            record["ends_on"],
            record["last_confirmed_on"],
        ]
        tail = [LICENCE_NAME, attribution(chosen), generated]
        for place in record["places"] or [None]:
            if place is None:
                where = ["", "", "", "", "", ""]
            else:
                area = place["area"] or {"code": "", "name": ""}
                where = [
                    place["name"],
                    place["address"],
                    area["code"],
                    area["name"],
                    place["latitude"],
                    place["longitude"],
                ]
            writer.writerow([_cell(value) for value in (*common, *where, *tail)])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="angebote-{chosen.number}.csv"'
    return _open(response)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, str):
        # Names come from providers: opened in a spreadsheet they must never run as formulas.
        return str(neutralise(value))
    return str(value)
