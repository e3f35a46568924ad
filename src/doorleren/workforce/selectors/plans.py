"""Development plans: per employee, and for the whole firm.

The figures are the snapshot stored when the plan was proposed (``DevelopmentPlan``): for each plan
``total_cents = covered_cents + own_contribution_cents``; the firm's totals are the sums over its
current plans (proposed or agreed) that the employee shares with the firm. A plan the employee no
longer shares is counted, but not shown or added up (docs/workforce.md, "De cijfers").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from ..models import DevelopmentPlan, DevelopmentPlanFunding, DevelopmentPlanItem, PlanState
from .access import may_manage_firm, plan_shared_with

if TYPE_CHECKING:
    from doorleren.organisations.models import Organisation

CURRENT_STATES = (PlanState.PROPOSED, PlanState.AGREED)


def _plans() -> QuerySet[DevelopmentPlan]:
    return DevelopmentPlan.objects.select_related("organisation", "employee", "role").prefetch_related(
        Prefetch(
            "items",
            queryset=DevelopmentPlanItem.objects.order_by("position").prefetch_related(
                Prefetch("funding", queryset=DevelopmentPlanFunding.objects.order_by("pk"))
            ),
        )
    )


def plans_for_organisation(*, organisation: Organisation) -> QuerySet[DevelopmentPlan]:
    """The firm's plans, newest first, without the ones replaced by a newer plan."""
    return (
        _plans()
        .filter(organisation=organisation)
        .exclude(state=PlanState.WITHDRAWN)
        .order_by("employee__last_name", "employee__first_name", "-created_at", "-pk")
    )


def plan_for_manager(*, user, pk: int) -> DevelopmentPlan | None:
    plan = _plans().filter(pk=pk).first()
    if plan is None or not may_manage_firm(user=user, organisation=plan.organisation):
        return None
    return plan


def plans_for_employee(*, employee) -> QuerySet[DevelopmentPlan]:
    """The plans made for the resident (never drafts or replaced ones), newest first."""
    return (
        _plans()
        .filter(employee=employee)
        .exclude(state__in=[PlanState.WITHDRAWN, PlanState.DRAFT])
        .order_by("-created_at", "-pk")
    )


def plan_for_employee(*, employee, pk: int) -> DevelopmentPlan | None:
    return plans_for_employee(employee=employee).filter(pk=pk).first()


def plan_is_shared(*, plan: DevelopmentPlan) -> bool:
    """May the firm see the plan's modules, figures and who pays? Only while the employee shares it."""
    return plan_shared_with(employee=plan.employee, organisation=plan.organisation)


@dataclass(frozen=True)
class Payer:
    funder_name: str
    rule_name: str
    amount_cents: int


def plan_payers(*, plan: DevelopmentPlan) -> list[Payer]:
    """Who pays how much for the whole plan (budgets and subsidies, per regulation), biggest first."""
    totals: dict[tuple[str, str], int] = {}
    for item in plan.items.all():
        for line in item.funding.all():
            key = (line.funder_name, line.rule_name)
            totals[key] = totals.get(key, 0) + line.amount_cents
    return sorted(
        (Payer(funder, rule, amount) for (funder, rule), amount in totals.items()),
        key=lambda payer: (-payer.amount_cents, payer.funder_name, payer.rule_name),
    )


@dataclass(frozen=True)
class FirmPlanRow:
    plan: DevelopmentPlan
    shared: bool

    @property
    def employee_name(self) -> str:
        return self.plan.employee.get_full_name() or self.plan.employee.username


@dataclass(frozen=True)
class FirmPlan:
    """The firm's plan: one row per plan, and totals over the current plans that are shared."""

    organisation: Organisation
    rows: list[FirmPlanRow]
    total_hours: int
    total_cents: int
    covered_cents: int
    own_contribution_cents: int
    not_shared: int

    @property
    def current(self) -> list[FirmPlanRow]:
        return [row for row in self.rows if row.plan.state in CURRENT_STATES]

    @property
    def earlier(self) -> list[FirmPlanRow]:
        return [row for row in self.rows if row.plan.state not in CURRENT_STATES]


def firm_plan(*, organisation: Organisation) -> FirmPlan:
    rows = []
    hours = total = covered = own = not_shared = 0
    shared_by_employee: dict[int, bool] = {}
    for plan in plans_for_organisation(organisation=organisation):
        if plan.employee_id not in shared_by_employee:
            shared_by_employee[plan.employee_id] = plan_shared_with(
                employee=plan.employee, organisation=organisation
            )
        shared = shared_by_employee[plan.employee_id]
        rows.append(FirmPlanRow(plan=plan, shared=shared))
        if plan.state not in CURRENT_STATES:
            continue
        if not shared:
            not_shared += 1
            continue
        hours += plan.total_hours
        total += plan.total_cents
        covered += plan.covered_cents
        own += plan.own_contribution_cents
    return FirmPlan(
        organisation=organisation,
        rows=rows,
        total_hours=hours,
        total_cents=total,
        covered_cents=covered,
        own_contribution_cents=own,
        not_shared=not_shared,
    )
