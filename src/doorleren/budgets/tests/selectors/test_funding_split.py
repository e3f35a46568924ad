"""funding_split: the documented order (own budget last), what each budget may pay for, exact sums."""

import datetime as dt

import pytest

from doorleren.budgets import selectors
from doorleren.budgets.models import FunderKind
from doorleren.budgets.selectors import SplitItem
from doorleren.core.errors import ApplicationError
from doorleren.learning.tests.factories import CompetencyFactory, ModuleCompetencyFactory, ModuleFactory
from doorleren.organisations.tests.factories import OrganisationFactory, SchoolFactory
from doorleren.region.tests.factories import municipality

from ..factories import TODAY, funder, grant, resident, rule

pytestmark = pytest.mark.django_db


def _budget(anne, *, kind=FunderKind.REGIONAL_LLO, amount=50_000, name="", **extra):
    organisation = OrganisationFactory() if kind == FunderKind.EMPLOYER else None
    money = funder(kind=kind, name=name, organisation=organisation)
    employer = organisation if kind == FunderKind.EMPLOYER else None
    return grant(rule_=rule(funder_=money, amount_cents=amount, **extra), resident_=anne, employer=employer)


def _item(cost, key=1, **extra):
    return SplitItem(
        key=key, label=f"Module {key}", cost_cents=cost, nlqf_level=extra.pop("nlqf_level", 2), **extra
    )


def _used(split) -> list[tuple[str, int]]:
    return [(use.funder.name, use.used_cents) for use in split.budgets]


def test_the_own_budget_pays_last_whatever_its_order_and_kind():
    anne = resident(status="worker")
    _budget(anne, kind=FunderKind.OWN_BUDGET, name="Eigen", amount=100_000, order=0)
    _budget(anne, kind=FunderKind.REGIONAL_LLO, name="Regio", amount=30_000, order=500)
    split = selectors.funding_split(resident=anne, items=[_item(50_000)], on=TODAY)
    assert _used(split) == [("Regio", 30_000), ("Eigen", 20_000)]
    assert split.left_to_pay_cents == 0


def test_funder_kinds_follow_the_documented_order():
    anne = resident(status="worker")
    for kind in (
        FunderKind.REGIONAL_LLO,
        FunderKind.MUNICIPALITY,
        FunderKind.UWV,
        FunderKind.SECTOR_FUND,
        FunderKind.EMPLOYER,
    ):
        extra = {"municipality": municipality("GM0014")} if kind == FunderKind.MUNICIPALITY else {}
        organisation = OrganisationFactory() if kind == FunderKind.EMPLOYER else None
        money = funder(kind=kind, name=str(kind), organisation=organisation, **extra)
        grant(rule_=rule(funder_=money, amount_cents=10_000), resident_=anne, employer=organisation)
    split = selectors.funding_split(resident=anne, items=[_item(25_000)], on=TODAY)
    assert [use.funder.kind for use in split.budgets] == [
        FunderKind.EMPLOYER,
        FunderKind.SECTOR_FUND,
        FunderKind.UWV,
        FunderKind.MUNICIPALITY,
        FunderKind.REGIONAL_LLO,
    ]
    assert [use.used_cents for use in split.budgets] == [10_000, 10_000, 5_000, 0, 0]


def test_a_lower_rule_order_pays_first():
    anne = resident()
    _budget(anne, name="Later", order=50)
    _budget(anne, name="Eerder", order=10)
    split = selectors.funding_split(resident=anne, items=[_item(60_000)], on=TODAY)
    assert _used(split) == [("Eerder", 50_000), ("Later", 10_000)]


def test_the_budget_that_ends_first_pays_first_when_all_else_is_equal():
    anne = resident()
    _budget(anne, name="Lang", valid_until=TODAY + dt.timedelta(days=700))
    _budget(anne, name="Kort", valid_until=TODAY + dt.timedelta(days=40))
    split = selectors.funding_split(resident=anne, items=[_item(60_000)], on=TODAY)
    assert _used(split) == [("Kort", 50_000), ("Lang", 10_000)]


def test_what_no_budget_covers_is_left_to_pay_and_every_sum_is_exact():
    anne = resident()
    _budget(anne, name="A", amount=33_333)
    _budget(anne, name="B", amount=11_111)
    items = [_item(25_001, key=1), _item(24_999, key=2), _item(10_001, key=3)]
    split = selectors.funding_split(resident=anne, items=items, on=TODAY)
    assert split.total_cents == 60_001
    assert split.covered_cents == 44_444
    assert split.left_to_pay_cents == 15_557
    for row in split.items:
        assert row.covered_cents + row.left_to_pay_cents == row.item.cost_cents
    assert sum(row.left_to_pay_cents for row in split.items) == split.left_to_pay_cents
    assert sum(use.used_cents for use in split.budgets) == split.covered_cents
    assert all(use.balance_after_cents >= 0 for use in split.budgets)


