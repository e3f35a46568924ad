"""Read the region: resolve old codes and names, list municipalities, measure distances."""

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError
from doorleren.region.loading import region_data_read
from doorleren.region.models import Municipality, MunicipalityMerger, MunicipalityMergerSource, Subregion

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)

# Road distance is not available offline. Between municipalities in this region the road is
# on average about 1.3 times the straight line (a common rule of thumb for rural road networks);
# ``road_distance_km_estimate`` uses that factor. It is an estimate, not a route.
ROAD_DETOUR_FACTOR = 1.3

_CODE = re.compile(r"^(?:GM)?\s*([0-9]{1,4})$", re.IGNORECASE)
_MAX_CHAIN = 20


def _name_key(value: str) -> str:
    """Compare names case-insensitively, ignoring hyphens and repeated spaces."""
    return " ".join(value.casefold().replace("-", " ").split())


def municipality_current_for(*, municipality: Municipality) -> Municipality:
    """Follow ``successor`` until a current municipality (Appingedam → Eemsdelta)."""
    seen = 0
    while not municipality.is_current:
        if municipality.successor_id is None or seen >= _MAX_CHAIN:
            raise ApplicationError(
                _("Voor gemeente %(name)s weten wij niet in welke gemeente zij is opgegaan.")
                % {"name": municipality.name},
                code="municipality_without_successor",
            )
        municipality = municipality.successor
        seen += 1
    return municipality


def municipality_current_ids(*, municipality_ids: Iterable[int]) -> dict[int, int]:
    """For each id (current or former municipality): the id of the current municipality it is now.

    Ids we do not know, and former municipalities without a known successor, are left out.
    """
    wanted = set(municipality_ids)
    result: dict[int, int] = {}
    for municipality in Municipality.objects.select_related("successor").filter(pk__in=wanted):
        try:
            result[municipality.pk] = municipality_current_for(municipality=municipality).pk
        except ApplicationError:
            continue
    return result


def municipality_lookup(*, code_or_name: str) -> Municipality:
    """The municipality (current or former) with this CBS code or name, not resolved further."""
    text = (code_or_name or "").strip()
    if not text:
        raise ApplicationError(_("Vul een gemeente in: een naam of een CBS-code."), code="municipality_empty")
    match = _CODE.match(text)
    if match:
        code = f"GM{int(match.group(1)):04d}"
        found = Municipality.objects.select_related("successor").filter(code=code).first()
    else:
        key = _name_key(text)
        candidates = [m for m in Municipality.objects.select_related("successor") if _name_key(m.name) == key]
        # A current municipality wins over a former one with the same name (Groningen before 2019).
        candidates.sort(key=lambda m: not m.is_current)
        found = candidates[0] if candidates else None
    if found is None:
        raise ApplicationError(
            _(
                "Wij kennen de gemeente “%(value)s” niet in de regio Groningen en Noord-Drenthe. "
                "Kijk of de naam of code goed is, bijvoorbeeld Assen of GM0106."
            )
            % {"value": text[:100]},
            code="municipality_unknown",
            status=404,
        )
    return found


def municipality_resolve(*, code_or_name: str) -> Municipality:
    """The current municipality for a current or former CBS code (with or without ``GM``) or name.

    ``GM0003``, ``3``, ``appingedam`` and ``Eemsdelta`` all give Eemsdelta. Raises
    ``ApplicationError`` (code ``municipality_unknown``) for what we do not know.
    """
    return municipality_current_for(municipality=municipality_lookup(code_or_name=code_or_name))


def municipalities_current() -> QuerySet[Municipality]:
    return Municipality.objects.filter(is_current=True).select_related("subregion").order_by("name")


def municipalities_all() -> QuerySet[Municipality]:
    return Municipality.objects.select_related("subregion", "successor").order_by("-is_current", "name")


def municipality_get(*, code: str) -> Municipality:
    """The municipality with exactly this CBS code (current or former); accepts ``14`` for ``GM0014``."""
    match = _CODE.match((code or "").strip())
    found = None
    if match:
        found = (
            Municipality.objects.select_related("subregion", "successor")
            .filter(code=f"GM{int(match.group(1)):04d}")
            .first()
        )
    if found is None:
        raise ApplicationError(
            _("Er is geen gemeente met code “%(code)s”.") % {"code": (code or "")[:20]},
            code="municipality_unknown",
            status=404,
        )
    return found


def municipalities_in_regional_plan_2020() -> QuerySet[Municipality]:
    """The 16 municipalities the regional plan (2020) lists; three of them are now Eemsdelta."""
    return Municipality.objects.filter(code__in=_regional_plan_2020_codes()).order_by("name")


@functools.cache
def _regional_plan_2020_codes() -> tuple[str, ...]:
    return tuple(region_data_read()["regional_plan_2020"])


def municipality_predecessors(*, municipality: Municipality) -> list[Municipality]:
    """Every former municipality whose code resolves to ``municipality``, oldest chains included."""
    found: list[Municipality] = []
    frontier = [municipality.pk]
    while frontier:
        step = list(Municipality.objects.filter(successor_id__in=frontier).order_by("name"))
        found.extend(step)
        frontier = [m.pk for m in step]
    return found


def municipality_mergers(*, municipality: Municipality) -> list[MunicipalityMerger]:
    """Mergers that formed ``municipality``, newest first, with their sources prefetched."""
    return list(
        MunicipalityMerger.objects.filter(result=municipality)
        .prefetch_related(
            Prefetch(
                "source_links",
                queryset=MunicipalityMergerSource.objects.select_related("municipality").order_by(
                    "partial", "municipality__name"
                ),
            )
        )
        .order_by("-effective_on")
    )


def subregions_overview() -> QuerySet[Subregion]:
    """Subregions with their current municipalities and the mergers that formed those."""
    mergers = MunicipalityMerger.objects.order_by("-effective_on").prefetch_related(
        Prefetch(
            "source_links",
            queryset=MunicipalityMergerSource.objects.select_related("municipality").order_by(
                "partial", "municipality__name"
            ),
        )
    )
    current = (
        Municipality.objects.filter(is_current=True)
        .order_by("name")
        .prefetch_related(Prefetch("mergers_into", queryset=mergers))
    )
    return Subregion.objects.order_by("position").prefetch_related(
        Prefetch("municipalities", queryset=current, to_attr="current_municipalities")
    )


@dataclass(frozen=True)
class _Point:
    latitude: float
    longitude: float


def _haversine_km(a: _Point, b: _Point) -> float:
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def distance_km(*, a: Municipality, b: Municipality) -> float:
    """Straight-line (great-circle, haversine) distance between the centres of two municipalities.

    Not a travel distance: see ``road_distance_km_estimate``. Within one municipality it is 0.
    """
    return _haversine_km(_Point(a.latitude, a.longitude), _Point(b.latitude, b.longitude))


def road_distance_km_estimate(*, a: Municipality, b: Municipality) -> float:
    """Straight-line distance times ``ROAD_DETOUR_FACTOR`` (1.3): a rough road distance, no routing."""
    return distance_km(a=a, b=b) * ROAD_DETOUR_FACTOR
