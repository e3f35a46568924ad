"""Read what a resident needs to learn for a goal, the cheapest way to learn it, and when.

A goal (``RouteGoal``) is a regional occupation, an open opportunity (a vacancy or a practical
assignment) or a set of competencies the resident chose, each with a needed level.
``learning_route`` reads the resident's competencies (``profiles.selectors``), what the goal needs
and the published learning offer (``learning.selectors.route_offer``), and asks the pure engine
``doorleren.engine.routes`` for the cheapest route (docs/routes.md). With hours per week and an end
date, only routes that fit in that time count, and the modules get dates (``RoutePlan``). Nothing is
written here; ``matching.services`` stores routes the resident keeps (``SavedRoute``).
"""

from __future__ import annotations

import datetime
import math
import threading
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.budgets import selectors as budgets_selectors
from doorleren.core.errors import ApplicationError
from doorleren.engine.routes import RouteInstanceError, parse_catalogue, parse_question, solve_route
from doorleren.learning import selectors as learning_selectors
from doorleren.opportunities import selectors as opportunities_selectors
from doorleren.profiles import selectors as profiles_selectors
from doorleren.taxonomy import selectors as taxonomy_selectors

from .models import SavedRoute, SavedRouteModule

if TYPE_CHECKING:
    from doorleren.learning.models import Certificate, Module
    from doorleren.opportunities.models import Opportunity
    from doorleren.profiles.models import ResidentProfile
    from doorleren.taxonomy.models import Competency, RegionalOccupation

# What ``LearningRoute.status`` can be.
NOTHING_TO_LEARN = "nothing_to_learn"  # the resident already has every needed level
ROUTE = "route"  # the modules close the whole gap
PARTIAL = "partial"  # the modules close what the offer can teach; ``uncovered`` is the rest
NO_ROUTE = "no_route"  # the engine found no route in its time limit

# What a goal can be (``RouteGoal.kind``, ``SavedRoute.goal_kind``).
GOAL_OCCUPATION = "occupation"
GOAL_OPPORTUNITY = "opportunity"
GOAL_COMPETENCIES = "competencies"

# The GET parameters of the route page, shared by the page, the save form and "Mijn leerroutes".
PARAM_OCCUPATION = "doel"
PARAM_OPPORTUNITY = "werk"
PARAM_COMPETENCY = "competentie"  # competentie1 .. competentie5
PARAM_LEVEL = "niveau"  # niveau1 .. niveau5
PARAM_HOURS = "uren"
PARAM_FINISH_BY = "klaar_op"
GOAL_COMPETENCIES_MAX = 5


@dataclass(frozen=True)
class RouteGoal:
    """What the resident wants to learn for.

    ``need``: competency code → needed level (only what is essential for the occupation or the
    opportunity). ``reference`` names the goal in a saved route: the occupation's code, the
    opportunity's id, or ``code:level`` pairs joined by commas.
    """

    kind: str
    reference: str
    label: str
    need: dict[str, int]
    competencies: dict[str, Competency]
    occupation: RegionalOccupation | None = None
    opportunity: Opportunity | None = None

    @property
    def query(self) -> dict[str, str]:
        """The route page's GET parameters for this goal."""
        return goal_query(kind=self.kind, reference=self.reference)