def test_a_budget_pays_only_for_what_it_may_pay_for():
    anne = resident()
    school = SchoolFactory()
    _budget(anne, name="Alleen niveau 4 of hoger", min_nlqf_level=4, pays_without_level=False)
    _budget(anne, name="Alleen bij deze school", providers=[school])
    _budget(
        anne, name="Alleen ICT", sectors=[CompetencyFactory(sectors=["ict-digitalisering"]).sectors.first()]
    )
    _budget(anne, name="Niet zonder niveau", pays_without_level=False)
    items = [
        _item(1_000, key="niveau-2-elders", nlqf_level=2, provider_id=None),
        _item(1_000, key="zonder-niveau", nlqf_level=None),
    ]
    split = selectors.funding_split(resident=anne, items=items, on=TODAY)
    paid_by = {row.item.key: [part.funder.name for part in row.parts] for row in split.items}
    assert paid_by["niveau-2-elders"] == ["Niet zonder niveau"]
    assert paid_by["zonder-niveau"] == []
    assert split.items[1].left_to_pay_cents == 1_000


def test_a_budget_pays_only_for_modules_that_start_within_its_dates():
    anne = resident()
    _budget(anne, name="Kort", valid_until=TODAY + dt.timedelta(days=30))
    items = [
        _item(1_000, key="nu"),
        _item(1_000, key="later", starts_on=TODAY + dt.timedelta(days=31)),
    ]
    split = selectors.funding_split(resident=anne, items=items, on=TODAY)
    assert [row.left_to_pay_cents for row in split.items] == [0, 1_000]


def test_the_split_moves_money_to_where_only_one_budget_may_pay():
    """Greedy per item would let the first budget pay item 1 and leave item 2 unpaid."""
    anne = resident()
    _budget(anne, name="Alles", amount=10_000)
    _budget(anne, name="Alleen niveau 4", amount=10_000, min_nlqf_level=4, max_nlqf_level=4, order=200)
    items = [_item(10_000, key=1, nlqf_level=4), _item(10_000, key=2, nlqf_level=2)]
    split = selectors.funding_split(resident=anne, items=items, on=TODAY)
    assert split.left_to_pay_cents == 0
    assert {row.item.key: [p.funder.name for p in row.parts] for row in split.items} == {
        1: ["Alleen niveau 4"],
        2: ["Alles"],
    }


def test_spent_withdrawn_and_other_residents_budgets_do_not_pay():
    anne, other = resident(), resident()
    _budget(other, name="Van een ander")
    split = selectors.funding_split(resident=anne, items=[_item(1_000)], on=TODAY)
    assert split.budgets == ()
    assert split.left_to_pay_cents == 1_000
    assert split.sentences == ("U betaalt zelf € 10,00.",)


def test_sentences_say_who_pays_what():
    anne = resident()
    _budget(anne, name="Regio", amount=30_000)
    split = selectors.funding_split(resident=anne, items=[_item(30_000)], on=TODAY)
    assert split.sentences == ("Regio betaalt € 300,00.", "U hoeft zelf niets te betalen.")
    assert split.items[0].sentences == ("Regio betaalt € 300,00.", "U hoeft zelf niets te betalen.")


@pytest.mark.parametrize("cost", [-1, 1.5, 10**12 + 1, True])
def test_bad_costs_are_refused(cost):
    with pytest.raises(ApplicationError) as caught:
        selectors.funding_split(resident=resident(), items=[_item(cost)], on=TODAY)
    assert caught.value.code == "split_cost_invalid"


def test_modules_become_items_with_their_price_level_sectors_and_provider():
    anne = resident()
    _budget(
        anne,
        name="Alleen ICT",
        amount=100_000,
        sectors=[CompetencyFactory(sectors=["ict-digitalisering"]).sectors.first()],
    )
    ict = ModuleFactory(price_cents=45_000, nlqf_level=2)
    ModuleCompetencyFactory(module=ict, competency=CompetencyFactory(sectors=["ict-digitalisering"]))
    care = ModuleFactory(price_cents=30_000)
    ModuleCompetencyFactory(module=care, competency=CompetencyFactory(sectors=["zorg-welzijn"]))
    split = selectors.funding_split_for_modules(resident=anne, modules=[ict, care], on=TODAY)
    assert [(row.item.key, row.covered_cents, row.left_to_pay_cents) for row in split.items] == [
        (ict.pk, 45_000, 0),
        (care.pk, 0, 30_000),
    ]
    assert split.left_to_pay_cents == 30_000
