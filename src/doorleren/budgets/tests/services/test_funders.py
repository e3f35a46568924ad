"""funder_create and funder_pool_fund."""

import pytest

from doorleren.budgets import services
from doorleren.budgets.models import AccountKind, FunderKind, LedgerAccount, TransactionKind
from doorleren.core.errors import ApplicationError
from doorleren.organisations.tests.factories import OrganisationFactory, SchoolFactory
from doorleren.region.tests.factories import municipality

from ..factories import external, pool

pytestmark = pytest.mark.django_db


def test_a_funder_gets_an_external_source_that_may_go_negative_and_a_pool_that_may_not():
    made = services.funder_create(name="Regionaal LLO-budget", kind=FunderKind.REGIONAL_LLO)
    accounts = {a.kind: a for a in LedgerAccount.objects.filter(funder=made)}
    assert set(accounts) == {AccountKind.EXTERNAL, AccountKind.FUNDER_POOL}
    assert accounts[AccountKind.EXTERNAL].may_go_negative
    assert not accounts[AccountKind.FUNDER_POOL].may_go_negative
    assert all(a.balance_cents == 0 for a in accounts.values())


def test_a_municipality_funder_needs_a_current_municipality():
    with pytest.raises(ApplicationError) as caught:
        services.funder_create(name="Gemeente", kind=FunderKind.MUNICIPALITY)
    assert caught.value.code == "funder_municipality_missing"
    made = services.funder_create(
        name="Gemeente Eemsdelta", kind=FunderKind.MUNICIPALITY, municipality=municipality("GM1979")
    )
    assert made.municipality.code == "GM1979"


def test_a_former_municipality_is_refused():
    from doorleren.region.models import Municipality

    former = Municipality.objects.filter(is_current=False).first()
    with pytest.raises(ApplicationError) as caught:
        services.funder_create(name="Oud", kind=FunderKind.MUNICIPALITY, municipality=former)
    assert caught.value.code == "funder_municipality_former"


def test_an_employer_funder_needs_an_employer():
    with pytest.raises(ApplicationError) as caught:
        services.funder_create(name="Werkgever", kind=FunderKind.EMPLOYER, organisation=SchoolFactory())
    assert caught.value.code == "funder_employer_missing"
    made = services.funder_create(
        name="Werkgever", kind=FunderKind.EMPLOYER, organisation=OrganisationFactory()
    )
    assert made.organisation.kind == "employer"


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"name": ""}, "funder_name_empty"),
        ({"name": "x" * 201}, "funder_name_invalid"),
        ({"kind": "bank"}, "funder_kind_invalid"),
        ({"description": "x" * 2001}, "funder_description_invalid"),
    ],
)
def test_bad_input_is_refused(extra, code):
    with pytest.raises(ApplicationError) as caught:
        services.funder_create(**{"name": "Fonds", "kind": FunderKind.SECTOR_FUND, **extra})
    assert caught.value.code == code


def test_a_name_is_used_once():
    services.funder_create(name="Fonds", kind=FunderKind.SECTOR_FUND)
    with pytest.raises(ApplicationError) as caught:
        services.funder_create(name="Fonds", kind=FunderKind.UWV)
    assert caught.value.code == "funder_name_taken"


def test_funding_moves_money_from_the_external_source_into_the_pool():
    made = services.funder_create(name="UWV", kind=FunderKind.UWV)
    record = services.funder_pool_fund(
        funder=made, amount_cents=123_456, reason="Budget 2026", idempotency_key="uwv-2026"
    )
    assert record.kind == TransactionKind.POOL_FUNDING
    assert pool(made).balance_cents == 123_456
    assert external(made).balance_cents == -123_456
    again = services.funder_pool_fund(
        funder=made, amount_cents=123_456, reason="Budget 2026", idempotency_key="uwv-2026"
    )
    assert again.pk == record.pk
    assert pool(made).balance_cents == 123_456
