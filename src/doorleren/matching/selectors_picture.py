"""Read: "Het regionale beeld", demand against supply per competency (docs/regional-picture.md).

Demand: open opportunities (vacancies, practical assignments, basic jobs) that ask for a competency,
in the whole region or in one municipality, plus the future demand of the competency map
(``CompetencyDemand``: grows, stays the same or shrinks, per sector). Supply: residents whose profile
has the competency, at level 2 or higher (``SUPPLY_LEVEL``: they do it on their own) and at level 1
only (they do it with help). The offer: published modules a learner can take (``learning``'s
``route_offer``), with the highest level they teach.

Privacy. Residents gave no consent for this, so the page shows numbers only, and no number of
residents below ``SMALL_CELL``: such a cell reads "minder dan 10". A regional number is also hidden
when it would give away the small cells of the municipalities (regional number minus the shown
municipal numbers below ``SMALL_CELL``), the rule ``web/start_pages.py`` uses for its regional total.
A cell that is not shown keeps no exact number here, so nothing downstream (page, CSV) can leak it;
sorting uses only what is shown.

A fixed number of queries, whatever the number of competencies: about a dozen (see the test).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError
from doorleren.learning import selectors as learning_selectors
from doorleren.opportunities import selectors as opportunities_selectors
from doorleren.profiles import selectors as profiles_selectors
from doorleren.region import selectors as region_selectors
from doorleren.taxonomy import selectors as taxonomy_selectors
from doorleren.taxonomy.levels import CompetencyLevel

# Counts of persons below this number are not shown exactly (statistical disclosure control).
# The same rule as ``SMALL_CELL`` in web/start_pages.py (the programme office's start page); the app
# boundary (core/tests/test_app_boundaries.py) lets matching import only other apps' selectors and
# services, so the number is repeated here. Change both together.
SMALL_CELL = 10
# Supply: residents who do the competency on their own (level 2 "Zelfstandig bij gewone taken" or higher).
SUPPLY_LEVEL = CompetencyLevel.INDEPENDENT

SHOWN, SMALL, HIDDEN = "shown", "small", "hidden"
_TREND_ORDER = {"grows": 0, "stable": 1, "shrinks": 2}


@dataclass(frozen=True)
class PersonCount:
    """A number of residents as it may be shown.

    ``state``: ``shown`` (``value`` is exact), ``small`` (fewer than ``SMALL_CELL``: "minder dan 10")
    or ``hidden`` (at least ``SMALL_CELL``, but it would give away small municipal cells).
    ``value`` is None unless shown. ``floor``: the lowest the number can be, from what is shown
    (the value; 0 when small; the shown municipal cells added up when hidden): for sorting.
    """

    state: str
    value: int | None = None
    floor: int = 0

    @property
    def shown(self) -> bool:
        return self.state == SHOWN

    @property
    def text(self) -> str:
        """For the page."""
        if self.state == SHOWN:
            return str(self.value)
        if self.state == SMALL:
            return _("minder dan %(small_cell)s") % {"small_cell": SMALL_CELL}
        return _("niet getoond")

    @property
    def csv(self) -> str:
        """For the CSV download: the number, ``<10`` or ``verborgen``."""
        if self.state == SHOWN:
            return str(self.value)
        if self.state == SMALL:
            return f"<{SMALL_CELL}"
        return "verborgen"


def person_count(value: int) -> PersonCount:
    """The small-cell rule: fewer than ``SMALL_CELL`` persons (0 too) is "minder dan 10"."""
    if value < SMALL_CELL:
        return PersonCount(state=SMALL)
    return PersonCount(state=SHOWN, value=value, floor=value)


def regional_person_count(*, total: int, municipal: list[int]) -> PersonCount:
    """The regional number, unless it gives away small municipal cells.

    ``total``: the exact regional count (residents without a known municipality included);
    ``municipal``: the exact count of every current municipality (0 included). Anyone can subtract
    the shown municipal numbers from the regional one; when what is left is below ``SMALL_CELL``
    (and is not trivially 0 with nothing hidden), the regional number is hidden too.
    """
    cell = person_count(total)
    if not cell.shown:
        return cell
    shown_sum = sum(value for value in municipal if value >= SMALL_CELL)
    small_cells = any(value < SMALL_CELL for value in municipal)
    rest = total - shown_sum
    if rest < SMALL_CELL and (small_cells or rest > 0):
        return PersonCount(state=HIDDEN, floor=shown_sum)
    return cell


@dataclass(frozen=True)
class FutureDemand:
    """The competency map's expectation in some sectors: ``trend`` grows/stable/shrinks."""

    trend: str
    label: str
    sectors: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.label}: {', '.join(self.sectors)}"


