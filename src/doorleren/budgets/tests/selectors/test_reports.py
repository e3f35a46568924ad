"""money_report: granted, spent, committed, released, remaining and expired per funder, programme line,
municipality and target group, built through the services; the totals equal the ledger's own; small
cells and the subtraction rule."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from doorleren.budgets import selectors, services
from doorleren.budgets.models import AccountKind, Budget, FunderKind, LedgerAccount
from doorleren.budgets.selectors import reports
from doorleren.core.errors import ApplicationError
from doorleren.fund.models import ProgrammeLine
from doorleren.organisations.tests.factories import SchoolFactory
from doorleren.region.tests.factories import municipality

from ..factories import TODAY, funder, grant, resident, rule

pytestmark = pytest.mark.django_db

KINDS = ["funder", "programme_line", "municipality", "target_group"]
MONEY = (
    "granted_cents",
    "spent_cents",
    "committed_cents",
    "released_cents",
    "remaining_cents",
    "expired_cents",
)
_keys = itertools.count(1)


def line(code: str) -> ProgrammeLine:
    return ProgrammeLine.objects.get(code=code)


def reserve(budget: Budget, amount_cents: int):
    return services.reservation_create(
        budget=budget, amount_cents=amount_cents, idempotency_key=f"rapport-{next(_keys)}", reason="Module"
    )


def people(n: int, code: str = "GM0014", status: str = "job_seeker") -> list:
    return [resident(municipality=municipality(code), status=status) for _ in range(n)]


@pytest.fixture
def region():
    """12 job seekers in Groningen with a regional budget for line 2; 10 of them also one for line 3
    (same funder, so one reservation account each); 3 workers in Eemsdelta with a UWV budget (no line).
    Anne (the first) pays €200 from line 2 and €60 of €100 from line 3; the second has €150 reserved;
    the third got her €50 back; one worker in Eemsdelta paid €40."""
    school = SchoolFactory()
    regional = funder(name="Regio", funded_cents=20_000_00)
    uwv = funder(name="UWV", kind=FunderKind.UWV, funded_cents=1_000_00)
    rule_a = rule(funder_=regional, amount_cents=500_00, programme_line=line("kwalificerend-onderwijs"))
    rule_b = rule(funder_=regional, amount_cents=300_00, programme_line=line("werving-selectie-matching"))
    rule_u = rule(funder_=uwv, amount_cents=100_00)
    seekers, workers = people(12), people(3, code="GM1979", status="worker")
    a = [grant(rule_=rule_a, resident_=person) for person in seekers]
    b = [grant(rule_=rule_b, resident_=person) for person in seekers[:10]]
    u = [grant(rule_=rule_u, resident_=person) for person in workers]
    services.reservation_pay(reservation=reserve(a[0], 200_00), provider=school, reason="Klaar")
    services.reservation_refund(
        reservation=reserve(b[0], 100_00), pay_cents=60_00, provider=school, reason="Stop"
    )
    reserve(a[1], 150_00)
    services.reservation_release(reservation=reserve(a[2], 50_00), reason="Niet begonnen")
    services.reservation_pay(reservation=reserve(u[0], 40_00), provider=school, reason="Klaar")
    return {"regional": regional, "uwv": uwv, "school": school, "a": a, "b": b, "u": u}


@pytest.fixture
def no_small_cells(monkeypatch):
    """Show every row with a resident, to check exact figures on a small ledger."""
    monkeypatch.setattr(reports, "SMALL_CELL", 1)


def _money(row) -> tuple:
    return tuple(getattr(row, name) for name in MONEY)


def _rows(report) -> dict:
    return {row.label: row for row in report.rows}


def _ledger_balance(kind: str) -> int:
    return LedgerAccount.objects.filter(kind=kind).aggregate(total=Sum("balance_cents"))["total"] or 0


@pytest.mark.parametrize("by", KINDS)
def test_every_breakdown_adds_up_to_the_ledger(region, by):
    total = selectors.money_report(by=by, today=TODAY).total
    granted = Budget.objects.filter(grant_transaction__reversed_by__isnull=True).aggregate(
        t=Sum("amount_cents")
    )
    assert total.granted_cents == granted["t"] == 12 * 500_00 + 10 * 300_00 + 3 * 100_00
    assert total.spent_cents == _ledger_balance(AccountKind.PROVIDER_PAYABLE) == 300_00
    assert total.committed_cents == _ledger_balance(AccountKind.RESERVATION) == 150_00
    assert total.remaining_cents + total.expired_cents == _ledger_balance(AccountKind.RESIDENT_BUDGET)
    assert total.released_cents == 90_00
    assert total.residents.value == 15
    assert selectors.ledger_reconciliation().ok


@pytest.mark.parametrize("by", KINDS)
def test_the_rows_add_up_to_the_total(region, no_small_cells, by):
    report = selectors.money_report(by=by, today=TODAY)
    for name in MONEY:
        assert sum(getattr(row, name) for row in report.rows if row.shown) == getattr(report.total, name)
    for row in report.rows:
        if row.shown:  # granted = spent + committed + remaining + expired
            assert row.granted_cents == (
                row.spent_cents + row.committed_cents + row.remaining_cents + row.expired_cents
            )


def test_per_funder(region, no_small_cells):
    rows = _rows(selectors.money_report(by="funder", today=TODAY))
    assert _money(rows["Regio"]) == (9_000_00, 260_00, 150_00, 90_00, 8_590_00, 0)
    assert rows["Regio"].residents.value == 12
    assert (rows["Regio"].funded_cents, rows["Regio"].pool_cents) == (20_000_00, 11_000_00)
    assert rows["Regio"].paid_direct_cents == 0
    assert _money(rows["UWV"]) == (300_00, 40_00, 0, 0, 260_00, 0)
    assert rows["UWV"].kind_label == "UWV"


def test_per_programme_line_follows_each_reservation_to_its_budget(region, no_small_cells):
    """Anne's two budgets share one reservation account; each payment still counts for its own line."""
    rows = _rows(selectors.money_report(by="programme_line", today=TODAY))
    assert _money(rows["2. Kwalificerend onderwijs"]) == (6_000_00, 200_00, 150_00, 50_00, 5_650_00, 0)
    assert rows["2. Kwalificerend onderwijs"].residents.value == 12
    assert _money(rows["3. Werving, selectie en matching"]) == (3_000_00, 60_00, 0, 40_00, 2_940_00, 0)
    assert _money(rows["Geen programmalijn"]) == (300_00, 40_00, 0, 0, 260_00, 0)
    assert rows["1. Funderend onderwijs"].state == "small"  # 0 residents is fewer than SMALL_CELL too


