"""Indexes over opportunities (for a person) and over persons (for an opportunity), with filters.

Competencies, places and sectors are integer codes (0..n-1); the caller keeps the mapping to its
own ids. Targets are numbered 0..n-1 and ties are broken by that number, so number them in the
order you want ties in (for example sorted by their id).

Keys: an opportunity requirement (competency c, level need, essential e) is key ``(4c + need-1)*2 + e``;
a person competency (c, level have) is key ``4c + have-1``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .geo import haversine_km
from .scoring import CREDIT12, Explanation, explain
from .topk import TopK

#: ``_SLOT_VALUES[have, j]``: the query value of opportunity key slot ``j = 2 * (need - 1) + essential``
#: (key ``8 * competency + j``) for a person at level ``have``: ``(1 + essential) * CREDIT12[have, need]``.
_SLOT_VALUES = np.array(
    [[(1 + j % 2) * CREDIT12[have, j // 2 + 1] for j in range(8)] for have in range(5)], dtype=np.int32
)


@dataclass(frozen=True)
class Preferences:
    """A person's wishes. ``None`` means "no wish"; a filter only applies when both sides know the value.

    ``location`` (lat, lon) and ``max_km``: the opportunity lies at most ``max_km`` away (haversine);
    ``hours``: the most hours per week the person wants, the opportunity asks at most that;
    ``sectors``: sector codes the person wants (empty or ``None``: any sector).
    """

    location: tuple[float, float] | None = None
    max_km: float | None = None
    hours: float | None = None
    sectors: frozenset[int] | None = None


@dataclass(frozen=True)
class OpportunityFacts:
    """Where an opportunity is, how many hours per week it asks, its sector (``None``: unknown)."""

    location: tuple[float, float] | None = None
    hours: float | None = None
    sector: int | None = None


def _nan_array(values: Sequence | None, n: int) -> np.ndarray:
    if values is None:
        return np.full(n, np.nan)
    return np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)


def _places(locations: Sequence | None, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct coordinates and, per item, the index of its place (-1 for unknown)."""
    if locations is None:
        return np.zeros((0, 2)), np.full(n, -1, dtype=np.int32)
    coords: dict[tuple[float, float], int] = {}
    place = np.full(n, -1, dtype=np.int32)
    for i, loc in enumerate(locations):
        if loc is not None:
            key = (float(loc[0]), float(loc[1]))
            place[i] = coords.setdefault(key, len(coords))
    return np.array(list(coords) or np.zeros((0, 2)), dtype=np.float64).reshape(-1, 2), place


def _csr(rows: Sequence[Sequence]) -> tuple[np.ndarray, np.ndarray]:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=indptr[1:])
    return indptr, (
        np.concatenate([np.asarray(r) for r in rows]) if len(rows) and indptr[-1] else np.zeros(0)
    )


