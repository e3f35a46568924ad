"""core.db: plain INSERT statements give the same rows as ``save()`` would, on SQLite and PostgreSQL."""

import uuid

import pytest

from doorleren.accounts.tests.factories import UserFactory
from doorleren.audit.models import AuditEvent
from doorleren.budgets.models import LedgerTransaction, TransactionKind
from doorleren.core.db import insert_many, insert_one

pytestmark = pytest.mark.django_db


def test_insert_one_fills_defaults_and_auto_now_add_and_reads_back_the_key():
    actor = UserFactory()
    event = insert_one(
        AuditEvent(
            actor=actor,
            action="core.test",
            subject_type="x",
            subject_id="1",
            data={"bedrag": 12, "tekst": "é"},
        )
    )
    assert event.pk is not None
    assert not event._state.adding
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.at == event.at
    assert stored.at is not None
    assert (stored.actor_id, stored.data, stored.reason) == (actor.pk, {"bedrag": 12, "tekst": "é"}, "")


def test_insert_one_converts_a_uuid_and_insert_many_writes_every_row():
    key = uuid.uuid4()
    first = insert_one(LedgerTransaction(correlation_key=key, kind=TransactionKind.GRANT, reason="a"))
    assert LedgerTransaction.objects.get(correlation_key=key).pk == first.pk
    insert_many(
        [AuditEvent(action="core.many", subject_type="x", subject_id=str(n), data={"n": n}) for n in range(3)]
    )
    assert sorted(AuditEvent.objects.filter(action="core.many").values_list("data", flat=True), key=str) == [
        {"n": 0},
        {"n": 1},
        {"n": 2},
    ]
    insert_many([])  # nothing to write is fine
