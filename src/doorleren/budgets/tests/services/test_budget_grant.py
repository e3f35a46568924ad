"""budget_grant: eligibility, validity, one grant per rule and resident, money from the pool, who may grant."""

import datetime as dt

import pytest

from doorleren.accounts.models import ConsentPurpose
from doorleren.accounts.services import consent_grant
from doorleren.accounts.tests.factories import UserFactory
from doorleren.budgets import selectors, services
from doorleren.budgets.models import AccountKind, Budget, FunderKind, LedgerAccount, TransactionKind
from doorleren.core.errors import ApplicationError
from doorleren.organisations.tests.factories import GovernmentFactory, MembershipFactory, OrganisationFactory
from doorleren.region.tests.factories import municipality

from ..factories import TODAY, funder, grant, pool, resident, rule

pytestmark = pytest.mark.django_db


def test_a_grant_fills_a_resident_budget_account_from_the_pool():
    money = funder(funded_cents=100_000)
    regulation = rule(funder_=money, amount_cents=45_000)
    anne = resident()
    budget = grant(rule_=regulation, resident_=anne)
    assert budget.account.kind == AccountKind.RESIDENT_BUDGET
    assert budget.account.resident == anne
    assert budget.account.balance_cents == 45_000 == selectors.account_balance(account=budget.account)
    assert pool(money).balance_cents == 55_000
    assert budget.grant_transaction.kind == TransactionKind.GRANT
    assert budget.valid_until == regulation.valid_until
    assert budget.valid_from == TODAY
    assert budget.amount_cents == 45_000


def test_a_rule_is_granted_once_per_resident():
    regulation, anne = rule(), resident()
    grant(rule_=regulation, resident_=anne)
    with pytest.raises(ApplicationError) as caught:
        grant(rule_=regulation, resident_=anne)
    assert caught.value.code == "budget_already_granted"
    assert caught.value.status == 409
    assert Budget.objects.count() == 1


def test_an_empty_pool_refuses_the_grant_and_leaves_nothing_behind():
    regulation = rule(funder_=funder(funded_cents=10_000), amount_cents=45_000)
    with pytest.raises(ApplicationError) as caught:
        grant(rule_=regulation, resident_=resident())
    assert caught.value.code == "budget_pool_empty"
    assert not Budget.objects.exists()
    assert not LedgerAccount.objects.filter(kind=AccountKind.RESIDENT_BUDGET).exists()


@pytest.mark.parametrize(
    "day",
    [TODAY - dt.timedelta(days=31), TODAY + dt.timedelta(days=366)],
    ids=["before the start", "after the end"],
)
def test_a_rule_outside_its_dates_is_not_granted(day):
    with pytest.raises(ApplicationError) as caught:
        grant(rule_=rule(), resident_=resident(), today=day)
    assert caught.value.code == "budget_not_eligible"


def test_a_resident_who_does_not_fit_the_rule_gets_the_reason_in_dutch():
    regulation = rule(for_job_seekers=False, for_students=False, municipalities=[municipality("GM1979")])
    with pytest.raises(ApplicationError) as caught:
        grant(rule_=regulation, resident_=resident(status="job_seeker"))
    assert caught.value.code == "budget_not_eligible"
    assert "alleen voor werkenden" in caught.value.message
    assert "Eemsdelta" in caught.value.message


def test_only_residents_get_a_budget():
    with pytest.raises(ApplicationError) as caught:
        grant(rule_=rule(), resident_=UserFactory(role="coach"))
    assert caught.value.code == "budget_not_a_resident"


def test_a_resident_without_a_profile_is_not_eligible():
    with pytest.raises(ApplicationError) as caught:
        grant(rule_=rule(), resident_=UserFactory())
    assert caught.value.code == "budget_not_eligible"


def test_an_employer_top_up_needs_the_employer_and_checks_its_size():
    firm = OrganisationFactory(size_class="micro")
    top_up = rule(
        funder_=funder(kind=FunderKind.EMPLOYER, organisation=firm),
        for_job_seekers=False,
        max_employer_size="small",
    )
    worker = resident(status="worker")
    budget = grant(rule_=top_up, resident_=worker, employer=firm)
    assert budget.employer == firm
    with pytest.raises(ApplicationError) as caught:
        grant(rule_=top_up, resident_=resident(status="worker"), employer=OrganisationFactory())
    assert caught.value.code == "budget_not_eligible"


def test_a_sector_fund_for_small_firms_needs_to_know_the_employer():
    fund = rule(funder_=funder(kind=FunderKind.SECTOR_FUND), max_employer_size="small")
    with pytest.raises(ApplicationError) as caught:
        grant(rule_=fund, resident_=resident(status="worker"))
    assert caught.value.code == "budget_employer_missing"
    with pytest.raises(ApplicationError) as caught:
        grant(
            rule_=fund, resident_=resident(status="worker"), employer=OrganisationFactory(size_class="large")
        )
    assert caught.value.code == "budget_not_eligible"
    assert grant(
        rule_=fund, resident_=resident(status="worker"), employer=OrganisationFactory(size_class="small")
    )


def test_a_coach_grants_only_with_the_residents_consent():
    desk = GovernmentFactory()
    coach = MembershipFactory(user=UserFactory(role="coach"), organisation=desk).user
    regulation, anne = rule(), resident()
    with pytest.raises(ApplicationError) as caught:
        services.budget_grant(rule=regulation, resident=anne, actor=coach, today=TODAY)
    assert caught.value.code == "budget_grant_not_allowed"
    assert caught.value.status == 403
    consent_grant(resident=anne, organisation=desk, purpose=ConsentPurpose.VIEW_PROFILE)
    budget = services.budget_grant(rule=regulation, resident=anne, actor=coach, today=TODAY)
    assert budget.granted_by == coach
    assert budget.grant_transaction.actor == coach


def test_an_employer_user_grants_only_the_budgets_of_their_own_firm():
    firm = OrganisationFactory()
    boss = MembershipFactory(user=UserFactory(role="employer"), organisation=firm).user
    anne = resident(status="worker")
    consent_grant(resident=anne, organisation=firm, purpose=ConsentPurpose.VIEW_PROFILE)
    own = rule(funder_=funder(kind=FunderKind.EMPLOYER, organisation=firm))
    assert services.budget_grant(rule=own, resident=anne, actor=boss, today=TODAY).granted_by == boss
    with pytest.raises(ApplicationError) as caught:
        services.budget_grant(rule=rule(), resident=anne, actor=boss, today=TODAY)
    assert caught.value.code == "budget_grant_not_allowed"
