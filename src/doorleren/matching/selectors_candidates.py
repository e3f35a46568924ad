"""Read: which residents fit an opportunity ("Kandidaten") and who could fit with a little learning
("Bijna-kandidaten"), for the members of the organisation that offers it.

Only residents who gave that organisation itself an active consent to see their profile
(``accounts.selectors.residents_consenting_to``) are fed to the engine; nobody else is read, listed
or counted. Their competency levels and preferences come from ``profiles.selectors``, the published
module offer from ``learning.selectors.route_offer``; the pure matching engine
(``doorleren.engine.matching.PersonIndex``, docs/matching.md) ranks and explains.

The residents' wishes (distance, hours, sectors) are hard filters, as on "Welk werk past bij mij?":
a resident does not show up for work they said they do not want. The index is built per request
from the consenting residents only (a few hundred at most per organisation), which takes
milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext
from django.utils.translation import gettext as _

from doorleren.accounts import selectors as accounts_selectors
from doorleren.core.errors import ApplicationError
from doorleren.engine.matching import OpportunityFacts, PersonIndex, Preferences, explanation_text
from doorleren.learning import selectors as learning_selectors
from doorleren.opportunities import selectors as opportunities_selectors
from doorleren.organisations import selectors as organisations_selectors
from doorleren.profiles import selectors as profiles_selectors

#: How many candidates the page shows.
CANDIDATES_TOP = 50
#: How many near candidates the page shows (the total is told).
NEAR_LIMIT = 50
#: Hours of learning the employer accepts, by default and at most.
NEAR_HOURS_DEFAULT = 120  # three weeks of full-time learning
NEAR_HOURS_MIN, NEAR_HOURS_MAX = 1, 2000
#: Roles that see residents after consent (employer, school, coach); others never see candidates.
CANDIDATE_ROLES = accounts_selectors.CONSENT_ROLES


def opportunity_for_member(*, viewer, pk: int):
    """The opportunity ``pk`` (open or closed) with its requirements, for a member of its organisation.

    ``ApplicationError`` with status 404 when it does not exist, 403 when ``viewer`` is not a member
    of the organisation that offers it (or has a role that never sees residents).
    """
    opportunity = opportunities_selectors.opportunity_with_requirements_get(pk=pk)
    if opportunity is None:
        raise ApplicationError(
            _("Dit werk bestaat niet (meer). Kijk of het adres goed is."), code="not_found", status=404
        )
    allowed = getattr(viewer, "role", None) in CANDIDATE_ROLES and organisations_selectors.membership_exists(
        user=viewer, organisation=opportunity.organisation
    )
    if not allowed:
        raise ApplicationError(
            _(
                "U ziet alleen kandidaten voor werk van uw eigen organisatie. "
                "Dit werk is van een andere organisatie."
            ),
            code="not_member",
            status=403,
        )
    return opportunity


@dataclass(frozen=True)
class Candidate:
    """A resident who fits the opportunity, with the engine's score and its explanation."""

    resident: object
    score: float
    sentences: list[str]

    @property
    def percent(self) -> int:
        return round(self.score * 100)


@dataclass(frozen=True)
class GapStep:
    """One competency a near candidate still has to learn, and the modules that teach it.

    ``modules``: the shortest way in the offer, prerequisites first, the module that teaches it last.
    ``hours``: their hours together.
    """

    competency: object
    have: int
    need: int
    essential: bool
    hours: int
    modules: tuple

    @property
    def sentence(self) -> str:
        """The gap in plain Dutch, for example "Heeft niveau 1. Nodig is niveau 2."."""
        if self.have:
            return _("Heeft niveau %(have)s. Nodig is niveau %(need)s.") % {
                "have": self.have,
                "need": self.need,
            }
        return _("Heeft dit nog niet. Nodig is niveau %(need)s.") % {"need": self.need}


@dataclass(frozen=True)
class NearCandidate:
    """A resident who could fit after at most the chosen hours of modules."""

    resident: object
    hours: int
    score: float
    steps: tuple[GapStep, ...]
    sentences: list[str]

    @property
    def percent(self) -> int:
        return round(self.score * 100)


@dataclass(frozen=True)
class CandidateOverview:
    """What the page shows. ``near`` is None when no valid number of hours was given."""

    opportunity: object
    requirement_count: int
    candidates: list[Candidate] = field(default_factory=list)
    near: list[NearCandidate] | None = None
    near_total: int = 0
    max_hours: int | None = None


@dataclass
class _Pool:
    """The consenting residents as the engine sees them, and the opportunity's requirements."""

    residents: list
    index: PersonIndex | None
    requires: dict[int, tuple[int, bool]]
    competencies: dict[int, object]  # engine number -> Competency
    facts: OpportunityFacts


def _location(municipality) -> tuple[float, float] | None:
    if municipality is None:
        return None
    return (float(municipality.latitude), float(municipality.longitude))


