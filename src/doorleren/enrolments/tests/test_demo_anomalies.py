"""The demo region shows an example of every signal for coaches, made through the services, and moves
no budget money for it (docs/enrolments.md, "Signalen voor coaches")."""

import pytest
from django.utils import timezone

from doorleren.budgets import selectors as budgets_selectors
from doorleren.budgets.models import Budget, LedgerEntry
from doorleren.demo.services import demo_build, demo_reset
from doorleren.demo.tests.conftest import SMALL
from doorleren.enrolments import selectors_anomalies
from doorleren.enrolments.models import AnomalyKind, Enrolment
from doorleren.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_signal_of_each_kind_and_moves_no_money():
    result = demo_build(seed=11, **SMALL)
    signals = selectors_anomalies.anomalies_current(today=timezone.localdate())
    kinds = {kind: [s for s in signals if s.kind == kind] for kind in AnomalyKind.values}
    assert {kind: len(found) for kind, found in kinds.items()} == {
        "burst": 1,
        "no_attendance": 1,
        "low_attendance": 1,
        "shared_iban": 1,
    }
    assert kinds["burst"][0].count == selectors_anomalies.BURST_MIN_PER_DAY
    assert kinds["shared_iban"][0].count == 2
    assert (
        result.counts["enrolments"] == Enrolment.objects.count() == 3 + selectors_anomalies.BURST_MIN_PER_DAY
    )
    assert not Enrolment.objects.filter(resident__username="anne").exists()
    assert not Enrolment.objects.filter(resident__in=Budget.objects.values("resident_id")).exists()
    assert Enrolment.objects.filter(covered_cents__gt=0).count() == 0
    assert LedgerEntry.objects.count() == 2 * (6 + Budget.objects.count())
    assert budgets_selectors.ledger_reconciliation().ok
    assert Organisation.objects.exclude(iban="").count() == len(
        Organisation.objects.filter(kind="school", iban__startswith="NL")
    )


def test_the_demo_reset_removes_the_example_enrolments():
    demo_build(seed=11, **SMALL)
    deleted = demo_reset()
    assert deleted["enrolments"] == 3 + selectors_anomalies.BURST_MIN_PER_DAY
    assert not Enrolment.objects.exists()
    assert selectors_anomalies.anomalies_current(today=timezone.localdate()) == []
