"""The only code that moves money: ``ledger_transfer`` and ``ledger_reverse``.

A transfer is one ``LedgerTransaction`` with exactly two entries, ``-amount`` on the account the
money leaves and ``+amount`` on the account it goes to. Inside one database transaction both
accounts are locked (by a conditional ``UPDATE`` of their stored balance, always in the order of
their ids, so two transfers between the same accounts in opposite directions cannot deadlock), the
balance is checked, the entries are written and the stored balances change with them. Nothing here ever changes or
deletes an entry: a correction is ``ledger_reverse``.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db import IntegrityError, connection
from django.db import transaction as db_transaction
from django.utils.translation import gettext as _

from doorleren.core.db import insert_many, insert_one
from doorleren.core.errors import ApplicationError

from ..models import (
    IDEMPOTENCY_KEY_MAX,
    MAX_AMOUNT_CENTS,
    REASON_MAX,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    TransactionKind,
)

if TYPE_CHECKING:
    from doorleren.accounts.models import User

# A stored balance stays well inside a 64-bit integer.
MAX_BALANCE_CENTS = 10**18
# Kinds ``ledger_transfer`` makes; a reversal is made only by ``ledger_reverse``.
TRANSFER_KINDS = frozenset(TransactionKind.values) - {TransactionKind.REVERSAL}


def amount_check(amount_cents: object) -> int:
    """A whole number of cents from 1 to 10^12, or ``ApplicationError``."""
    if isinstance(amount_cents, bool) or not isinstance(amount_cents, int):
        raise ApplicationError(
            _("Het bedrag moet een heel aantal centen zijn."), code="ledger_amount_not_whole_cents"
        )
    if amount_cents <= 0:
        raise ApplicationError(_("Het bedrag moet meer dan 0 zijn."), code="ledger_amount_not_positive")
    if amount_cents > MAX_AMOUNT_CENTS:
        raise ApplicationError(
            _("Het bedrag is te hoog. Kijk of u het goed heeft ingetypt."), code="ledger_amount_too_high"
        )
    return amount_cents


def _text_check(reason: object) -> str:
    if not isinstance(reason, str) or not reason.strip():
        raise ApplicationError(_("Schrijf op waarom u dit boekt."), code="ledger_reason_missing")
    if len(reason) > REASON_MAX or "\x00" in reason:
        raise ApplicationError(
            _("De reden is te lang of bevat tekens die niet mogen. Gebruik hoogstens %(max)d tekens.")
            % {"max": REASON_MAX},
            code="ledger_reason_invalid",
        )
    return reason.strip()


def _key_check(idempotency_key: object) -> str | None:
    if idempotency_key is None:
        return None
    if (
        not isinstance(idempotency_key, str)
        or not idempotency_key.strip()
        or len(idempotency_key) > IDEMPOTENCY_KEY_MAX
        or "\x00" in idempotency_key
    ):
        raise ApplicationError(
            _("De sleutel tegen dubbel boeken is leeg of te lang. Gebruik 1 tot %(max)d tekens.")
            % {"max": IDEMPOTENCY_KEY_MAX},
            code="ledger_idempotency_key_invalid",
        )
    return idempotency_key


def transfer_with_key(*, key: str, from_account: LedgerAccount, to_account: LedgerAccount, amount_cents: int):
    """The transaction made earlier with this key, if any; a different transfer with the same key is refused."""
    # The common case is a new key: one plain lookup of the id before loading anything.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {_column(LedgerTransaction, 'id')} FROM {_table(LedgerTransaction)}"  # noqa: S608 - names from the models, values as parameters
            f" WHERE {_column(LedgerTransaction, 'idempotency_key')} = %s",
            [key],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    existing = LedgerTransaction.objects.get(pk=row[0])
    entries = {(entry.account_id, entry.amount_cents) for entry in existing.entries.all()}
    if entries != {(from_account.pk, -amount_cents), (to_account.pk, amount_cents)}:
        raise ApplicationError(
            _("Deze sleutel is al gebruikt voor een andere boeking. Gebruik een nieuwe sleutel."),
            code="ledger_idempotency_key_reused",
            status=409,
        )
    return existing


def _insufficient(account: LedgerAccount) -> ApplicationError:
    return ApplicationError(
        _("Er staat niet genoeg geld op %(account)s.") % {"account": account.name},
        code="ledger_insufficient_balance",
        status=409,
    )


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _column(model, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def _move_balance(cursor, *, pk: int, delta: int) -> int:
    """Add ``delta`` to account ``pk``'s stored balance and return the new balance, in one statement
    that also locks the row until the transaction ends. Refused (nothing changed) when the balance
    would go below zero on an account that may not, or past ``MAX_BALANCE_CENTS``."""
    account, balance = _table(LedgerAccount), _column(LedgerAccount, "balance_cents")
    negative, key = _column(LedgerAccount, "may_go_negative"), _column(LedgerAccount, "id")
    cursor.execute(
        f"UPDATE {account} SET {balance} = {balance} + %s WHERE {key} = %s"  # noqa: S608 - names from the models, values as parameters
        f" AND ({negative} OR {balance} + %s >= 0) AND {balance} + %s BETWEEN %s AND %s"
        f" RETURNING {balance}",
        [delta, pk, delta, delta, -MAX_BALANCE_CENTS, MAX_BALANCE_CENTS],
    )
    row = cursor.fetchone()
    if row is not None:
        return row[0]
    found = LedgerAccount.objects.filter(pk=pk).first()
    if found is None:  # pragma: no cover - our own callers pass saved accounts
        raise ValueError(f"ledger account {pk} does not exist")
    after = found.balance_cents + delta
    if after < 0 and not found.may_go_negative:
        raise _insufficient(found)
    raise ApplicationError(
        _("Het saldo van %(account)s wordt te groot.") % {"account": found.name},
        code="ledger_balance_too_large",
    )


def _post(
    *,
    kind: str,
    reason: str,
    actor: User | None,
    lines: list[tuple[int, int]],
    correlation_key: uuid.UUID | None = None,
    idempotency_key: str | None = None,
    reverses: LedgerTransaction | None = None,
) -> tuple[LedgerTransaction, dict[int, int]]:
    """Write one balanced transaction; ``lines`` are (account id, signed cents). Call inside ``atomic``.

    Moves each account's stored balance in id order, one conditional ``UPDATE ... RETURNING`` per
    account: the update locks the row (so accounts are always locked in the same order and two
    transfers cannot wait for each other in a circle) and refuses a balance below zero where that is
    not allowed, checked against the newest committed balance. Then the transaction and its entries
    are inserted. Returns the transaction and the new balance per account. Plain SQL statements
    (same on SQLite and PostgreSQL) rather than the ORM: this is the hot path of every reservation
    (``doorleren bench ledger``, docs/benchmarks.md).
    """
    if sum(amount for _pk, amount in lines) != 0 or len(lines) < 2:  # pragma: no cover - our own callers
        raise ValueError("a ledger transaction must have two or more lines that sum to zero")
    change: dict[int, int] = {}
    for pk, amount in lines:
        change[pk] = change.get(pk, 0) + amount
    with connection.cursor() as cursor:
        balances = {pk: _move_balance(cursor, pk=pk, delta=change[pk]) for pk in sorted(change)}
    record = insert_one(
        LedgerTransaction(
            correlation_key=correlation_key or uuid.uuid4(),
            kind=kind,
            reason=reason,
            actor=actor,
            idempotency_key=idempotency_key,
            reverses=reverses,
        )
    )
    insert_many([LedgerEntry(transaction=record, account_id=pk, amount_cents=amount) for pk, amount in lines])
    return record, balances


def ledger_transfer(
    *,
    from_account: LedgerAccount,
    to_account: LedgerAccount,
    amount_cents: int,
    kind: str,
    reason: str,
    actor: User | None = None,
    correlation_key: uuid.UUID | None = None,
    idempotency_key: str | None = None,
) -> LedgerTransaction:
    """Move ``amount_cents`` from one account to another of the same funder: one transaction, two entries.

    Refused (``ApplicationError``, Dutch): an amount that is not a whole number of cents from 1 to
    10^12, the same account twice, accounts of different funders, an unknown kind, no reason, and a
    balance that would go below zero on an account that may not go negative (409). A retry with the
    same ``idempotency_key`` returns the first transaction and moves nothing; the same key for a
    different transfer is refused (409). ``from_account`` and ``to_account`` get their new balances.
    """
    return transfer(
        from_account=from_account,
        to_account=to_account,
        amount_cents=amount_cents,
        kind=kind,
        reason=reason,
        actor=actor,
        correlation_key=correlation_key,
        idempotency_key=idempotency_key,
        savepoint=True,
    )


def transfer(
    *,
    from_account: LedgerAccount,
    to_account: LedgerAccount,
    amount_cents: int,
    kind: str,
    reason: str,
    actor: User | None,
    correlation_key: uuid.UUID | None,
    idempotency_key: str | None,
    savepoint: bool,
) -> LedgerTransaction:
    """``ledger_transfer`` for the services of this app. ``savepoint=False`` is for a caller that
    runs it inside its own ``atomic`` block and lets any error end that block: then a clash of
    idempotency keys raises ``IntegrityError`` to that caller, which must look the key up after its
    block has rolled back (``reservation_create`` does). Saves two statements per reservation."""
    amount_cents = amount_check(amount_cents)
    reason = _text_check(reason)
    idempotency_key = _key_check(idempotency_key)
    if kind not in TRANSFER_KINDS:
        raise ApplicationError(_("Dit soort boeking kennen wij niet."), code="ledger_kind_invalid")
    if from_account.pk is None or to_account.pk is None:  # pragma: no cover - programming error
        raise ValueError("both accounts must be saved")
    if from_account.pk == to_account.pk:
        raise ApplicationError(
            _("Geld kan niet naar dezelfde rekening gaan. Kies een andere rekening."),
            code="ledger_same_account",
        )
    if from_account.funder_id != to_account.funder_id:
        raise ApplicationError(
            _("Geld blijft bij één financier. Deze rekeningen horen bij verschillende financiers."),
            code="ledger_cross_funder",
        )
    if correlation_key is not None and not isinstance(correlation_key, uuid.UUID):
        raise ApplicationError(
            _("De correlatiesleutel moet een UUID zijn."), code="ledger_correlation_key_invalid"
        )
    if idempotency_key is not None:
        existing = transfer_with_key(
            key=idempotency_key, from_account=from_account, to_account=to_account, amount_cents=amount_cents
        )
        if existing is not None:
            return existing
    try:
        with db_transaction.atomic(savepoint=savepoint):
            record, balances = _post(
                kind=kind,
                reason=reason,
                actor=actor,
                lines=[(from_account.pk, -amount_cents), (to_account.pk, amount_cents)],
                correlation_key=correlation_key,
                idempotency_key=idempotency_key,
            )
    except IntegrityError:
        if not savepoint:
            raise
        # Another request with the same idempotency key committed first: that one counts.
        if idempotency_key is not None:
            existing = transfer_with_key(
                key=idempotency_key,
                from_account=from_account,
                to_account=to_account,
                amount_cents=amount_cents,
            )
            if existing is not None:
                return existing
        if (
            correlation_key is not None
            and LedgerTransaction.objects.filter(correlation_key=correlation_key).exists()
        ):
            raise ApplicationError(
                _("Deze correlatiesleutel is al gebruikt."), code="ledger_correlation_key_used", status=409
            ) from None
        raise
    from_account.balance_cents = balances[from_account.pk]
    to_account.balance_cents = balances[to_account.pk]
    return record


def ledger_reverse(*, transaction: LedgerTransaction, reason: str, actor: User | None) -> LedgerTransaction:
    """Undo ``transaction`` with a new transaction whose entries are its entries with the sign turned.

    Only once per transaction, never a reversal itself, and only while every account can give the
    money back (a budget that was already spent cannot be reversed: 409).
    """
    reason = _text_check(reason)
    if transaction.kind == TransactionKind.REVERSAL:
        raise ApplicationError(
            _("Een terugdraaiing kunt u niet terugdraaien. Maak een nieuwe boeking."),
            code="ledger_reverse_reversal",
        )
    try:
        with db_transaction.atomic():
            original = LedgerTransaction.objects.select_for_update().get(pk=transaction.pk)
            if LedgerTransaction.objects.filter(reverses=original).exists():
                raise _already_reversed()
            lines = [
                (pk, -amount)
                for pk, amount in original.entries.order_by("id").values_list("account_id", "amount_cents")
            ]
            try:
                record, _balances = _post(
                    kind=TransactionKind.REVERSAL,
                    reason=reason,
                    actor=actor,
                    lines=lines,
                    correlation_key=uuid.uuid4(),
                    reverses=original,
                )
            except ApplicationError as error:
                if error.code == "ledger_insufficient_balance":
                    raise ApplicationError(
                        _(
                            "Deze boeking kan niet meer worden teruggedraaid: een deel van het geld is al gebruikt."
                        ),
                        code="ledger_reverse_insufficient",
                        status=409,
                    ) from None
                raise
    except IntegrityError:
        if LedgerTransaction.objects.filter(reverses_id=transaction.pk).exists():
            raise _already_reversed() from None
        raise
    return record


def _already_reversed() -> ApplicationError:
    return ApplicationError(
        _("Deze boeking is al teruggedraaid."), code="ledger_already_reversed", status=409
    )
