"""budgets_for_resident: every budget with balance, funder and end date, and the rules still open, in Dutch."""

import datetime as dt

import pytest

from doorleren.accounts.models import ConsentPurpose
from doorleren.accounts.services import consent_grant
from doorleren.accounts.tests.factories import UserFactory
from doorleren.budgets import selectors, services
from doorleren.budgets.models import FunderKind
from doorleren.learning.tests.factories import SectorFactory
from doorleren.organisations.tests.factories import OrganisationFactory
from doorleren.region.tests.factories import municipality

from ..factories import TODAY, funder, grant, resident, rule

pytestmark = pytest.mark.django_db


def test_granted_budgets_show_balance_funder_end_date_and_what_they_pay_for():
    money = funder(name="Regionaal LLO-budget")
    regulation = rule(
        funder_=money,
        amount_cents=45_000,
        valid_until=dt.date(2026, 12, 31),
        max_nlqf_level=4,
        sectors=[SectorFactory(code="ict-digitalisering", label="ICT en digitalisering")],
    )
    anne = resident()
    grant(rule_=regulation, resident_=anne)
    data = selectors.budgets_for_resident(resident=anne, on=TODAY)
    (view,) = data.granted
    assert view.balance_cents == 45_000
    assert view.valid_until == dt.date(2026, 12, 31)
    assert view.usable
    assert view.sentence == (
        "U heeft nog € 450,00 van Regionaal LLO-budget. U kunt dit geld gebruiken tot en met 31 december 2026."
    )
    assert "Voor modules tot en met NLQF-niveau 4." in view.pays_for
    assert "Alleen voor leren in deze sectoren: ICT en digitalisering." in view.pays_for
    assert data.usable_cents == 45_000


def test_an_expired_budget_says_so_and_is_not_counted():
    regulation = rule(valid_until=TODAY + dt.timedelta(days=5))
    anne = resident()
    grant(rule_=regulation, resident_=anne)
    data = selectors.budgets_for_resident(resident=anne, on=TODAY + dt.timedelta(days=6))
    assert data.granted[0].expired
    assert "verlopen" in data.granted[0].sentence
    assert data.usable_cents == 0


def test_a_withdrawn_budget_says_so():
    anne = resident()
    budget = grant(rule_=rule(), resident_=anne)
    services.ledger_reverse(transaction=budget.grant_transaction, reason="Fout", actor=None)
    view = selectors.budgets_for_resident(resident=anne, on=TODAY).granted[0]
    assert view.withdrawn and not view.usable
    assert "ingetrokken" in view.sentence


def test_open_rules_are_the_eligible_valid_funded_ones_not_yet_granted():
    anne = resident(status="worker", municipality=municipality("GM1979"))
    granted = rule(name="Al gekregen")
    grant(rule_=granted, resident_=anne)
    rule(name="Past", municipalities=[municipality("GM1979")])
    rule(name="Andere gemeente", municipalities=[municipality("GM0014")])
    rule(name="Alleen studenten", for_workers=False, for_job_seekers=False)
    rule(name="Verlopen", valid_from=TODAY - dt.timedelta(days=60), valid_until=TODAY - dt.timedelta(days=1))
    rule(name="Geld op", funder_=funder(funded_cents=100), amount_cents=500)
    data = selectors.budgets_for_resident(resident=anne, on=TODAY)
    assert [view.rule.name for view in data.available] == ["Past"]
    view = data.available[0]
    assert view.sentence.endswith("U kunt dit aanvragen tot en met 2 maart 2027.")
    assert "Alleen voor inwoners van Eemsdelta." in view.for_whom


def test_an_employer_top_up_shows_only_to_residents_who_gave_that_employer_consent():
    firm = OrganisationFactory(name="Wierde Afval")
    rule(name="Extra van de baas", funder_=funder(kind=FunderKind.EMPLOYER, organisation=firm))
    anne, other = resident(status="worker"), resident(status="worker")
    consent_grant(resident=anne, organisation=firm, purpose=ConsentPurpose.VIEW_PROFILE)
    (view,) = selectors.budgets_for_resident(resident=anne, on=TODAY).available
    assert view.conditions == ("Alleen als u bij Wierde Afval werkt.",)
    assert "Wierde Afval" in view.how_to_ask
    assert selectors.budgets_for_resident(resident=other, on=TODAY).available == ()


def test_without_a_profile_there_are_no_open_rules_and_the_page_asks_for_one():
    rule()
    data = selectors.budgets_for_resident(resident=UserFactory(), on=TODAY)
    assert not data.has_profile
    assert data.available == () == data.granted