class OpportunityIndex:
    """All opportunities, for "which opportunities fit this person" (``top``)."""

    def __init__(
        self,
        indptr: np.ndarray,
        competencies: np.ndarray,
        levels: np.ndarray,
        essential: np.ndarray,
        n_competencies: int,
        *,
        place: np.ndarray | None = None,
        place_coords: np.ndarray | None = None,
        hours: np.ndarray | None = None,
        sector: np.ndarray | None = None,
        kernel: bool | None = None,
    ):
        indptr = np.asarray(indptr, dtype=np.int64)
        n = len(indptr) - 1
        competencies = np.asarray(competencies, dtype=np.int64)
        levels = np.asarray(levels, dtype=np.int64)
        essential = np.asarray(essential, dtype=np.int64)
        _check(competencies, levels, n_competencies)
        self.n, self.n_competencies = n, n_competencies
        keys = (competencies * 4 + levels - 1) * 2 + essential
        rows = np.repeat(np.arange(n), np.diff(indptr))
        den = 12 * np.bincount(rows, weights=essential + 1, minlength=n).astype(np.int64)
        self.topk = TopK(indptr, keys, n_competencies * 8, 8, den, flag_mask=1, kernel=kernel)
        self.place = np.full(n, -1, dtype=np.int32) if place is None else np.asarray(place, dtype=np.int32)
        self.place_coords = np.zeros((0, 2)) if place_coords is None else np.asarray(place_coords, float)
        self.hours = np.full(n, np.nan, dtype=np.float32) if hours is None else np.asarray(hours, np.float32)
        self.sector = np.full(n, -1, dtype=np.int32) if sector is None else np.asarray(sector, dtype=np.int32)

    @classmethod
    def from_items(
        cls,
        requires: Sequence[Mapping[int, tuple[int, bool]]],
        n_competencies: int,
        facts: Sequence[OpportunityFacts] | None = None,
        *,
        kernel: bool | None = None,
    ) -> OpportunityIndex:
        """From one ``{competency: (level, essential)}`` per opportunity, plus their facts.

        ``kernel``: ``None`` uses the compiled top-k kernel for large indexes when Numba works (see
        ``topk``), ``True`` requires it, ``False`` keeps to numpy.
        """
        indptr, comps = _csr([list(r) for r in requires])
        levels = np.array([lv for r in requires for lv, _e in r.values()], dtype=np.int64)
        ess = np.array([e for r in requires for _lv, e in r.values()], dtype=np.int64)
        facts = facts or [OpportunityFacts()] * len(requires)
        coords, place = _places([f.location for f in facts], len(requires))
        return cls(
            indptr,
            comps,
            levels,
            ess,
            n_competencies,
            place=place,
            place_coords=coords,
            hours=_nan_array([f.hours for f in facts], len(requires)),
            sector=np.array([-1 if f.sector is None else f.sector for f in facts], dtype=np.int32),
            kernel=kernel,
        )

    @property
    def nbytes(self) -> int:
        return self.topk.nbytes + self.place.nbytes + self.hours.nbytes + self.sector.nbytes

    def query_table(self, have: Mapping[int, int]) -> np.ndarray:
        """The query for a person with ``{competency: level}``: numerator per (competency, need, essential) key."""
        return self._query(have)[0]

    def _query(self, have: Mapping[int, int]) -> tuple[np.ndarray, np.ndarray]:
        """The query table and its keys with a value above 0 (ascending)."""
        table = np.zeros(self.n_competencies * 8, dtype=np.int32)
        comps = np.fromiter(have.keys(), dtype=np.int64, count=len(have))
        levels = np.fromiter(have.values(), dtype=np.int64, count=len(have))
        inside = (comps >= 0) & (comps < self.n_competencies)
        comps, levels = comps[inside], levels[inside]
        order = np.argsort(comps)
        keys = (comps[order, None] * 8 + np.arange(8)).ravel()
        values = _SLOT_VALUES[levels[order]].ravel()
        table[keys] = values
        return table, keys[values > 0]

    def allow(self, prefs: Preferences | None):
        """A filter (ids -> bool array) for a person's preferences, or ``None`` when nothing filters."""
        if prefs is None:
            return None
        place_ok = None
        if prefs.location is not None and prefs.max_km is not None and len(self.place_coords):
            dist = haversine_km(prefs.location[0], prefs.location[1], self.place_coords)
            place_ok = np.append(dist <= prefs.max_km, True)  # index -1: unknown place passes
        hours = prefs.hours
        sector_ok = None
        if prefs.sectors:
            top = max(int(self.sector.max(initial=-1)), max(prefs.sectors)) + 2
            sector_ok = np.zeros(top, dtype=bool)
            sector_ok[list(prefs.sectors)] = True
            sector_ok[-1] = True  # index -1: unknown sector passes
        if place_ok is None and hours is None and sector_ok is None:
            return None

        def allowed(ids: np.ndarray) -> np.ndarray:
            ok = np.ones(len(ids), dtype=bool)
            if place_ok is not None:
                ok &= place_ok[self.place[ids]]
            if hours is not None:
                h = self.hours[ids]
                ok &= ~(h > hours)  # NaN (unknown) passes
            if sector_ok is not None:
                ok &= sector_ok[self.sector[ids]]
            return ok

        return allowed

    def top(
        self,
        have: Mapping[int, int],
        k: int = 10,
        prefs: Preferences | None = None,
        mask: np.ndarray | None = None,
        *,
        kernel: bool | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """The best ``k`` opportunities for a person (exact; score desc, id asc; only scores > 0).

        ``mask`` (bool per opportunity) is an extra filter, applied together with ``prefs``.
        ``kernel=False`` answers with the numpy path even when the index has the compiled kernel.
        """
        allow = _combine(self.allow(prefs), mask)
        table, keys = self._query(have)
        return self.topk.top(table, k, allow, kernel=kernel, keys=keys)

    def top_many(
        self,
        people: Sequence[Mapping[int, int]],
        k: int = 10,
        prefs: Sequence[Preferences | None] | None = None,
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        """``top`` for many persons (same results as one by one)."""
        prefs = prefs or [None] * len(people)
        return [self.top(have, k, p) for have, p in zip(people, prefs, strict=True)]

    def requires(self, opportunity: int) -> dict[int, tuple[int, bool]]:
        """``{competency: (level, essential)}`` of one opportunity, in stored order."""
        keys = self.topk.row(opportunity).astype(np.int64)
        return {int(k // 8): (int(k % 8 // 2 + 1), bool(k % 2)) for k in keys}

    def explain(self, have: Mapping[int, int], opportunity: int) -> Explanation:
        return explain(have, self.requires(opportunity))


class PersonIndex:
    """All persons, for "which persons fit this opportunity" (``top``) and near candidates."""

    def __init__(
        self,
        indptr: np.ndarray,
        competencies: np.ndarray,
        levels: np.ndarray,
        n_competencies: int,
        *,
        place: np.ndarray | None = None,
        place_coords: np.ndarray | None = None,
        max_km: np.ndarray | None = None,
        hours: np.ndarray | None = None,
        sectors: Sequence[frozenset[int] | None] | None = None,
        kernel: bool | None = None,
    ):
        indptr = np.asarray(indptr, dtype=np.int64)
        n = len(indptr) - 1
        competencies = np.asarray(competencies, dtype=np.int64)
        levels = np.asarray(levels, dtype=np.int64)
        _check(competencies, levels, n_competencies)
        self.n, self.n_competencies = n, n_competencies
        self.topk = TopK(indptr, competencies * 4 + levels - 1, n_competencies * 4, 4, None, kernel=kernel)
        self.place = np.full(n, -1, dtype=np.int32) if place is None else np.asarray(place, dtype=np.int32)
        self.place_coords = np.zeros((0, 2)) if place_coords is None else np.asarray(place_coords, float)
        self.max_km = np.full(n, np.nan) if max_km is None else np.asarray(max_km, dtype=np.float64)
        self.hours = np.full(n, np.nan) if hours is None else np.asarray(hours, dtype=np.float64)
        sectors = sectors or [None] * n
        self.any_sector = np.array([not s for s in sectors], dtype=bool)
        self.sector_members: dict[int, np.ndarray] = {}
        for i, wanted in enumerate(sectors):
            for s in wanted or ():
                self.sector_members.setdefault(int(s), []).append(i)
        self.sector_members = {s: np.array(v, dtype=np.int64) for s, v in self.sector_members.items()}

    @classmethod
    def from_items(
        cls,
        people: Sequence[Mapping[int, int]],
        n_competencies: int,
        prefs: Sequence[Preferences | None] | None = None,
        *,
        kernel: bool | None = None,
    ) -> PersonIndex:
        """From one ``{competency: level}`` per person, plus their preferences (``kernel``: as for
        ``OpportunityIndex.from_items``)."""
        indptr, comps = _csr([list(h) for h in people])
        levels = np.array([lv for h in people for lv in h.values()], dtype=np.int64)
        prefs = [p or Preferences() for p in (prefs or [None] * len(people))]
        coords, place = _places([p.location for p in prefs], len(people))
        return cls(
            indptr,
            comps,
            levels,
            n_competencies,
            place=place,
            place_coords=coords,
            max_km=_nan_array([p.max_km for p in prefs], len(people)),
            hours=_nan_array([p.hours for p in prefs], len(people)),
            sectors=[p.sectors for p in prefs],
            kernel=kernel,
        )

    def have(self, person: int) -> dict[int, int]:
        keys = self.topk.row(person).astype(np.int64)
        return {int(k // 4): int(k % 4 + 1) for k in keys}

    def query(self, requires: Mapping[int, tuple[int, bool]]) -> tuple[np.ndarray, int]:
        """Numerator per (competency, have) key and the denominator for an opportunity's requirements."""
        table = np.zeros(self.n_competencies * 4, dtype=np.int32)
        den = 0
        for comp, (need, essential) in requires.items():
            w = 2 if essential else 1
            den += 12 * w
            if 0 <= comp < self.n_competencies:
                for have in (1, 2, 3, 4):
                    table[comp * 4 + have - 1] = w * CREDIT12[have, need]
        return table, den

    def allow(self, facts: OpportunityFacts | None):
        if facts is None:
            return None
        dist = None
        if facts.location is not None and len(self.place_coords):
            dist = np.append(haversine_km(facts.location[0], facts.location[1], self.place_coords), 0.0)
        hours, sector = facts.hours, facts.sector
        members = None if sector is None else self.sector_members.get(int(sector), np.zeros(0, np.int64))
        if dist is None and hours is None and members is None:
            return None

        def allowed(ids: np.ndarray) -> np.ndarray:
            ok = np.ones(len(ids), dtype=bool)
            if dist is not None:
                ok &= ~(dist[self.place[ids]] > self.max_km[ids])  # unknown max_km or place passes
            if hours is not None:
                ok &= ~(hours > self.hours[ids])
            if members is not None:
                ok &= self.any_sector[ids] | np.isin(ids, members)
            return ok

        return allowed

    def top(
        self,
        requires: Mapping[int, tuple[int, bool]],
        k: int = 10,
        facts: OpportunityFacts | None = None,
        mask: np.ndarray | None = None,
        *,
        kernel: bool | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """The best ``k`` persons for an opportunity (exact; score desc, id asc; only scores > 0)."""
        table, den = self.query(requires)
        return self.topk.top(table, k, _combine(self.allow(facts), mask), den=den, kernel=kernel)

    def explain(self, person: int, requires: Mapping[int, tuple[int, bool]]) -> Explanation:
        return explain(self.have(person), requires)

    def near(
        self,
        requires: Mapping[int, tuple[int, bool]],
        hours_to_reach: Mapping[tuple[int, int], float],
        max_hours: float,
        *,
        limit: int | None = None,
        facts: OpportunityFacts | None = None,
        include_complete: bool = False,
    ) -> list[tuple[int, float, float]]:
        """Persons whose gaps for ``requires`` could be closed with at most ``max_hours`` of modules.

        ``hours_to_reach[(competency, level)]`` is the fewest module hours that reach that level (from
        the routes engine or the module catalogue). A person's figure is the SUM of those minima over
        their gaps: a lower bound, since one module may close several gaps or need others first; the
        real route comes from the routes engine. A gap without a known figure cannot be closed.
        Returns ``(person, hours, score)`` sorted by hours, then score desc, then person id.
        """
        lacking = np.zeros(self.n, dtype=np.float64)
        blocked = np.zeros(self.n, dtype=bool)
        for comp, (need, _essential) in requires.items():
            ok = np.zeros(self.n, dtype=bool)
            if 0 <= comp < self.n_competencies:
                for have in range(need, 5):
                    key = comp * 4 + have - 1
                    ok[self.topk.postings(key)] = True
            cost = hours_to_reach.get((comp, need))
            if cost is None:
                blocked |= ~ok
            else:
                lacking += np.where(ok, 0.0, float(cost))
        chosen = ~blocked & (lacking <= max_hours)
        if not include_complete:
            chosen &= lacking > 0
        cands = np.flatnonzero(chosen)
        allow = self.allow(facts)
        if allow is not None:
            cands = cands[allow(cands)]
        table, den = self.query(requires)
        scores = self.topk.scores(cands, table, den) if den else np.zeros(len(cands))
        order = np.lexsort((cands, -scores, lacking[cands]))
        if limit is not None:
            order = order[:limit]
        return [(int(cands[i]), float(lacking[cands[i]]), float(scores[i])) for i in order]


def _check(competencies: np.ndarray, levels: np.ndarray, n_competencies: int) -> None:
    if len(levels) != len(competencies):
        raise ValueError("competencies and levels differ in length")
    if len(levels) and (levels.min() < 1 or levels.max() > 4):
        raise ValueError("levels must be 1-4")
    if len(competencies) and (competencies.min() < 0 or competencies.max() >= n_competencies):
        raise ValueError("competency code out of range")


def _combine(allow, mask: np.ndarray | None):
    if mask is None:
        return allow
    mask = np.asarray(mask, dtype=bool)
    if allow is None:
        return mask
    return lambda ids: mask[ids] & allow(ids)