def test_per_municipality_and_target_group(region, no_small_cells):
    rows = _rows(selectors.money_report(by="municipality", today=TODAY))
    assert rows["Groningen"].granted_cents == 9_000_00
    assert (rows["Eemsdelta"].granted_cents, rows["Eemsdelta"].residents.value) == (300_00, 3)
    assert rows["Assen"].state == "small"
    groups = _rows(selectors.money_report(by="target_group", today=TODAY))
    assert (groups["Werkzoekenden"].residents.value, groups["Werkzoekenden"].spent_cents) == (12, 260_00)
    assert (groups["Werkenden"].residents.value, groups["Werkenden"].spent_cents) == (3, 40_00)
    assert groups["Studenten"].state == "small"


def test_a_former_municipality_counts_for_its_successor_and_no_municipality_is_unknown(no_small_cells):
    money = rule(amount_cents=100_00)
    grant(rule_=money, resident_=resident(municipality=municipality("GM0003")))  # Appingedam → Eemsdelta
    grant(rule_=money, resident_=resident(municipality=None))
    rows = _rows(selectors.money_report(by="municipality", today=TODAY))
    assert (rows["Eemsdelta"].residents.value, rows["Eemsdelta"].granted_cents) == (1, 100_00)
    assert (rows["Onbekend"].residents.value, rows["Onbekend"].granted_cents) == (1, 100_00)
    assert "Appingedam" not in rows


def test_reversals_count_as_what_they_undo(no_small_cells):
    money = rule(amount_cents=100_00)
    kept = grant(rule_=money, resident_=resident())
    payment = services.reservation_pay(
        reservation=reserve(kept, 70_00), provider=SchoolFactory(), reason="Klaar"
    )
    services.ledger_reverse(transaction=payment, reason="Dubbel betaald", actor=None)
    undone = grant(rule_=money, resident_=resident())
    services.ledger_reverse(transaction=undone.grant_transaction, reason="Vergissing", actor=None)
    row = selectors.money_report(by="funder", today=TODAY).total
    assert row.residents.value == 1
    assert _money(row) == (100_00, 0, 70_00, 0, 30_00, 0)


