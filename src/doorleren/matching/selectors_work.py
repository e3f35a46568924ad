"""Read: which work fits a resident ("Welk werk past bij mij?").

The resident's competency levels and preferences (``profiles.selectors``) and the open
opportunities with their requirements (``opportunities.selectors``) are fed to the pure matching
engine (``doorleren.engine.matching``, docs/matching.md), which ranks them (score descending, then
opportunity id ascending) and explains every score.

The engine index over all open opportunities is built once per process and kept until the
opportunities change (``opportunities_open_version``, two aggregate queries per request): with
3,000 open opportunities building it from model objects took 1.2 s a request; from the cache the page
takes tens of milliseconds (docs/benchmarks.md, "load"). Only the shown opportunities are read as
objects.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from django.utils.translation import gettext

from doorleren.engine.matching import OpportunityFacts, OpportunityIndex, Preferences, explanation_text
from doorleren.opportunities import selectors as opportunities_selectors
from doorleren.profiles import selectors as profiles_selectors

#: How many opportunities the page shows.
WORK_TOP = 20


@dataclass(frozen=True)
class UsedPreferences:
    """The resident's preferences that filtered the results (``None``: not used)."""

    municipality: str | None = None
    max_km: int | None = None
    hours: int | None = None
    sectors: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.max_km is not None or self.hours is not None or self.sectors)


@dataclass(frozen=True)
class WorkMatch:
    """One opportunity for the resident, with its score and the engine's explanation."""

    opportunity: object
    score: float
    matched: list[str]
    sentences: list[str]

    @property
    def percent(self) -> int:
        return round(self.score * 100)


@dataclass(frozen=True)
class WorkMatches:
    has_competencies: bool
    preferences: UsedPreferences
    results: list[WorkMatch]
    opportunity_count: int


def _location(municipality) -> tuple[float, float] | None:
    if municipality is None:
        return None
    return (float(municipality.latitude), float(municipality.longitude))


@dataclass(frozen=True)
class _OpenIndex:
    """The matching index over the open opportunities, with what is needed to read its answers."""

    version: tuple
    ids: list[int]  # index position → opportunity id
    codes: dict[str, int]  # competency code → engine number
    labels: dict[int, str]  # engine number → competency label
    sectors: dict[int, int]  # sector id → engine number
    index: OpportunityIndex | None


_cache_lock = threading.Lock()
_cached: _OpenIndex | None = None


def _build_index(version: tuple) -> _OpenIndex:
    rows = opportunities_selectors.opportunities_open_rows()
    codes: dict[str, int] = {}
    labels: dict[int, str] = {}
    sectors: dict[int, int] = {}
    position = {row[0]: n for n, row in enumerate(rows.opportunities)}
    requires: list[dict[int, tuple[int, bool]]] = [{} for _ in rows.opportunities]
    for opportunity_id, code, label, level, essential in rows.requirements:
        number = codes.setdefault(code, len(codes))
        labels[number] = label
        requires[position[opportunity_id]][number] = (int(level), bool(essential))
    facts = []
    for _id, hours, sector_id, latitude, longitude in rows.opportunities:
        sector = sectors.setdefault(sector_id, len(sectors)) if sector_id is not None else None
        location = (float(latitude), float(longitude)) if latitude is not None else None
        facts.append(OpportunityFacts(location=location, hours=hours, sector=sector))
    index = OpportunityIndex.from_items(requires, len(codes), facts) if rows.opportunities else None
    return _OpenIndex(
        version=version,
        ids=[row[0] for row in rows.opportunities],
        codes=codes,
        labels=labels,
        sectors=sectors,
        index=index,
    )


def _open_index() -> _OpenIndex:
    """The cached index, rebuilt when the opportunities changed since it was built."""
    global _cached
    version = opportunities_selectors.opportunities_open_version()
    with _cache_lock:
        if _cached is None or _cached.version != version:
            _cached = _build_index(version)
        return _cached


def work_index_cache_clear() -> None:
    """Forget the cached index (tests: each test has its own database)."""
    global _cached
    with _cache_lock:
        _cached = None


def work_matches_for_resident(*, profile, top: int = WORK_TOP) -> WorkMatches:
    """The best ``top`` open opportunities for the resident with this profile, best first.

    Only opportunities that ask for at least one competency the resident has (score above 0) are
    listed. The resident's preferences are hard filters (docs/matching.md): at most ``max_travel_km``
    from their municipality, at most ``hours_per_week`` hours, and one of their preferred sectors.
    A preference is used only when the resident filled it in (distance also needs a municipality).
    """
    levels = profiles_selectors.competency_levels_for_resident(resident=profile)
    open_index = _open_index()
    codes, labels, sectors = open_index.codes, open_index.labels, open_index.sectors

    preferred = list(profile.preferred_sectors.all())
    location = _location(profile.municipality)
    max_km = profile.max_travel_km if location is not None else None
    used = UsedPreferences(
        municipality=profile.municipality.name if max_km is not None else None,
        max_km=max_km,
        hours=profile.hours_per_week,
        sectors=sorted(sector.label for sector in preferred),
    )
    # A preferred sector no open opportunity has gets a number no opportunity has.
    wanted = {sectors.get(sector.pk, len(sectors) + n) for n, sector in enumerate(preferred)}
    prefs = Preferences(
        location=location if max_km is not None else None,
        max_km=max_km,
        hours=profile.hours_per_week,
        sectors=frozenset(wanted) or None,
    )

    results: list[WorkMatch] = []
    index = open_index.index
    if levels and index is not None:
        have = {codes[code]: level for code, level in levels.items() if code in codes}
        numbers, scores = index.top(have, k=top, prefs=prefs)
        shown = opportunities_selectors.opportunities_by_ids(
            ids=[open_index.ids[number] for number in numbers.tolist()]
        )
        for number, score in zip(numbers.tolist(), scores.tolist(), strict=True):
            opportunity = shown.get(open_index.ids[number])
            if opportunity is None:  # closed or deleted since the index was read
                continue
            explanation = index.explain(have, number)
            results.append(
                WorkMatch(
                    opportunity=opportunity,
                    score=float(score),
                    matched=[labels[c] for c, _have, _need, _essential in explanation.matched],
                    sentences=explanation_text(explanation, labels.__getitem__, translate=gettext),
                )
            )
    return WorkMatches(
        has_competencies=bool(levels),
        preferences=used,
        results=results,
        opportunity_count=len(open_index.ids),
    )
