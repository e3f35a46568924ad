"""The demo's grant rules name their programme line, and its money report adds up to its ledger."""

import pytest
from django.db.models import Sum

from doorleren.budgets import selectors
from doorleren.budgets.models import AccountKind, GrantRule, LedgerAccount
from doorleren.budgets.selectors import reports
from doorleren.demo.services import demo_build
from doorleren.demo.tests.conftest import SMALL, TODAY

pytestmark = pytest.mark.django_db


def test_the_demo_rules_have_a_programme_line_and_the_report_adds_up(monkeypatch):
    demo_build(seed=11, **SMALL)
    assert GrantRule.objects.exists()
    assert not GrantRule.objects.filter(programme_line__isnull=True).exists()
    monkeypatch.setattr(reports, "SMALL_CELL", 1)  # the small demo has few budgets: show every row
    report = selectors.money_report(by="programme_line", today=TODAY)
    on_budgets = LedgerAccount.objects.filter(kind=AccountKind.RESIDENT_BUDGET).aggregate(
        t=Sum("balance_cents")
    )
    assert report.total.remaining_cents + report.total.expired_cents == on_budgets["t"]
    rows = {row.key: row for row in report.rows}
    assert rows["kwalificerend-onderwijs"].granted_cents > 0
    assert rows["onbekend"].state == "small"  # no residents: every rule has a line