def _pool(*, viewer, opportunity) -> _Pool:
    numbers: dict[str, int] = {}
    competencies: dict[int, object] = {}
    requires: dict[int, tuple[int, bool]] = {}
    for requirement in opportunity.competency_requirements.all():
        number = numbers.setdefault(requirement.competency.code, len(numbers))
        competencies[number] = requirement.competency
        requires[number] = (int(requirement.level), bool(requirement.essential))

    sectors: dict[int, int] = {}
    facts = OpportunityFacts(
        location=_location(opportunity.municipality),
        hours=opportunity.hours_per_week,
        sector=None if opportunity.sector_id is None else sectors.setdefault(opportunity.sector_id, 0),
    )

    consenting = accounts_selectors.residents_consenting_to(
        viewer=viewer, organisation=opportunity.organisation
    )
    profiles = profiles_selectors.profiles_for_matching(residents=consenting) if requires else []
    people: list[dict[int, int]] = []
    prefs: list[Preferences] = []
    for profile in profiles:
        people.append(
            {
                numbers[row.competency.code]: int(row.level)
                for row in profile.competencies.all()
                if row.competency.code in numbers and 1 <= row.level <= 4
            }
        )
        location = _location(profile.municipality)
        wanted = frozenset(
            sectors.setdefault(sector.pk, len(sectors)) for sector in profile.preferred_sectors.all()
        )
        prefs.append(
            Preferences(
                location=location if profile.max_travel_km is not None else None,
                max_km=profile.max_travel_km if location is not None else None,
                hours=profile.hours_per_week,
                sectors=wanted or None,
            )
        )
    index = PersonIndex.from_items(people, len(numbers), prefs) if people else None
    return _Pool(
        residents=[profile.user for profile in profiles],
        index=index,
        requires=requires,
        competencies=competencies,
        facts=facts,
    )


def _label(pool: _Pool):
    return lambda number: pool.competencies[number].label


def _candidates(pool: _Pool, top: int) -> list[Candidate]:
    if pool.index is None:
        return []
    ids, scores = pool.index.top(pool.requires, k=top, facts=pool.facts)
    results = []
    for number, score in zip(ids.tolist(), scores.tolist(), strict=True):
        explanation = pool.index.explain(number, pool.requires)
        results.append(
            Candidate(
                resident=pool.residents[number],
                score=float(score),
                sentences=explanation_text(explanation, _label(pool), about="candidate", translate=gettext),
            )
        )
    return results


def module_routes(*, codes: set[str]) -> dict[tuple[str, int], tuple[int, tuple]]:
    """Per (competency code, level 1-4) of ``codes``: the fewest hours of published modules that
    bring someone to that level, and those modules (prerequisites first).

    A module that needs other modules first counts their hours too. Ties go to the module that
    comes first in the offer (by title). A level no module reaches is not in the result.
    """
    offer = learning_selectors.route_offer()
    # The offer lists prerequisites before the modules that need them.
    chain: dict[int, tuple] = {}
    best: dict[tuple[str, int], tuple[int, tuple]] = {}
    for item in offer.modules:
        module = item.module
        before: list = []
        for required_id in item.requires:
            for earlier in chain.get(required_id, ()):
                if earlier not in before:
                    before.append(earlier)
        modules = (*before, module)
        chain[module.pk] = modules
        hours = sum(int(m.hours) for m in modules)
        for code, level in item.teaches.items():
            if code not in codes:
                continue
            for need in range(1, int(level) + 1):
                if (code, need) not in best or hours < best[(code, need)][0]:
                    best[(code, need)] = (hours, modules)
    return best


def _near(pool: _Pool, max_hours: int, limit: int) -> tuple[list[NearCandidate], int]:
    if pool.index is None:
        return [], 0
    codes = {competency.code: number for number, competency in pool.competencies.items()}
    routes = module_routes(codes=set(codes))
    hours_to_reach = {(codes[code], need): hours for (code, need), (hours, _m) in routes.items()}
    found = pool.index.near(pool.requires, hours_to_reach, max_hours, facts=pool.facts)
    results = []
    for number, hours, score in found[:limit]:
        explanation = pool.index.explain(number, pool.requires)
        gaps = [(c, have, need, essential) for c, have, need, essential in explanation.too_low]
        gaps += [(c, 0, need, essential) for c, need, essential in explanation.missing]
        steps = []
        for c, have, need, essential in gaps:
            step_hours, modules = routes[(pool.competencies[c].code, need)]
            steps.append(
                GapStep(
                    competency=pool.competencies[c],
                    have=have,
                    need=need,
                    essential=essential,
                    hours=step_hours,
                    modules=modules,
                )
            )
        results.append(
            NearCandidate(
                resident=pool.residents[number],
                hours=round(hours),
                score=float(score),
                steps=tuple(steps),
                sentences=explanation_text(explanation, _label(pool), about="candidate", translate=gettext),
            )
        )
    return results, len(found)


def candidates_for_opportunity(*, viewer, opportunity, top: int = CANDIDATES_TOP) -> list[Candidate]:
    """The best ``top`` consenting residents for ``opportunity``: score descending, then user id.

    Only scores above 0. ``viewer`` must be a member of the opportunity's organisation
    (``opportunity_for_member``); otherwise nobody consents to them and the list is empty.
    """
    return _candidates(_pool(viewer=viewer, opportunity=opportunity), top)


def near_candidates_for_opportunity(
    *, viewer, opportunity, max_hours: int, limit: int = NEAR_LIMIT
) -> tuple[list[NearCandidate], int]:
    """Consenting residents who are not a full match yet, but whose gaps published modules could
    close in at most ``max_hours`` hours; fewest hours first, then score, then user id.

    Hours per gap are the fewest module hours (with prerequisites) that reach the needed level; a
    resident's hours are their sum (docs/matching.md). A gap no module teaches cannot be closed.
    Returns the first ``limit`` and how many there are in all.
    """
    return _near(_pool(viewer=viewer, opportunity=opportunity), max_hours, limit)


def candidate_overview(*, viewer, opportunity, max_hours: int | None) -> CandidateOverview:
    """Both lists for the page in one go; ``max_hours`` None: no near candidates (bad input)."""
    pool = _pool(viewer=viewer, opportunity=opportunity)
    near, near_total = (None, 0) if max_hours is None else _near(pool, max_hours, NEAR_LIMIT)
    return CandidateOverview(
        opportunity=opportunity,
        requirement_count=len(pool.requires),
        candidates=_candidates(pool, CANDIDATES_TOP),
        near=near,
        near_total=near_total,
        max_hours=max_hours,
    )
