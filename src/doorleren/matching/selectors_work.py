"""Read: which work fits a resident ("Welk werk past bij mij?").

The resident's competency levels and preferences (``profiles.selectors``) and the open
opportunities with their requirements (``opportunities.selectors``) are fed to the pure matching
engine (``doorleren.engine.matching``, docs/matching.md), which ranks them (score descending, then
opportunity id ascending) and explains every score.

The engine index is built per request from all open opportunities. That is fine for the demo
region (about 600 opportunities, a few milliseconds). Future work for large numbers: keep one
cached ``OpportunityIndex`` and rebuild it when an opportunity changes.
"""

from __future__ import annotations

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


def work_matches_for_resident(*, profile, top: int = WORK_TOP) -> WorkMatches:
    """The best ``top`` open opportunities for the resident with this profile, best first.

    Only opportunities that ask for at least one competency the resident has (score above 0) are
    listed. The resident's preferences are hard filters (docs/matching.md): at most ``max_travel_km``
    from their municipality, at most ``hours_per_week`` hours, and one of their preferred sectors.
    A preference is used only when the resident filled it in (distance also needs a municipality).
    """
    levels = profiles_selectors.competency_levels_for_resident(resident=profile)
    opportunities = opportunities_selectors.opportunities_open_with_requirements()

    codes: dict[str, int] = {}
    labels: dict[int, str] = {}
    sectors: dict[int, int] = {}
    requires: list[dict[int, tuple[int, bool]]] = []
    facts: list[OpportunityFacts] = []
    for opportunity in opportunities:
        row: dict[int, tuple[int, bool]] = {}
        for requirement in opportunity.competency_requirements.all():
            competency = requirement.competency
            number = codes.setdefault(competency.code, len(codes))
            labels[number] = competency.label
            row[number] = (int(requirement.level), bool(requirement.essential))
        requires.append(row)
        sector = None
        if opportunity.sector_id is not None:
            sector = sectors.setdefault(opportunity.sector_id, len(sectors))
        facts.append(
            OpportunityFacts(
                location=_location(opportunity.municipality),
                hours=opportunity.hours_per_week,
                sector=sector,
            )
        )

    preferred = list(profile.preferred_sectors.all())
    location = _location(profile.municipality)
    max_km = profile.max_travel_km if location is not None else None
    used = UsedPreferences(
        municipality=profile.municipality.name if max_km is not None else None,
        max_km=max_km,
        hours=profile.hours_per_week,
        sectors=sorted(sector.label for sector in preferred),
    )
    prefs = Preferences(
        location=location if max_km is not None else None,
        max_km=max_km,
        hours=profile.hours_per_week,
        sectors=frozenset(sectors.setdefault(sector.pk, len(sectors)) for sector in preferred) or None,
    )

    results: list[WorkMatch] = []
    if levels and opportunities:
        have = {codes[code]: level for code, level in levels.items() if code in codes}
        index = OpportunityIndex.from_items(requires, len(codes), facts)
        ids, scores = index.top(have, k=top, prefs=prefs)
        for number, score in zip(ids.tolist(), scores.tolist(), strict=True):
            explanation = index.explain(have, number)
            results.append(
                WorkMatch(
                    opportunity=opportunities[number],
                    score=float(score),
                    matched=[labels[c] for c, _have, _need, _essential in explanation.matched],
                    sentences=explanation_text(explanation, labels.__getitem__, translate=gettext),
                )
            )
    return WorkMatches(
        has_competencies=bool(levels),
        preferences=used,
        results=results,
        opportunity_count=len(opportunities),
    )
