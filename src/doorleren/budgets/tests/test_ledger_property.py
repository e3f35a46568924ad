"""Random sequences of transfers, reversals and funding keep the ledger sound.

After every step: all entries sum to zero, every stored balance equals the sum of its entries,
no account that may not go negative is below zero, a refused step changed nothing, and every
balance equals a model kept here in plain Python.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from doorleren.budgets import selectors, services
from doorleren.budgets.models import (
    AccountKind,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    TransactionKind,
)
from doorleren.core.errors import ApplicationError
from doorleren.organisations.tests.factories import SchoolFactory

from .factories import funder, resident

N_ACCOUNTS = 6  # per funder: external, pool, two resident budgets, a reservation, a provider payable

steps = st.lists(
    st.one_of(
        st.tuples(
            st.just("transfer"),
            st.integers(0, 2 * N_ACCOUNTS - 1),
            st.integers(0, 2 * N_ACCOUNTS - 1),
            st.one_of(st.integers(-5, 3_000), st.just(10**12), st.just(10**12 + 1)),
            st.sampled_from([None, "a", "b", "c"]),
        ),
        st.tuples(st.just("reverse"), st.integers(0, 40)),
        st.tuples(st.just("fund"), st.integers(0, 1), st.integers(1, 5_000)),
    ),
    max_size=25,
)


class LedgerPropertyTest(TestCase):
    def _world(self):
        provider = SchoolFactory()
        accounts, funders = [], []
        for n in range(2):
            money = funder(funded_cents=2_000, name=f"Fonds {n}")
            funders.append(money)
            accounts += list(LedgerAccount.objects.filter(funder=money).order_by("kind"))
            for kind, extra in (
                (AccountKind.RESIDENT_BUDGET, {"resident": resident()}),
                (AccountKind.RESIDENT_BUDGET, {"resident": resident()}),
                (AccountKind.RESERVATION, {"resident": resident()}),
                (AccountKind.PROVIDER_PAYABLE, {"provider": provider}),
            ):
                accounts.append(
                    LedgerAccount.objects.create(funder=money, kind=kind, name=str(kind), **extra)
                )
        return funders, accounts

    def _check(self, model: dict[int, int]):
        result = selectors.ledger_reconciliation()
        assert result.ok, result
        stored = dict(LedgerAccount.objects.values_list("pk", "balance_cents"))
        assert stored == model

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(steps)
    def test_any_sequence_keeps_the_ledger_sound(self, plan):
        funders, accounts = self._world()
        model = dict(LedgerAccount.objects.values_list("pk", "balance_cents"))
        keys: dict[str, tuple[int, int, int]] = {}
        for step in plan:
            entries_before = LedgerEntry.objects.count()
            try:
                if step[0] == "transfer":
                    _name, a, b, amount, key = step
                    source, target = accounts[a], accounts[b]
                    record = services.ledger_transfer(
                        from_account=LedgerAccount.objects.get(pk=source.pk),
                        to_account=LedgerAccount.objects.get(pk=target.pk),
                        amount_cents=amount,
                        kind=TransactionKind.RESERVATION,
                        reason="Eigenschapstest",
                        idempotency_key=key,
                    )
                    if key is not None and key in keys:
                        assert keys[key] == (source.pk, target.pk, amount)
                        assert LedgerEntry.objects.count() == entries_before  # a retry moves nothing
                    else:
                        model[source.pk] -= amount
                        model[target.pk] += amount
                        if key is not None:
                            keys[key] = (source.pk, target.pk, amount)
                        assert record.entries.count() == 2
                elif step[0] == "reverse":
                    records = list(LedgerTransaction.objects.order_by("pk"))
                    if not records:
                        continue
                    original = records[step[1] % len(records)]
                    services.ledger_reverse(transaction=original, reason="Eigenschapstest", actor=None)
                    for account_id, amount in original.entries.values_list("account_id", "amount_cents"):
                        model[account_id] -= amount
                else:
                    _name, which, amount = step
                    services.funder_pool_fund(
                        funder=funders[which], amount_cents=amount, reason="Eigenschapstest"
                    )
                    accounts_of = {a.kind: a.pk for a in accounts if a.funder_id == funders[which].pk}
                    model[accounts_of[AccountKind.EXTERNAL]] -= amount
                    model[accounts_of[AccountKind.FUNDER_POOL]] += amount
            except ApplicationError:
                assert LedgerEntry.objects.count() == entries_before  # refused: nothing written
            self._check(model)
            assert all(
                balance >= 0 or account.kind == AccountKind.EXTERNAL
                for account in accounts
                for balance in [model[account.pk]]
            )
