"""The company scan: roles, who holds them, and the competencies each role needs now and in 3-5 years.

The rule for proposing competencies from the regional competency map (docs/workforce.md, "Nu en over
3 tot 5 jaar"), for a role tied to a regional occupation:

- **Nu**: every competency the occupation calls essential, at the level the map gives.
- **Over 3 tot 5 jaar**: every essential competency again, one level higher (at most 4) when the map
  says the demand for it *grows* in the occupation's sector (or, for a basic skill, in
  ``basisvaardigheden``); and every competency the occupation lists as handy (not essential) whose
  demand grows there, also one level higher than the map gives.

The employer can change, add and remove competencies by hand (``source=edited``); proposing again from
the map replaces only the map's rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from doorleren.accounts import selectors as accounts_selectors
from doorleren.profiles import selectors as profiles_selectors
from doorleren.taxonomy import selectors as taxonomy_selectors

from ..models import CompanyRole, HolderState, Horizon, RoleCompetency, RoleHolder
from .access import may_manage_firm, plan_shared_with

if TYPE_CHECKING:
    from doorleren.organisations.models import Organisation
    from doorleren.taxonomy.models import Competency, RegionalOccupation

GROWS = "grows"  # taxonomy.CompetencyDemand.Trend.GROWS
BASIC_SECTOR = "basisvaardigheden"  # the map's sector for basic skills (language, numbers, computers)
MAX_LEVEL = 4


@dataclass(frozen=True)
class MapNeed:
    competency: Competency
    level: int
    horizon: str


def map_proposal(*, occupation: RegionalOccupation) -> list[MapNeed]:
    """What the map proposes for a role tied to ``occupation`` (the rule in the module docstring)."""
    occupation = taxonomy_selectors.regional_occupation_get(code=occupation.code)
    requirements = list(occupation.competency_requirements.all())
    codes = [row.competency.code for row in requirements]
    sectors = {occupation.sector.code, BASIC_SECTOR}
    growing = {
        competency.code
        for competency in taxonomy_selectors.competency_list().filter(code__in=codes)
        if any(d.trend == GROWS and d.sector.code in sectors for d in competency.demands.all())
    }
    needs = []
    for row in requirements:
        grows = row.competency.code in growing
        if row.essential:
            needs.append(MapNeed(row.competency, row.level, Horizon.NOW))
        if row.essential or grows:
            future = min(MAX_LEVEL, row.level + 1) if grows else row.level
            needs.append(MapNeed(row.competency, future, Horizon.FUTURE))
    return needs


def roles_for_organisation(*, organisation: Organisation) -> QuerySet[CompanyRole]:
    return (
        CompanyRole.objects.filter(organisation=organisation)
        .select_related("regional_occupation")
        .prefetch_related(
            Prefetch(
                "competencies",
                queryset=RoleCompetency.objects.select_related("competency").order_by(
                    "horizon", "competency__label"
                ),
            ),
            Prefetch("holders", queryset=RoleHolder.objects.select_related("employee").order_by("email")),
        )
        .order_by("title", "pk")
    )


def role_for_manager(*, user, pk: int) -> CompanyRole | None:
    """The role ``pk`` when ``user`` manages its firm, else None (also for an unknown id)."""
    role = roles_for_organisation_any().filter(pk=pk).first()
    if role is None or not may_manage_firm(user=user, organisation=role.organisation):
        return None
    return role


def roles_for_organisation_any() -> QuerySet[CompanyRole]:
    return CompanyRole.objects.select_related("organisation", "regional_occupation").prefetch_related(
        Prefetch(
            "competencies",
            queryset=RoleCompetency.objects.select_related("competency").order_by(
                "horizon", "competency__label"
            ),
        ),
        Prefetch("holders", queryset=RoleHolder.objects.select_related("employee").order_by("email")),
    )


def holder_for_manager(*, user, pk: int) -> RoleHolder | None:
    holder = RoleHolder.objects.select_related("role", "role__organisation", "employee").filter(pk=pk).first()
    if holder is None or not may_manage_firm(user=user, organisation=holder.role.organisation):
        return None
    return holder


def role_needs(*, role: CompanyRole) -> tuple[dict[str, int], dict[str, Competency]]:
    """What the role needs in all: competency code → the highest level of now and 3-5 years."""
    need: dict[str, int] = {}
    competencies: dict[str, Competency] = {}
    for row in RoleCompetency.objects.filter(role=role).select_related("competency"):
        code = row.competency.code
        need[code] = max(need.get(code, 0), row.level)
        competencies[code] = row.competency
    return need, competencies


@dataclass(frozen=True)
class GapRow:
    competency: Competency
    have: int
    now: int | None
    future: int | None

    @property
    def needed(self) -> int:
        return max(self.now or 0, self.future or 0)

    @property
    def to_learn(self) -> bool:
        return self.have < self.needed


@dataclass(frozen=True)
class Gap:
    """An employee's gap for their role. ``rows`` is None when the firm may not see it; ``reason`` then
    says why in plain Dutch (and what the employee can do)."""

    holder: RoleHolder
    rows: list[GapRow] | None
    reason: str = ""

    @property
    def shared(self) -> bool:
        return self.rows is not None

    @property
    def to_learn(self) -> list[GapRow]:
        return [row for row in self.rows or [] if row.to_learn]


def _not_shared_reason(holder: RoleHolder) -> str:
    if holder.state == HolderState.PENDING:
        return _("Deze persoon heeft de uitnodiging nog niet bevestigd.")
    if holder.state == HolderState.REFUSED:
        return _("Deze persoon heeft gezegd dat dit niet klopt.")
    return _(
        "Deze medewerker deelt het ontwikkelplan nog niet met u. De medewerker kan dat zelf aanzetten "
        "bij 'Wie ziet mijn gegevens' in het eigen account (kies: Mijn ontwikkelplan bekijken)."
    )


def employee_gap(*, viewer, holder: RoleHolder) -> Gap:
    """The levels of the employee for the role's competencies and what is still to learn.

    Only for a manager of the firm, only for a confirmed employee, and only while that employee shares
    the development plan with the firm. Never more than the role's own competencies.
    """
    organisation = holder.role.organisation
    if not may_manage_firm(user=viewer, organisation=organisation):
        return Gap(holder=holder, rows=None, reason=_("U mag dit niet zien."))
    if holder.state != HolderState.ACCEPTED or not plan_shared_with(
        employee=holder.employee, organisation=organisation
    ):
        return Gap(holder=holder, rows=None, reason=_not_shared_reason(holder))
    return Gap(holder=holder, rows=_gap_rows(holder.role, holder.employee))


def gap_for_employee(*, employee, holder: RoleHolder) -> Gap:
    """The same gap, for the employee themself (always visible to them)."""
    if holder.employee_id != employee.pk:
        return Gap(holder=holder, rows=None, reason=_("U mag dit niet zien."))
    return Gap(holder=holder, rows=_gap_rows(holder.role, employee))


def _gap_rows(role: CompanyRole, employee) -> list[GapRow]:
    have = profiles_selectors.competency_levels_for_resident(resident=employee)
    rows: dict[str, dict] = {}
    for row in RoleCompetency.objects.filter(role=role).select_related("competency"):
        entry = rows.setdefault(
            row.competency.code, {"competency": row.competency, "now": None, "future": None}
        )
        entry[row.horizon] = row.level
    return [
        GapRow(competency=e["competency"], have=have.get(code, 0), now=e["now"], future=e["future"])
        for code, e in sorted(rows.items(), key=lambda item: item[1]["competency"].label)
    ]


def invitations_for_resident(*, user) -> QuerySet[RoleHolder]:
    """Invitations waiting for this resident: pending ones sent to their e-mail address."""
    email = (getattr(user, "email", "") or "").strip()
    if not email or not accounts_selectors.is_resident(user=user) or not user.is_active:
        return RoleHolder.objects.none()
    return (
        RoleHolder.objects.filter(state=HolderState.PENDING, email__iexact=email, employee__isnull=True)
        .select_related("role", "role__organisation")
        .order_by("role__organisation__name", "role__title")
    )


def invitation_for_resident(*, user, pk: int) -> RoleHolder | None:
    return invitations_for_resident(user=user).filter(pk=pk).first()


def roles_of_employee(*, employee) -> QuerySet[RoleHolder]:
    """The roles the resident confirmed."""
    return (
        RoleHolder.objects.filter(employee=employee, state=HolderState.ACCEPTED)
        .select_related("role", "role__organisation")
        .order_by("role__organisation__name", "role__title")
    )


def competency_by_code(*, code: str) -> Competency | None:
    code = (code or "").strip()
    if not code or len(code) > 80 or "\x00" in code:
        return None
    return taxonomy_selectors.competency_list().filter(code=code).first()


def regional_occupation_by_code(*, code: str) -> RegionalOccupation | None:
    code = (code or "").strip()
    if not code or len(code) > 80 or "\x00" in code:
        return None
    return taxonomy_selectors.regional_occupation_list().filter(code=code).first()