@dataclass(frozen=True)
class PictureRow:
    """One competency: demand, supply and offer in the chosen area."""

    competency: object
    opportunities: int  # open opportunities that ask for it
    essential: int  # ... of which need it
    level: int  # the highest level asked
    able: PersonCount  # residents at SUPPLY_LEVEL or higher
    basic: PersonCount  # residents below SUPPLY_LEVEL (level 1)
    future: tuple[FutureDemand, ...]
    modules: int  # modules in the regional offer that teach it
    taught_level: int | None  # the highest level a module teaches; None without a module

    @property
    def difference(self) -> int | None:
        """Residents who can do it on their own minus open opportunities; None when not shown."""
        return self.able.value - self.opportunities if self.able.shown else None

    @property
    def ratio(self) -> float | None:
        """Residents who can do it on their own per open opportunity; None when not shown."""
        return self.able.value / self.opportunities if self.able.shown else None

    @property
    def shortage(self) -> int:
        """For sorting, from what is shown only: open opportunities minus the lowest possible supply."""
        return self.opportunities - self.able.floor

    @property
    def grows(self) -> bool:
        return any(item.trend == "grows" for item in self.future)

    @property
    def offer_gap(self) -> str | None:
        """``none``: no module teaches it; ``below``: modules teach it only below the level asked."""
        if self.taught_level is None:
            return "none"
        if self.taught_level < self.level:
            return "below"
        return None


@dataclass(frozen=True)
class RegionalPicture:
    municipality: object | None  # None: the whole region
    rows: list[PictureRow]  # biggest shortage first
    counted_at: datetime.datetime | None = None  # when the residents were counted
    small_cell: int = SMALL_CELL
    supply_level: int = SUPPLY_LEVEL

    @property
    def without_module(self) -> list[PictureRow]:
        return sorted(
            (row for row in self.rows if row.offer_gap == "none"),
            key=lambda row: (-row.opportunities, row.competency.label),
        )

    @property
    def below_level(self) -> list[PictureRow]:
        return sorted(
            (row for row in self.rows if row.offer_gap == "below"),
            key=lambda row: (-row.opportunities, row.competency.label),
        )


def _future(competency) -> tuple[FutureDemand, ...]:
    by_trend: dict[str, tuple[str, list[str]]] = {}
    for demand in competency.demands.all():
        label, sectors = by_trend.setdefault(demand.trend, (demand.get_trend_display(), []))
        sectors.append(demand.sector.label)
    return tuple(
        FutureDemand(trend=trend, label=str(label), sectors=tuple(sorted(sectors)))
        for trend, (label, sectors) in sorted(by_trend.items(), key=lambda item: _TREND_ORDER.get(item[0], 9))
    )


def _demand(*, municipality_id: int | None) -> dict[str, dict]:
    """Competency code → opportunities, essential and highest level asked, in the area."""
    rows = opportunities_selectors.open_demand_by_competency_and_municipality()
    # Opportunities are in current municipalities (opportunities.services); map anyway, so an
    # old opportunity in a municipality that merged later counts where it is now.
    current = region_selectors.municipality_current_ids(
        municipality_ids={row["municipality_id"] for row in rows}
    )
    result: dict[str, dict] = {}
    for row in rows:
        if municipality_id is not None and current.get(row["municipality_id"]) != municipality_id:
            continue
        total = result.setdefault(row["code"], {"opportunities": 0, "essential": 0, "level": 0})
        total["opportunities"] += row["opportunities"]
        total["essential"] += row["essential"]
        total["level"] = max(total["level"], row["level"])
    return result