def test_money_on_budgets_past_their_end_date_is_expired(no_small_cells):
    budget = grant(rule_=rule(amount_cents=100_00), resident_=resident())
    reserve(budget, 30_00)
    row = selectors.money_report(by="funder", today=budget.valid_until + dt.timedelta(days=1)).total
    assert (row.remaining_cents, row.expired_cents, row.committed_cents) == (0, 70_00, 30_00)


def test_the_regional_fund_per_programme_line_and_per_funder(no_small_cells):
    from doorleren.fund.tests import factories as fund_factories

    application, _consortium = fund_factories.paid(requested_cents=20_000_00)
    lines = _rows(selectors.money_report(by="programme_line", today=TODAY))
    learning = lines["2. Kwalificerend onderwijs"]
    assert (learning.fund_granted_cents, learning.fund_paid_cents) == (20_000_00, 20_000_00)
    report = selectors.money_report(by="funder", today=TODAY)
    row = {row.key: row for row in report.rows}[str(application.call.funder_id)]
    assert row.paid_direct_cents == 20_000_00  # organisations, not persons: shown in a small row too
    assert report.total.paid_direct_cents == _ledger_balance(AccountKind.PROVIDER_PAYABLE) == 20_000_00


# --- small cells ------------------------------------------------------------------------------------


def _grant_to(group: list, amount_cents: int = 100_00) -> None:
    money = rule(amount_cents=amount_cents)
    for person in group:
        grant(rule_=money, resident_=person)


def test_a_small_row_shows_no_money_and_the_smallest_other_row_is_hidden_too():
    _grant_to(people(12) + people(11, code="GM0106") + people(3, code="GM1979"))
    report = selectors.money_report(by="municipality", today=TODAY)
    rows = _rows(report)
    small, hidden, shown = rows["Eemsdelta"], rows["Assen"], rows["Groningen"]
    assert small.state == "small" and hidden.state == "hidden" and shown.state == "shown"
    for row in (small, hidden):
        assert row.residents.value is None and row.residents.suppressed
        assert all(value is None for value in _money(row))
    assert shown.granted_cents == 12 * 100_00
    assert report.extra_hidden
    assert report.total.granted_cents == 26 * 100_00  # total minus Groningen: Assen and Eemsdelta together
    assert rows["Pekela"].state == "small"  # no data: does not count as the one small row


def test_two_small_rows_protect_each_other():
    _grant_to(people(12) + people(2, code="GM1952") + people(3, code="GM1979"))
    report = selectors.money_report(by="municipality", today=TODAY)
    assert not report.extra_hidden
    assert [row.label for row in report.rows if row.state == "hidden"] == []
    assert _rows(report)["Groningen"].granted_cents == 12 * 100_00


def test_a_total_about_few_residents_is_hidden():
    _grant_to(people(4))
    report = selectors.money_report(by="target_group", today=TODAY)
    assert report.total.state == "small"
    assert report.total.granted_cents is None and report.total.residents.value is None


# --- input and cost ---------------------------------------------------------------------------------


@pytest.mark.parametrize("by", ["", "gemeente", "FUNDER", None, 5, "x" * 5000])
def test_an_unknown_breakdown_is_refused_in_dutch(by):
    with pytest.raises(ApplicationError) as error:
        selectors.money_report(by=by, today=TODAY)
    assert error.value.code == "report_per_invalid"
    assert "per financier, programmalijn, gemeente of doelgroep" in error.value.message


@pytest.mark.parametrize("by", KINDS)
def test_the_number_of_queries_does_not_grow_with_the_ledger(by):
    _grant_to(people(2))
    with CaptureQueriesContext(connection) as few:
        selectors.money_report(by=by, today=TODAY)
    _grant_to(people(12, code="GM1979", status="worker"))
    budget = Budget.objects.order_by("pk").first()
    services.reservation_pay(reservation=reserve(budget, 10_00), provider=SchoolFactory(), reason="Klaar")
    with CaptureQueriesContext(connection) as many:
        selectors.money_report(by=by, today=TODAY)
    assert len(many) == len(few) <= 10
