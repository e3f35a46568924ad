"""Development plans: proposed by the firm from the engine's route, agreed or declined by the employee."""

import pytest

from doorleren.audit.models import AuditEvent
from doorleren.core.errors import ApplicationError
from doorleren.workforce import services
from doorleren.workforce.models import DevelopmentPlan, PlanState

from ..factories import BUDGET_CENTS, proposed_plan, role_with_anne


def test_a_plan_closes_the_gap_with_dates_and_figures_that_add_up(world):
    _role, _holder, plan = proposed_plan(world)
    items = list(plan.items.order_by("position"))
    assert {item.module for item in items} == {world.computer_module, world.track_module}
    assert plan.state == PlanState.PROPOSED
    # cents exact: the plan, each item and each item's payers add up
    assert plan.total_cents == 300_00 + 500_00 == sum(item.price_cents for item in items)
    assert plan.total_cents == plan.covered_cents + plan.own_contribution_cents
    assert plan.covered_cents == BUDGET_CENTS  # Anne's one budget pays what it can
    for item in items:
        assert item.price_cents == item.covered_cents + item.own_contribution_cents
        assert item.covered_cents == sum(line.amount_cents for line in item.funding.all())
        assert item.start_date <= item.end_date
    assert plan.total_hours == 50
    assert plan.start_date == min(item.start_date for item in items)
    assert plan.end_date == max(item.end_date for item in items)
    gap = {row["code"]: (row["have"], row["need"]) for row in plan.gap}
    assert gap == {"ict-basis-computer": (0, 2), "afval-digitaal-volgen": (1, 3)}
    assert AuditEvent.objects.filter(action="workforce.plan_propose", subject_id=str(plan.pk)).exists()


def test_no_plan_without_the_employees_consent(world):
    _role, holder = role_with_anne(world, share=False)
    with pytest.raises(ApplicationError) as error:
        services.development_plan_propose(holder=holder, hours_per_week=4, actor=world.henk)
    assert error.value.code == "plan_not_shared"
    assert not DevelopmentPlan.objects.exists()


def test_no_plan_for_someone_who_did_not_confirm(world):
    role = services.company_role_create(
        organisation=world.firm, title="Sorteerder", regional_occupation=world.occupation, actor=world.henk
    )
    holder = services.role_holder_invite(role=role, email="anne@voorbeeld.nl", actor=world.henk)
    with pytest.raises(ApplicationError) as error:
        services.development_plan_propose(holder=holder, hours_per_week=4, actor=world.henk)
    assert error.value.code == "holder_not_confirmed"


def test_an_employer_of_another_firm_cannot_propose(world):
    _role, holder = role_with_anne(world)
    with pytest.raises(ApplicationError) as error:
        services.development_plan_propose(holder=holder, hours_per_week=4, actor=world.other_employer)
    assert error.value.status == 403
    assert not DevelopmentPlan.objects.exists()


@pytest.mark.parametrize("hours", [0, 41, -1, True, "4", None, 10**20])
def test_hours_per_week_must_be_1_to_40(world, hours):
    _role, holder = role_with_anne(world)
    with pytest.raises(ApplicationError) as error:
        services.development_plan_propose(holder=holder, hours_per_week=hours, actor=world.henk)
    assert error.value.code == "hours_invalid"


def test_nothing_to_learn_is_said_plainly(world):
    role, holder = role_with_anne(world)
    role.competencies.exclude(competency=world.sort).delete()
    with pytest.raises(ApplicationError) as error:
        services.development_plan_propose(holder=holder, hours_per_week=4, actor=world.henk)
    assert error.value.code == "plan_nothing_to_learn"


def test_the_employee_agrees_only_to_their_own_proposed_plan(world):
    _role, _holder, plan = proposed_plan(world)
    for someone in (world.stranger, world.henk):
        with pytest.raises(ApplicationError):
            services.development_plan_agree(plan=plan, employee=someone)
    plan.refresh_from_db()
    assert plan.state == PlanState.PROPOSED
    plan = services.development_plan_agree(plan=plan, employee=world.anne)
    assert plan.state == PlanState.AGREED and plan.decided_at is not None
    with pytest.raises(ApplicationError) as error:
        services.development_plan_decline(plan=plan, employee=world.anne)
    assert error.value.status == 409
    assert AuditEvent.objects.filter(action="workforce.plan_agree", actor=world.anne).count() == 1


def test_declining_keeps_the_reason_for_the_firm(world):
    _role, _holder, plan = proposed_plan(world)
    plan = services.development_plan_decline(plan=plan, employee=world.anne, reason="Te veel uren.")
    assert plan.state == PlanState.DECLINED and plan.decline_reason == "Te veel uren."
    with pytest.raises(ApplicationError):
        services.development_plan_decline(plan=plan, employee=world.anne, reason="x" * 501)


def test_a_new_proposal_replaces_the_open_one(world):
    _role, holder, first = proposed_plan(world)
    second = services.development_plan_propose(holder=holder, hours_per_week=8, actor=world.henk)
    first.refresh_from_db()
    assert first.state == PlanState.WITHDRAWN
    with pytest.raises(ApplicationError):
        services.development_plan_agree(plan=first, employee=world.anne)
    assert services.development_plan_agree(plan=second, employee=world.anne).state == PlanState.AGREED