def _resident_counts() -> tuple[dict, datetime.datetime]:
    """The residents' competency counts and when they were counted.

    Counting goes over every resident's competencies (1.1 s with 100,000 residents on PostgreSQL), so
    the counts are kept ``DOORLEREN_PICTURE_CACHE_SECONDS`` (default 600; 0 in tests) in the cache, and
    so is the whole picture per area (``regional_picture``, 140 ms more).
    """
    seconds = getattr(settings, "DOORLEREN_PICTURE_CACHE_SECONDS", 600)
    key = f"matching:picture:supply:{SUPPLY_LEVEL}"
    cached = cache.get(key) if seconds else None
    if cached is None:
        counts = profiles_selectors.resident_competency_counts_by_municipality(min_level=SUPPLY_LEVEL)
        cached = (counts, timezone.now())
        if seconds:
            cache.set(key, cached, seconds)
    return cached


def _supply(
    *, codes: set[str], municipality_id: int | None, counts: dict
) -> dict[str, tuple[PersonCount, PersonCount]]:
    """Competency code → (residents at SUPPLY_LEVEL or higher, residents below), as they may be shown."""
    if municipality_id is not None:
        return {
            code: tuple(person_count(n) for n in counts.get((code, municipality_id), (0, 0)))
            for code in codes
        }
    current_ids = list(region_selectors.municipalities_current().values_list("pk", flat=True))
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (code, _municipality), (high, low) in counts.items():
        totals[code][0] += high
        totals[code][1] += low
    result = {}
    for code in codes:
        municipal = [counts.get((code, pk), (0, 0)) for pk in current_ids]
        high, low = totals.get(code, (0, 0))
        result[code] = (
            regional_person_count(total=high, municipal=[m[0] for m in municipal]),
            regional_person_count(total=low, municipal=[m[1] for m in municipal]),
        )
    return result


def _offer() -> dict[str, tuple[int, int]]:
    """Competency code → (modules in the offer that teach it, the highest level they teach)."""
    result: dict[str, tuple[int, int]] = {}
    for item in learning_selectors.route_offer().modules:
        for code, level in item.teaches.items():
            count, top = result.get(code, (0, 0))
            result[code] = (count + 1, max(top, level))
    return result


def regional_picture(*, municipality=None) -> RegionalPicture:
    """Demand, supply and offer per competency asked for by open opportunities in the area.

    ``municipality``: a current ``region.Municipality``, or None for the whole region. Only
    competencies that open opportunities in the area ask for are listed, biggest shortage first
    (open opportunities minus residents who can do it on their own, as far as shown), then the most
    asked, then by name. The offer is always the whole regional offer (online modules have no place,
    and people travel to learn).
    """
    municipality_id = municipality.pk if municipality is not None else None
    seconds = getattr(settings, "DOORLEREN_PICTURE_CACHE_SECONDS", 600)
    key = f"matching:picture:{municipality_id or 'regio'}:{get_language()}"
    kept = cache.get(key) if seconds else None
    if kept is not None:
        return kept
    picture = _regional_picture(municipality=municipality, municipality_id=municipality_id)
    if seconds:
        cache.set(key, picture, seconds)
    return picture


def _regional_picture(*, municipality, municipality_id: int | None) -> RegionalPicture:
    demand = _demand(municipality_id=municipality_id)
    codes = set(demand)
    counts, counted_at = _resident_counts()
    supply = _supply(codes=codes, municipality_id=municipality_id, counts=counts)
    offer = _offer()
    competencies = taxonomy_selectors.competency_list().filter(code__in=codes) if codes else []
    rows = []
    for competency in competencies:
        asked = demand[competency.code]
        able, basic = supply[competency.code]
        modules, taught = offer.get(competency.code, (0, None))
        rows.append(
            PictureRow(
                competency=competency,
                opportunities=asked["opportunities"],
                essential=asked["essential"],
                level=asked["level"],
                able=able,
                basic=basic,
                future=_future(competency),
                modules=modules,
                taught_level=taught,
            )
        )
    rows.sort(key=lambda row: (-row.shortage, -row.opportunities, row.competency.label))
    return RegionalPicture(municipality=municipality, rows=rows, counted_at=counted_at)


def municipalities_for_picture():
    """The current municipalities, by name, for the filter."""
    return region_selectors.municipalities_current()


def municipality_for_picture(*, code: str):
    """The current municipality for a (former) CBS code or name, or None when we do not know it."""
    try:
        return region_selectors.municipality_resolve(code_or_name=code)
    except ApplicationError:
        return None
