"""The gap per employee only with consent, and the firm's plan with totals over shared plans."""

from doorleren.accounts import services as accounts_services
from doorleren.workforce import selectors, services

from ..factories import proposed_plan, revoke_share, role_with_anne


def test_the_firm_sees_the_gap_only_with_the_employees_consent(world):
    _role, holder = role_with_anne(world, share=False)
    gap = selectors.employee_gap(viewer=world.henk, holder=holder)
    assert gap.rows is None and "deelt" in gap.reason
    accounts_services.consent_grant(
        resident=world.anne, organisation=world.firm, purpose="share_development_plan"
    )
    gap = selectors.employee_gap(viewer=world.henk, holder=holder)
    rows = {row.competency.code: (row.have, row.now, row.future) for row in gap.rows}
    assert rows == {
        "afval-sorteren": (2, 2, 2),
        "afval-digitaal-volgen": (1, 2, 3),
        "ict-basis-computer": (0, None, 2),
    }
    assert {row.competency.code for row in gap.to_learn} == {"afval-digitaal-volgen", "ict-basis-computer"}


def test_an_employer_of_another_firm_sees_no_gap(world):
    _role, holder = role_with_anne(world)
    assert selectors.employee_gap(viewer=world.other_employer, holder=holder).rows is None
    assert selectors.holder_for_manager(user=world.other_employer, pk=holder.pk) is None
    assert selectors.role_for_manager(user=world.other_employer, pk=holder.role_id) is None


def test_a_pending_invitation_shows_no_levels(world):
    role = services.company_role_create(organisation=world.firm, title="Sorteerder", actor=world.henk)
    holder = services.role_holder_invite(role=role, email="anne@voorbeeld.nl", actor=world.henk)
    gap = selectors.employee_gap(viewer=world.henk, holder=holder)
    assert gap.rows is None and "bevestigd" in gap.reason


def test_the_firm_plan_adds_up_over_shared_plans_only(world):
    _role, _holder, plan = proposed_plan(world)
    firm = selectors.firm_plan(organisation=world.firm)
    assert (firm.total_cents, firm.covered_cents, firm.own_contribution_cents, firm.total_hours) == (
        plan.total_cents,
        plan.covered_cents,
        plan.own_contribution_cents,
        plan.total_hours,
    )
    assert firm.total_cents == firm.covered_cents + firm.own_contribution_cents
    revoke_share(world)
    firm = selectors.firm_plan(organisation=world.firm)
    assert firm.total_cents == 0 and firm.not_shared == 1
    assert [row.shared for row in firm.rows] == [False]


def test_payers_add_up_to_what_the_budgets_pay(world):
    _role, _holder, plan = proposed_plan(world)
    payers = selectors.plan_payers(plan=plan)
    assert sum(payer.amount_cents for payer in payers) == plan.covered_cents
    assert payers[0].funder_name == "Regionaal leerbudget"
