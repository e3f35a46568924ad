"""Read what a resident needs to learn for a goal, and the cheapest way to learn it.

``learning_route`` reads the resident's competencies (``profiles.selectors``), what a regional
occupation needs (``taxonomy.selectors``) and the published learning offer
(``learning.selectors.route_offer``), and asks the pure engine ``doorleren.engine.routes`` for the
cheapest route (docs/routes.md). Nothing is written.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError
from doorleren.engine.routes import RouteInstanceError, parse_catalogue, parse_question, solve_route
from doorleren.learning import selectors as learning_selectors
from doorleren.profiles import selectors as profiles_selectors
from doorleren.taxonomy import selectors as taxonomy_selectors

if TYPE_CHECKING:
    from doorleren.learning.models import Module
    from doorleren.profiles.models import ResidentProfile
    from doorleren.taxonomy.models import Competency, RegionalOccupation

# What ``LearningRoute.status`` can be.
NOTHING_TO_LEARN = "nothing_to_learn"  # the resident already has every needed level
ROUTE = "route"  # the modules close the whole gap
PARTIAL = "partial"  # the modules close what the offer can teach; ``uncovered`` is the rest
NO_ROUTE = "no_route"  # the engine found no route in its time limit


@dataclass(frozen=True)
class CompetencyStep:
    """One competency the resident still has to learn, and how (``module`` is None: not in the offer)."""

    competency: Competency
    have: int
    need: int
    module: Module | None
    module_level: int | None

    @property
    def sentence(self) -> str:
        """The step in plain Dutch, for example "U kunt nu niveau 1. Voor dit beroep is niveau 3 nodig. ..."."""
        parts = [
            _("U kunt nu niveau %(level)s.") % {"level": self.have}
            if self.have
            else _("U heeft deze competentie nog niet."),
            _("Voor dit beroep is niveau %(level)s nodig.") % {"level": self.need},
        ]
        if self.module is not None:
            parts.append(
                _("De module %(module)s brengt u op niveau %(level)s.")
                % {"module": self.module.title, "level": self.module_level}
            )
        else:
            parts.append(
                _("Er is in de regio nog geen module die u op niveau %(level)s brengt.")
                % {"level": self.need}
            )
        return " ".join(parts)


@dataclass(frozen=True)
class LearningRoute:
    """The cheapest learning route of a resident to a regional occupation.

    ``modules`` in the order to follow them (prerequisites first); ``cost_cents`` and ``hours`` are
    their totals; ``weeks`` is how long it takes at the resident's hours per week (None when they
    did not say). ``steps``: every competency to learn; ``uncovered``: the steps no module in the
    offer can teach. ``proven_optimal``: the engine proved that no route is cheaper.
    """

    occupation: RegionalOccupation
    status: str
    modules: tuple[Module, ...]
    cost_cents: int
    hours: int
    hours_per_week: int | None
    weeks: int | None
    steps: tuple[CompetencyStep, ...]
    proven_optimal: bool
    certificate_ids: tuple[int, ...] = ()

    @property
    def uncovered(self) -> tuple[CompetencyStep, ...]:
        return tuple(step for step in self.steps if step.module is None)


def regional_occupation_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Regional occupations to choose a goal from, grouped by sector: ``[(sector, [(code, label)])]``."""
    return [
        (group["sector"].label, [(occupation.code, occupation.label) for occupation in group["occupations"]])
        for group in taxonomy_selectors.regional_occupations_by_sector()
    ]


def regional_occupation_for_route(*, code: str) -> RegionalOccupation:
    """The regional occupation with its required competencies; ``Http404`` when the code is unknown."""
    return taxonomy_selectors.regional_occupation_get(code=code)


def _catalogue_data(offer: learning_selectors.RouteOffer) -> dict:
    return {
        "modules": [
            {
                "id": str(item.module.pk),
                "cost_cents": item.module.price_cents,
                "hours": item.module.hours,
                "teaches": item.teaches,
                "requires": [str(pk) for pk in item.requires],
            }
            for item in offer.modules
        ],
        "certificates": [
            {"id": str(pk), "modules": [str(module_id) for module_id in module_ids]}
            for pk, module_ids in offer.certificates.items()
            if module_ids
        ],
    }


def learning_route(*, profile: ResidentProfile, occupation: RegionalOccupation) -> LearningRoute:
    """What ``profile``'s resident must learn for ``occupation``, and the cheapest modules to learn it.

    Only the competencies the occupation needs (``essential``) count, not the ones that are only
    handy. When the offer cannot teach some of them, the route covers the rest and ``uncovered``
    names them. Raises ``ApplicationError`` when the offer cannot be read as a route instance.
    """
    requirements = [
        requirement for requirement in occupation.competency_requirements.all() if requirement.essential
    ]
    competencies = {requirement.competency.code: requirement.competency for requirement in requirements}
    need = {requirement.competency.code: requirement.level for requirement in requirements}
    have_all = profiles_selectors.competency_levels_for_resident(resident=profile)
    have = {code: level for code, level in have_all.items() if code in need and 1 <= level <= 4}
    hours_per_week = profile.hours_per_week

    offer = learning_selectors.route_offer()
    by_id = {str(item.module.pk): item for item in offer.modules}
    try:
        catalogue = parse_catalogue(_catalogue_data(offer))
        answer = solve_route(catalogue, parse_question({"need": need, "have": have}, catalogue))
        uncovered = dict(answer["uncovered"])
        if answer["status"] == "infeasible" and answer["reason"] == "offer":
            # Close what the offer can teach; name the rest.
            rest = {code: level for code, level in need.items() if code not in uncovered}
            answer = solve_route(catalogue, parse_question({"need": rest, "have": have}, catalogue))
    except RouteInstanceError as error:
        raise ApplicationError(
            _("De leerroute kan nu niet worden berekend. Probeer het later nog eens."),
            code="route_unavailable",
            status=503,
        ) from error

    gap = {code: level for code, level in need.items() if level > have.get(code, 0)}
    chosen = [by_id[module_id] for module_id in answer["modules"]]
    steps = []
    for code in sorted(gap, key=lambda code: competencies[code].label):
        item = next((item for item in chosen if item.teaches.get(code, 0) >= gap[code]), None)
        steps.append(
            CompetencyStep(
                competency=competencies[code],
                have=have.get(code, 0),
                need=gap[code],
                module=item.module if item is not None and code not in uncovered else None,
                module_level=item.teaches[code] if item is not None and code not in uncovered else None,
            )
        )

    if not gap:
        status = NOTHING_TO_LEARN
    elif answer["status"] not in ("optimal", "feasible"):
        status = NO_ROUTE
    elif uncovered:
        status = PARTIAL
    else:
        status = ROUTE
    hours = answer["hours"] if status != NO_ROUTE else 0
    return LearningRoute(
        occupation=occupation,
        status=status,
        modules=tuple(item.module for item in chosen) if status != NO_ROUTE else (),
        cost_cents=answer["cost_cents"] if status != NO_ROUTE else 0,
        hours=hours,
        hours_per_week=hours_per_week,
        weeks=math.ceil(hours / hours_per_week) if hours_per_week and hours else None,
        steps=tuple(steps),
        proven_optimal=bool(answer["proven_optimal"]) and status != NO_ROUTE,
        certificate_ids=tuple(int(pk) for pk in answer.get("certificates", [])),
    )
