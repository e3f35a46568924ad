"""Write development plans: the firm proposes, the employee agrees or declines (docs/workforce.md).

A proposal asks the engine for the cheapest route (``matching.selectors.learning_route``) that closes
the gap between what the role needs (now and in 3-5 years, the highest level of the two) and what the
employee can do, with dates at the chosen hours per week (``route_plan``) and who pays
(``route_funding``: the employee's budgets and subsidies in the co-funding order). It is stored as a
snapshot, so the employee agrees to exact figures. What the budgets do not pay is the firm's own
contribution. Proposals, agreements and declines are in the audit log.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.audit.services import audit_record
from doorleren.core.errors import ApplicationError
from doorleren.matching import selectors as matching_selectors
from doorleren.profiles import selectors as profiles_selectors

from .. import selectors
from ..models import (
    HOURS_PER_WEEK_MAX,
    HOURS_PER_WEEK_MIN,
    REASON_MAX,
    DevelopmentPlan,
    DevelopmentPlanFunding,
    DevelopmentPlanItem,
    HolderState,
    PlanState,
    RoleHolder,
)
from .roles import require_manager

if TYPE_CHECKING:
    from doorleren.accounts.models import User

GOAL_REFERENCE = "workforce-role:%d"


def _hours(hours_per_week) -> int:
    if (
        isinstance(hours_per_week, bool)
        or not isinstance(hours_per_week, int)
        or not HOURS_PER_WEEK_MIN <= hours_per_week <= HOURS_PER_WEEK_MAX
    ):
        raise ApplicationError(
            _("Vul een aantal uren per week in van %(min)d tot en met %(max)d.")
            % {"min": HOURS_PER_WEEK_MIN, "max": HOURS_PER_WEEK_MAX},
            code="hours_invalid",
            extra={"field": "hours_per_week"},
        )
    return hours_per_week


def _name(user) -> str:
    return user.get_full_name() or user.username


@transaction.atomic
def development_plan_propose(
    *, holder: RoleHolder, hours_per_week: int, actor: User | None, today: dt.date | None = None
) -> DevelopmentPlan:
    """Propose a development plan to the employee who holds the role (see the module docstring).

    Refused when the employee did not confirm the role, does not share their plan with the firm, has
    no profile, already can everything the role needs, or when the offer has no module for the gap.
    An earlier proposal for the same employee and role that was not answered yet is replaced.
    """
    organisation = holder.role.organisation
    require_manager(actor=actor, organisation=organisation)
    hours_per_week = _hours(hours_per_week)
    if holder.state != HolderState.ACCEPTED or holder.employee is None:
        raise ApplicationError(
            _("Deze persoon heeft nog niet bevestigd dat hij of zij deze rol heeft."),
            code="holder_not_confirmed",
            status=409,
        )
    employee = holder.employee
    if not selectors.plan_shared_with(employee=employee, organisation=organisation):
        raise ApplicationError(
            _(
                "%(name)s deelt het ontwikkelplan nog niet met uw bedrijf. Vraag %(name)s om dat aan te "
                "zetten bij 'Wie ziet mijn gegevens'."
            )
            % {"name": _name(employee)},
            code="plan_not_shared",
            status=403,
        )
    profile = profiles_selectors.profile_for_user(user=employee)
    if profile is None:
        raise ApplicationError(
            _("%(name)s heeft nog geen profiel. Zonder profiel weten wij niet wat er te leren is.")
            % {"name": _name(employee)},
            code="employee_without_profile",
            status=409,
        )
    need, competencies = selectors.role_needs(role=holder.role)
    if not need:
        raise ApplicationError(
            _("Deze rol heeft nog geen competenties. Voeg eerst competenties toe."),
            code="role_without_competencies",
            status=409,
        )
    goal = matching_selectors.RouteGoal(
        kind=matching_selectors.GOAL_COMPETENCIES,
        reference=GOAL_REFERENCE % holder.role.pk,
        label=holder.role.title,
        need=need,
        competencies=competencies,
    )
    route = matching_selectors.learning_route(
        profile=profile, goal=goal, hours_per_week=hours_per_week, today=today
    )
    if route.status == matching_selectors.NOTHING_TO_LEARN:
        raise ApplicationError(
            _("%(name)s kan al alles wat deze rol vraagt. Er is niets te leren.") % {"name": _name(employee)},
            code="plan_nothing_to_learn",
            status=409,
        )
    if not route.modules or route.plan is None:
        raise ApplicationError(
            _("Er is in de regio nog geen module voor wat %(name)s moet leren.") % {"name": _name(employee)},
            code="plan_no_modules",
            status=409,
        )
    split = matching_selectors.route_funding(resident=employee, route=route)
    by_module = {item_split.item.key: item_split for item_split in split.items}

    DevelopmentPlan.objects.filter(
        organisation=organisation,
        employee=employee,
        role=holder.role,
        state__in=[PlanState.DRAFT, PlanState.PROPOSED],
    ).update(state=PlanState.WITHDRAWN, updated_at=timezone.now())
    plan = DevelopmentPlan.objects.create(
        organisation=organisation,
        employee=employee,
        role=holder.role,
        role_title=holder.role.title,
        state=PlanState.PROPOSED,
        hours_per_week=hours_per_week,
        start_date=route.plan.start_date,
        end_date=route.plan.end_date,
        total_hours=sum(step.module.hours for step in route.plan.modules),
        total_cents=split.total_cents,
        covered_cents=split.covered_cents,
        own_contribution_cents=split.left_to_pay_cents,
        gap=[
            {
                "code": step.competency.code,
                "label": step.competency.label,
                "have": step.have,
                "need": step.need,
            }
            for step in route.steps
        ],
        uncovered=[step.competency.label for step in route.uncovered],
        proposed_by=actor,
        proposed_at=timezone.now(),
    )
    for position, step in enumerate(route.plan.modules, start=1):
        item_split = by_module[step.module.pk]
        item = DevelopmentPlanItem.objects.create(
            plan=plan,
            position=position,
            module=step.module,
            module_title=step.module.title,
            provider_name=step.module.provider.name if step.module.provider_id else "",
            start_date=step.start_date,
            end_date=step.end_date,
            hours=step.module.hours,
            price_cents=item_split.item.cost_cents,
            covered_cents=item_split.covered_cents,
            own_contribution_cents=item_split.left_to_pay_cents,
        )
        DevelopmentPlanFunding.objects.bulk_create(
            DevelopmentPlanFunding(
                item=item,
                budget=part.budget,
                funder_name=part.funder.name,
                rule_name=part.budget.rule.name,
                amount_cents=part.amount_cents,
            )
            for part in item_split.parts
            if part.amount_cents > 0
        )
    audit_record(
        action="workforce.plan_propose",
        subject=plan,
        actor=actor,
        data={
            "organisation": organisation.pk,
            "employee": employee.pk,
            "role": holder.role.pk,
            "modules": len(route.plan.modules),
            "total_cents": plan.total_cents,
            "covered_cents": plan.covered_cents,
            "own_contribution_cents": plan.own_contribution_cents,
        },
    )
    return plan


def _locked_own_plan(plan: DevelopmentPlan, employee: User) -> DevelopmentPlan:
    if not selectors.is_resident(user=employee):
        raise ApplicationError(
            _("Alleen de medewerker zelf kan dit doen."), code="not_the_employee", status=403
        )
    locked = DevelopmentPlan.objects.select_for_update().filter(pk=plan.pk).first()
    if locked is None or locked.employee_id != employee.pk:
        raise ApplicationError(_("Dit plan is niet van u."), code="plan_not_yours", status=404)
    if locked.state != PlanState.PROPOSED:
        raise ApplicationError(
            _("Over dit plan is al besloten, of er is een nieuwer plan."), code="plan_not_open", status=409
        )
    return locked


@transaction.atomic
def development_plan_agree(
    *, plan: DevelopmentPlan, employee: User, log_as_system: bool = False
) -> DevelopmentPlan:
    """The employee agrees to their own proposed plan, with exactly the stored figures.

    ``log_as_system``: only for the demo, whose users must stay deletable: the audit line then names
    no person (an audit line never goes away)."""
    locked = _locked_own_plan(plan, employee)
    locked.state = PlanState.AGREED
    locked.decided_at = timezone.now()
    locked.save(update_fields=["state", "decided_at", "updated_at"])
    audit_record(
        action="workforce.plan_agree",
        subject=locked,
        actor=None if log_as_system else employee,
        data={"total_cents": locked.total_cents, "own_contribution_cents": locked.own_contribution_cents},
    )
    return locked


@transaction.atomic
def development_plan_decline(*, plan: DevelopmentPlan, employee: User, reason: str = "") -> DevelopmentPlan:
    """The employee does not agree to their own proposed plan; ``reason`` (optional) goes to the firm."""
    if reason is None:
        reason = ""
    if not isinstance(reason, str) or len(reason) > REASON_MAX or "\x00" in reason:
        raise ApplicationError(
            _("Schrijf de reden in hoogstens %(max)d tekens.") % {"max": REASON_MAX},
            code="reason_invalid",
            extra={"field": "reason"},
        )
    from doorleren.privacy import services as privacy_services  # privacy reads workforce: import here

    privacy_services.text_refuse_bsn(text=reason, field="reason")  # no BSN in what the firm reads
    locked = _locked_own_plan(plan, employee)
    locked.state = PlanState.DECLINED
    locked.decided_at = timezone.now()
    locked.decline_reason = reason.strip()
    locked.save(update_fields=["state", "decided_at", "decline_reason", "updated_at"])
    audit_record(action="workforce.plan_decline", subject=locked, actor=employee, reason=reason.strip())
    return locked