@dataclass(frozen=True)
class CompetencyStep:
    """One competency the resident still has to learn, and how (``module`` is None: not in the offer)."""

    competency: Competency
    have: int
    need: int
    module: Module | None
    module_level: int | None
    goal_kind: str = GOAL_OCCUPATION

    @property
    def sentence(self) -> str:
        """The step in plain Dutch, for example "U kunt nu niveau 1. Voor dit beroep is niveau 3 nodig. ..."."""
        needed = {
            GOAL_OCCUPATION: _("Voor dit beroep is niveau %(level)s nodig."),
            GOAL_OPPORTUNITY: _("Voor dit werk is niveau %(level)s nodig."),
            GOAL_COMPETENCIES: _("U wilt niveau %(level)s halen."),
        }[self.goal_kind]
        parts = [
            _("U kunt nu niveau %(level)s.") % {"level": self.have}
            if self.have
            else _("U heeft deze competentie nog niet."),
            needed % {"level": self.need},
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
class ModulePlan:
    """When one module of the route starts and ends.

    ``fixed``: the start (and end, when the provider gave one) is a start date of the provider
    (``learning.ModuleStart``). Otherwise there is no later start date known, and the module starts
    as soon as the one before it is done.
    """

    module: Module
    start_date: datetime.date
    end_date: datetime.date
    fixed: bool


@dataclass(frozen=True)
class RoutePlan:
    """The route in time: the modules one after the other, at ``hours_per_week``.

    ``start_date``: the day the first module starts; ``end_date``: the day the last one ends.
    """

    start_date: datetime.date
    end_date: datetime.date
    hours_per_week: int
    modules: tuple[ModulePlan, ...]


@dataclass(frozen=True)
class Shortfall:
    """Why the route does not fit the resident's time (or money), with the figures to say so.

    ``reason``: ``hours``, ``budget`` or ``budget_and_hours`` (the engine's reasons).
    ``fewest_hours``: the shortest route that closes the gap; ``cheapest_cost_cents``: the cheapest.
    ``available_hours``: the hours that fit before the end date; ``budget_cents``: the money cap.
    """

    reason: str
    fewest_hours: int | None
    cheapest_cost_cents: int | None
    available_hours: int | None
    budget_cents: int | None


@dataclass(frozen=True)
class LearningRoute:
    """The cheapest learning route of a resident to a goal.

    ``modules`` in the order to follow them (prerequisites first); ``cost_cents`` and ``hours`` are
    their totals; ``weeks`` is how long it takes at ``hours_per_week`` (None when not known).
    ``steps``: every competency to learn; ``uncovered``: the steps no module in the offer can teach.
    ``proven_optimal``: the engine proved that no route is cheaper.

    ``finish_by`` and ``available_hours``: the resident's end date and the hours that fit before it
    (hours per week × whole weeks from ``start_date``). ``shortfall`` is set when no route fits; the
    route shown is then the cheapest one without that limit. ``plan`` has the dates (None without
    hours per week); ``late`` is True when the providers' start dates push the end past ``finish_by``.
    """

    goal: RouteGoal
    status: str
    modules: tuple[Module, ...]
    cost_cents: int
    hours: int
    hours_per_week: int | None
    weeks: int | None
    steps: tuple[CompetencyStep, ...]
    proven_optimal: bool
    certificate_ids: tuple[int, ...] = ()
    certificates: tuple[Certificate, ...] = ()
    start_date: datetime.date | None = None
    finish_by: datetime.date | None = None
    available_hours: int | None = None
    shortfall: Shortfall | None = None
    plan: RoutePlan | None = None

    @property
    def occupation(self) -> RegionalOccupation | None:
        return self.goal.occupation

    @property
    def uncovered(self) -> tuple[CompetencyStep, ...]:
        return tuple(step for step in self.steps if step.module is None)

    @property
    def schedule(self) -> tuple[tuple[Module, ModulePlan | None], ...]:
        """Each module with its dates (None without hours per week), in route order."""
        if self.plan is None:
            return tuple((module, None) for module in self.modules)
        return tuple((step.module, step) for step in self.plan.modules)

    @property
    def late(self) -> bool:
        return bool(self.plan and self.finish_by and self.plan.end_date > self.finish_by)


# --- goals ------------------------------------------------------------------------------------------


_choices_lock = threading.Lock()
_choices_kept: tuple[tuple, list, list] | None = None


def goal_choices() -> tuple[list, list]:
    """``(regional_occupation_choices(), competency_choices())`` with one version check: both lists,
    kept per process until the competency map changes (``competency_map_version``):
    reading them costs 8 ms a page, checking the version one."""
    global _choices_kept
    version = taxonomy_selectors.competency_map_version()
    with _choices_lock:
        if _choices_kept is None or _choices_kept[0] != version:
            occupations = [
                (
                    group["sector"].label,
                    [(occupation.code, occupation.label) for occupation in group["occupations"]],
                )
                for group in taxonomy_selectors.regional_occupations_by_sector()
            ]
            competencies = list(
                taxonomy_selectors.competency_list().order_by("label", "code").values_list("code", "label")
            )
            _choices_kept = (version, occupations, competencies)
        return list(_choices_kept[1]), list(_choices_kept[2])


def goal_choices_cache_clear() -> None:
    """Forget the kept choice lists and the parsed catalogue (tests: each test has its own database)."""
    global _choices_kept, _catalogue_kept
    with _choices_lock:
        _choices_kept = None
    with _catalogue_lock:
        _catalogue_kept = None


def regional_occupation_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Regional occupations to choose a goal from, grouped by sector: ``[(sector, [(code, label)])]``."""
    return list(goal_choices()[0])


def competency_choices() -> list[tuple[str, str]]:
    """Competencies of the regional map to choose a goal from, by label: ``[(code, label)]``."""
    return list(goal_choices()[1])


def regional_occupation_for_route(*, code: str) -> RegionalOccupation:
    """The regional occupation with its required competencies; ``Http404`` when the code is unknown."""
    return taxonomy_selectors.regional_occupation_get(code=code)


def _essential(requirements) -> tuple[dict[str, int], dict[str, Competency]]:
    rows = [requirement for requirement in requirements if requirement.essential]
    return (
        {row.competency.code: row.level for row in rows},
        {row.competency.code: row.competency for row in rows},
    )


def route_goal_for_occupation(*, occupation: RegionalOccupation) -> RouteGoal:
    """The goal of a regional occupation: the competencies it needs (``essential``), not the handy ones."""
    need, competencies = _essential(occupation.competency_requirements.all())
    return RouteGoal(
        kind=GOAL_OCCUPATION,
        reference=occupation.code,
        label=occupation.label,
        need=need,
        competencies=competencies,
        occupation=occupation,
    )


def route_goal_for_opportunity(*, opportunity_id: int) -> RouteGoal | None:
    """The goal of an open opportunity (its essential competencies), or None when it is not open."""
    opportunity = opportunities_selectors.opportunity_public_get(pk=opportunity_id)
    if opportunity is None:
        return None
    need, competencies = _essential(opportunity.competency_requirements.all())
    return RouteGoal(
        kind=GOAL_OPPORTUNITY,
        reference=str(opportunity.pk),
        label=opportunity.title,
        need=need,
        competencies=competencies,
        opportunity=opportunity,
    )


def route_goal_for_competencies(*, levels: dict[str, int]) -> RouteGoal:
    """The goal of competencies the resident chose (code → level 1-4, in the order chosen).

    Raises ``ApplicationError`` for an unknown code, a level outside 1-4, none or more than
    ``GOAL_COMPETENCIES_MAX``.
    """
    if not levels or len(levels) > GOAL_COMPETENCIES_MAX:
        raise ApplicationError(
            _("Kies 1 tot en met %(max)s competenties.") % {"max": GOAL_COMPETENCIES_MAX},
            code="goal_competencies_count",
        )
    if any(
        not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 4
        for level in levels.values()
    ):
        raise ApplicationError(_("Een niveau is 1, 2, 3 of 4."), code="goal_level")
    found = {
        competency.code: competency
        for competency in taxonomy_selectors.competency_list().filter(code__in=list(levels))
    }
    if set(found) != set(levels):
        raise ApplicationError(
            _("Deze competentie kennen wij niet. Kies een competentie uit de lijst."), code="goal_competency"
        )
    labels = [found[code].label for code in levels]
    return RouteGoal(
        kind=GOAL_COMPETENCIES,
        reference=",".join(f"{code}:{level}" for code, level in levels.items()),
        label=", ".join(labels),
        need=dict(levels),
        competencies={code: found[code] for code in levels},
    )


def goal_query(*, kind: str, reference: str) -> dict[str, str]:
    """The route page's GET parameters for a goal (as stored in ``SavedRoute``)."""
    if kind == GOAL_OCCUPATION:
        return {PARAM_OCCUPATION: reference}
    if kind == GOAL_OPPORTUNITY:
        return {PARAM_OPPORTUNITY: reference}
    query = {}
    for number, pair in enumerate(reference.split(",")[:GOAL_COMPETENCIES_MAX], start=1):
        code, _sep, level = pair.rpartition(":")
        query[f"{PARAM_COMPETENCY}{number}"] = code
        query[f"{PARAM_LEVEL}{number}"] = level
    return query


def route_query_string(
    *, kind: str, reference: str, hours_per_week: int | None = None, finish_by: datetime.date | None = None
) -> str:
    """``doel=...&uren=8&klaar_op=2027-06-30``: the route page for a goal with its hours and end date."""
    query = goal_query(kind=kind, reference=reference)
    if hours_per_week:
        query[PARAM_HOURS] = str(hours_per_week)
    if finish_by:
        query[PARAM_FINISH_BY] = finish_by.isoformat()
    return urlencode(query)


# --- time -------------------------------------------------------------------------------------------


def route_start_date(*, today: datetime.date | None = None) -> datetime.date:
    """The day a route starts: today when it is a Monday, else next Monday."""
    today = today or timezone.localdate()
    return today + datetime.timedelta(days=(7 - today.weekday()) % 7)


def available_hours(*, start: datetime.date, finish_by: datetime.date, hours_per_week: int) -> int:
    """Hours per week × the whole weeks from ``start`` up to and including ``finish_by``."""
    weeks = max(0, ((finish_by - start).days + 1) // 7)
    return hours_per_week * weeks


def route_plan(
    *,
    modules: tuple[Module, ...],
    hours_per_week: int,
    start: datetime.date,
    starts: dict[int, list[tuple[datetime.date, datetime.date | None]]],
    requires: dict[int, set[int]] | None = None,
) -> RoutePlan:
    """The modules one after the other, at ``hours_per_week``, from ``start``.

    Order: each time, of the modules whose prerequisites in the route (``requires``: module id →
    ids it needs first) are done, the one that can begin first; on a tie, the order of ``modules``
    (which lists prerequisites first). So a module that waits for a provider's start date months
    away does not hold up one that can begin now.

    A module takes ``hours / hours_per_week`` weeks, counted in days and carried over from one
    module to the next (so the plan ends on the day the hours run out). When the provider has a
    start date on or after the day the module could begin (``starts``: module id → (start, end or
    None), earliest first), the module waits for it and ends on the provider's end date (or after
    its hours). Without such a date the module starts right away.
    """
    position = Fraction(0)  # days since ``start`` at which the hours so far are done
    planned = []
    requires = requires or {}
    in_route = {module.pk for module in modules}
    remaining = list(modules)
    done: set[int] = set()
    while remaining:
        earliest = start + datetime.timedelta(days=math.ceil(position))

        def fixed_start(module, earliest=earliest):
            return next(((s, e) for s, e in starts.get(module.pk, ()) if s >= earliest), None)

        ready = [m for m in remaining if not (requires.get(m.pk, set()) & in_route) - done] or remaining[:1]
        module = min(ready, key=lambda m: ((fixed_start(m) or (earliest,))[0], remaining.index(m)))
        remaining.remove(module)
        done.add(module.pk)
        fixed = fixed_start(module)
        if fixed is not None:
            begin, end = fixed
            if end is None:
                end = begin + datetime.timedelta(
                    days=math.ceil(Fraction(module.hours * 7, hours_per_week)) - 1
                )
            position = Fraction((end - start).days + 1)
        else:
            begin = start + datetime.timedelta(days=math.floor(position))
            position += Fraction(module.hours * 7, hours_per_week)
            end = start + datetime.timedelta(days=max(math.ceil(position) - 1, (begin - start).days))
        planned.append(ModulePlan(module=module, start_date=begin, end_date=end, fixed=fixed is not None))
    begin_date = planned[0].start_date if planned else start
    end_date = max((step.end_date for step in planned), default=start)
    return RoutePlan(
        start_date=begin_date, end_date=end_date, hours_per_week=hours_per_week, modules=tuple(planned)
    )


# --- the route --------------------------------------------------------------------------------------


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


_catalogue_lock = threading.Lock()
_catalogue_kept: tuple[learning_selectors.RouteOffer, object] | None = None


def _catalogue(offer: learning_selectors.RouteOffer):
    """The engine's catalogue of ``offer``, parsed once per kept offer (the engine shares one catalogue
    between questions; ``route_offer`` returns the same object until the offer changes)."""
    global _catalogue_kept
    with _catalogue_lock:
        if _catalogue_kept is not None and _catalogue_kept[0] is offer:
            return _catalogue_kept[1]
    catalogue = parse_catalogue(_catalogue_data(offer))
    with _catalogue_lock:
        _catalogue_kept = (offer, catalogue)
    return catalogue


def _solve(catalogue, *, need: dict[str, int], have: dict[str, int], caps: dict[str, int]) -> dict:
    return solve_route(catalogue, parse_question({"need": need, "have": have, **caps}, catalogue))


def learning_route(
    *,
    profile: ResidentProfile,
    goal: RouteGoal | None = None,
    occupation: RegionalOccupation | None = None,
    hours_per_week: int | None = None,
    finish_by: datetime.date | None = None,
    budget_cents: int | None = None,
    today: datetime.date | None = None,
) -> LearningRoute:
    """What ``profile``'s resident must learn for ``goal`` (or ``occupation``), and the cheapest modules.

    When the offer cannot teach some competencies, the route covers the rest and ``uncovered`` names
    them. ``hours_per_week`` defaults to the profile's. With ``finish_by`` (and hours per week) the
    route must fit in ``available_hours``; with ``budget_cents`` it must cost no more. When no route
    fits, ``shortfall`` says why and the route is the cheapest one without those limits. Raises
    ``ApplicationError`` when the offer cannot be read as a route instance.
    """
    if goal is None:
        if occupation is None:
            raise TypeError("learning_route needs a goal or an occupation")
        goal = route_goal_for_occupation(occupation=occupation)
    need = goal.need
    have_all = profiles_selectors.competency_levels_for_resident(resident=profile)
    have = {code: level for code, level in have_all.items() if code in need and 1 <= level <= 4}
    hours_per_week = hours_per_week or profile.hours_per_week
    start = route_start_date(today=today)
    hours_cap = (
        available_hours(start=start, finish_by=finish_by, hours_per_week=hours_per_week)
        if finish_by is not None and hours_per_week
        else None
    )
    caps = {
        key: value
        for key, value in (("max_hours", hours_cap), ("budget_cents", budget_cents))
        if value is not None
    }

    offer = learning_selectors.route_offer()
    by_id = {str(item.module.pk): item for item in offer.modules}
    shortfall = None
    try:
        catalogue = _catalogue(offer)
        answer = _solve(catalogue, need=need, have=have, caps=caps)
        uncovered = dict(answer["uncovered"])
        rest = need
        if answer["status"] == "infeasible" and answer["reason"] == "offer":
            # Close what the offer can teach; name the rest.
            rest = {code: level for code, level in need.items() if code not in uncovered}
            answer = _solve(catalogue, need=rest, have=have, caps=caps)
        if answer["status"] == "infeasible" and answer["reason"] in ("hours", "budget", "budget_and_hours"):
            shortfall = Shortfall(
                reason=answer["reason"],
                fewest_hours=answer.get("fewest_hours"),
                cheapest_cost_cents=answer.get("cheapest_cost_cents"),
                available_hours=hours_cap,
                budget_cents=budget_cents,
            )
            answer = _solve(catalogue, need=rest, have=have, caps={})
    except RouteInstanceError as error:
        raise ApplicationError(
            _("De leerroute kan nu niet worden berekend. Probeer het later nog eens."),
            code="route_unavailable",
            status=503,
        ) from error

    gap = {code: level for code, level in need.items() if level > have.get(code, 0)}
    chosen = [by_id[module_id] for module_id in answer["modules"]]
    steps = []
    for code in sorted(gap, key=lambda code: goal.competencies[code].label):
        item = next((item for item in chosen if item.teaches.get(code, 0) >= gap[code]), None)
        taught = item is not None and code not in uncovered
        steps.append(
            CompetencyStep(
                competency=goal.competencies[code],
                have=have.get(code, 0),
                need=gap[code],
                module=item.module if taught else None,
                module_level=item.teaches[code] if taught else None,
                goal_kind=goal.kind,
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
    found = status != NO_ROUTE
    modules = tuple(item.module for item in chosen) if found else ()
    hours = answer["hours"] if found else 0
    certificate_ids = tuple(int(pk) for pk in answer.get("certificates", [])) if found else ()
    plan = None
    if hours_per_week and modules:
        plan = route_plan(
            modules=modules,
            hours_per_week=hours_per_week,
            start=start,
            starts={
                module_id: [(row.start_date, row.end_date) for row in rows]
                for module_id, rows in learning_selectors.module_starts_from(
                    module_ids=[module.pk for module in modules], on_or_after=start
                ).items()
            },
            requires={item.module.pk: set(item.requires) for item in chosen},
        )
    return LearningRoute(
        goal=goal,
        status=status,
        modules=modules,
        cost_cents=answer["cost_cents"] if found else 0,
        hours=hours,
        hours_per_week=hours_per_week,
        weeks=math.ceil(hours / hours_per_week) if hours_per_week and hours else None,
        steps=tuple(steps),
        proven_optimal=bool(answer["proven_optimal"]) and found,
        certificate_ids=certificate_ids,
        certificates=tuple(learning_selectors.certificate_list().filter(pk__in=certificate_ids))
        if certificate_ids
        else (),
        start_date=start,
        finish_by=finish_by,
        available_hours=hours_cap,
        shortfall=shortfall if found else None,
        plan=plan,
    )


# --- saved routes -----------------------------------------------------------------------------------


def saved_routes_for_resident(*, resident) -> QuerySet[SavedRoute]:
    """The routes ``resident`` (a user) saved, newest first, with their modules in route order."""
    return (
        SavedRoute.objects.filter(resident=resident)
        .prefetch_related(
            Prefetch("steps", queryset=SavedRouteModule.objects.select_related("module").order_by("position"))
        )
        .order_by("-created_at", "-id")
    )


def saved_route_for_resident(*, resident, pk: int) -> SavedRoute | None:
    """One route ``resident`` saved, or None (also when it is someone else's)."""
    return saved_routes_for_resident(resident=resident).filter(pk=pk).first()


def saved_route_count(*, resident) -> int:
    return SavedRoute.objects.filter(resident=resident).count()


def route_funding(*, resident, route: LearningRoute):
    """Who pays what for the route's modules, and what is left for the resident to pay.

    The resident's budgets (``budgets.selectors.funding_split_for_modules``, docs/budgets.md) in the
    documented co-funding order, the resident's own ontwikkelbudget last. A budget only pays for a
    module that starts while the budget is valid: with a plan, each module's planned start date is
    used; without one, today. None when the route has no modules.
    """
    if not route.modules:
        return None
    starts = {step.module.pk: step.start_date for step in route.plan.modules} if route.plan else None
    return budgets_selectors.funding_split_for_modules(
        resident=resident, modules=route.modules, starts=starts
    )


# --- privacy (docs/security-privacy.md) ------------------------------------------------------------


def personal_data_for(*, user) -> dict:
    """What matching keeps about ``user``: the learning routes they saved, with their modules."""
    routes = SavedRoute.objects.filter(resident=user).prefetch_related("steps").order_by("created_at", "id")
    return {
        "saved_routes": [
            {
                "goal_kind": route.goal_kind,
                "goal": route.goal_label,
                "hours_per_week": route.hours_per_week,
                "finish_by": route.finish_by,
                "start_date": route.start_date,
                "end_date": route.end_date,
                "cost_cents": route.cost_cents,
                "hours": route.hours,
                "saved_at": route.created_at,
                "modules": [
                    {
                        "title": step.title,
                        "provider": step.provider_name,
                        "cost_cents": step.cost_cents,
                        "hours": step.hours,
                        "start_date": step.start_date,
                        "end_date": step.end_date,
                    }
                    for step in sorted(route.steps.all(), key=lambda s: s.position)
                ],
            }
            for route in routes
        ]
    }
