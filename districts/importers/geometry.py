"""Shapes from LOR files: stored as GeoJSON in WGS84, whatever the file's coordinate system."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

# The Geoportal Berlin publishes LOR shapes in ETRS89 / UTM zone 33N.
BERLIN_CRS = "EPSG:25833"
_WGS84_NAMES = {
    "crs84",
    "epsg:4326",
    "wgs84",
    "urn:ogc:def:crs:ogc:1.3:crs84",
    "urn:ogc:def:crs:epsg::4326",
}
# Generous box around Berlin: a shape outside it was read in the wrong coordinate system.
_LON, _LAT = (12.8, 14.0), (52.2, 52.8)
_TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}


class GeometryError(ValueError):
    pass


@dataclass
class CoordinateSystem:
    """How the coordinates of one file become WGS84; `note` says what was assumed."""

    transform: Callable[[list[float], list[float]], tuple[Any, Any]] | None
    note: str | None = None
    problem: str | None = None


def coordinate_system(crs_name: str | None, geometries: list[dict[str, Any]]) -> CoordinateSystem:
    if crs_name:
        if crs_name.strip().lower() in _WGS84_NAMES:
            return CoordinateSystem(None)
        try:
            crs = CRS.from_user_input(crs_name)
        except CRSError:
            return CoordinateSystem(
                None,
                problem=_("Unknown coordinate system %(crs)s in the file.") % {"crs": crs_name},
            )
        if crs.to_epsg() == 4326:
            return CoordinateSystem(None)
        return CoordinateSystem(_transformer(crs), note=_transformed_note(crs.name))
    first = next((c for g in geometries for c in _positions(g.get("coordinates"))), None)
    if first is not None and (abs(first[0]) > 180 or abs(first[1]) > 90):
        crs = CRS.from_user_input(BERLIN_CRS)
        return CoordinateSystem(
            _transformer(crs),
            note=_(
                "The file names no coordinate system; its coordinates look like %(crs)s "
                "(the Geoportal Berlin's) and were transformed to WGS84."
            )
            % {"crs": f"{BERLIN_CRS} {crs.name}"},
        )
    return CoordinateSystem(None)


def _transformed_note(name: str) -> str:
    return _("Coordinates in %(crs)s were transformed to WGS84.") % {"crs": name}


def _transformer(crs: CRS) -> Callable[[list[float], list[float]], tuple[Any, Any]]:
    return Transformer.from_crs(crs, "EPSG:4326", always_xy=True).transform


def to_wgs84(geometry: dict[str, Any], system: CoordinateSystem) -> dict[str, Any]:
    """The geometry in WGS84 (transformed ones rounded to about 10 cm); raises GeometryError."""
    kind = geometry.get("type")
    if kind not in _TYPES:
        raise GeometryError(
            _("The shape has the unsupported type %(type)s.") % {"type": kind or "–"}
        )
    try:
        coordinates = _convert(geometry.get("coordinates"), system)
    except (TypeError, ValueError, IndexError) as error:
        raise GeometryError(_("The shape's coordinates cannot be read.")) from error
    positions = list(_positions(coordinates))
    if not positions:
        raise GeometryError(_("The shape has no coordinates."))
    lons = [p[0] for p in positions]
    lats = [p[1] for p in positions]
    if min(lons) < _LON[0] or max(lons) > _LON[1] or min(lats) < _LAT[0] or max(lats) > _LAT[1]:
        raise GeometryError(
            _(
                "The shape lies outside Berlin (e.g. %(lon)s, %(lat)s). Is the coordinate "
                "system right, or are longitude and latitude swapped?"
            )
            % {"lon": round(lons[0], 4), "lat": round(lats[0], 4)}
        )
    return {"type": kind, "coordinates": coordinates}


def _convert(node: Any, system: CoordinateSystem) -> Any:
    if not isinstance(node, list) or not node:
        raise ValueError("empty")
    if _is_position(node):
        return _convert_positions([node], system)[0]
    if _is_position(node[0]):
        return _convert_positions(node, system)
    return [_convert(child, system) for child in node]


def _convert_positions(positions: list[Any], system: CoordinateSystem) -> list[list[float]]:
    if not all(_is_position(p) for p in positions):
        raise ValueError("mixed")
    xs = [float(p[0]) for p in positions]
    ys = [float(p[1]) for p in positions]
    if system.transform is None:
        return [[x, y] for x, y in zip(xs, ys, strict=True)]
    lons, lats = system.transform(xs, ys)
    return [[round(x, 6), round(y, 6)] for x, y in zip(lons, lats, strict=True)]


def _is_position(node: Any) -> bool:
    return (
        isinstance(node, list)
        and len(node) >= 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in node[:2])
    )


def _positions(node: Any) -> Any:
    if _is_position(node):
        yield node
    elif isinstance(node, list):
        for child in node:
            yield from _positions(child)
