"""Reservations: money set aside from a resident's budget for an enrolment, then paid or released.

A reservation (``reservation_create``) is one ledger transfer of kind ``reservation`` from a
resident's budget account to that resident's ``reservation`` account at the same funder (one per
funder and resident, made when first needed), with an idempotency key: a retry returns the first
transfer and moves nothing.

A reservation is settled once (``reservation_settle``): part of it (``pay_cents``, 0 up to all) goes
to the funder's ``provider_payable`` account for the provider (a ``payment``), the rest goes back to
the budget (a ``release``). The settling transfers get keys made from the reservation's key
(``<key>:pay`` and ``<key>:release``), so a retry moves nothing, and no reservation is ever paid or
released twice or for more than it holds. ``reservation_release`` (nothing paid),
``reservation_pay`` (all paid) and ``reservation_refund`` (part paid, the rest released) are the three
ways to settle.

Locks: every write here first locks all budget accounts of the resident (``resident_budgets_lock``,
in id order). All money operations of one resident therefore run one after another, a resident's
reservation account is never made twice, and together with the ledger's own id-ordered locks no two
operations can wait for each other in a circle. Every write adds a line to the audit log in the same
database transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import IntegrityError
from django.db import transaction as db_transaction
from django.utils.translation import gettext as _

from doorleren.audit.services import audit_record
from doorleren.core.errors import ApplicationError

from ..models import (
    IDEMPOTENCY_KEY_MAX,
    AccountKind,
    Budget,
    Funder,
    LedgerAccount,
    LedgerTransaction,
    TransactionKind,
)
from .ledger import amount_check, ledger_transfer, transfer

if TYPE_CHECKING:
    from doorleren.accounts.models import User
    from doorleren.organisations.models import Organisation

PAY_SUFFIX = ":pay"
RELEASE_SUFFIX = ":release"
# A reservation's key leaves room for the suffixes of the keys that settle it.
RESERVATION_KEY_MAX = IDEMPOTENCY_KEY_MAX - max(len(PAY_SUFFIX), len(RELEASE_SUFFIX))


@dataclass(frozen=True)
class ReservationSettlement:
    """How one reservation was settled: the payment to the provider and the release to the budget
    (either may be ``None`` when its amount is 0)."""

    reservation: LedgerTransaction
    payment: LedgerTransaction | None
    release: LedgerTransaction | None
    paid_cents: int
    released_cents: int


def resident_budgets_lock(*, resident: User) -> None:
    """Lock every budget account (and reservation account) of ``resident`` (``SELECT ... FOR UPDATE``,
    in id order, one query). Call inside ``transaction.atomic()``; the locks hold until it ends. Every
    money operation on a resident's reservations takes this lock first (module docstring)."""
    _lock_budgets_of(resident_id=resident.pk)


def _lock_budgets_of(*, resident_id: int) -> list[tuple[int, str, int]]:
    """Lock the resident's accounts (their budget and reservation accounts: the only kinds with a
    resident) in id order, in one query on the ``resident`` index; return (id, kind, funder id) of each."""
    return list(
        LedgerAccount.objects.select_for_update()
        .filter(resident_id=resident_id)
        .order_by("pk")
        .values_list("id", "kind", "funder_id")
    )


def _reservation_key_check(key: object) -> str:
    if (
        not isinstance(key, str)
        or not key.strip()
        or len(key) > RESERVATION_KEY_MAX
        or "\x00" in key
        or key.endswith((PAY_SUFFIX, RELEASE_SUFFIX))
    ):
        raise ApplicationError(
            _("De sleutel van een reservering is leeg of te lang. Gebruik 1 tot %(max)d tekens.")
            % {"max": RESERVATION_KEY_MAX},
            code="reservation_key_invalid",
        )
    return key


def _reservation_account(*, budget: Budget, locked: list[tuple[int, str, int]]) -> LedgerAccount:
    """The resident's reservation account at the budget's funder (from ``locked``, the accounts
    ``_lock_budgets_of`` returned); made when missing. Under that lock, so it is never made twice."""
    funder_id = budget.rule.funder_id
    found = next(
        (pk for pk, kind, funder in locked if kind == AccountKind.RESERVATION and funder == funder_id), None
    )
    if found is not None:
        # Only its id and funder are needed to move money to it (never saved: it is not loaded whole).
        return LedgerAccount(
            id=found, kind=AccountKind.RESERVATION, funder_id=funder_id, resident_id=budget.resident_id
        )
    funder = budget.rule.funder
    # The lock query's rows come from the moment it started: an account another request made
    # while we waited for the lock is not among them. A new query sees it.
    account = LedgerAccount.objects.filter(
        funder=funder, kind=AccountKind.RESERVATION, resident_id=budget.resident_id
    ).first()
    if account is None:
        account = LedgerAccount.objects.create(
            funder=funder,
            kind=AccountKind.RESERVATION,
            resident_id=budget.resident_id,
            name=_("Gereserveerd bij %(funder)s (inwoner %(id)s)")
            % {"funder": funder.name, "id": budget.resident_id},
        )
    return account


def provider_payable_account(*, funder: Funder, provider: Organisation) -> LedgerAccount:
    """What ``funder`` owes ``provider``: its ``provider_payable`` account, made when missing (one per
    funder and provider, a database constraint; two requests at once get the same account)."""
    account, _created = LedgerAccount.objects.get_or_create(
        funder=funder,
        kind=AccountKind.PROVIDER_PAYABLE,
        provider=provider,
        defaults={"name": _("Te betalen aan %(provider)s") % {"provider": provider.name}},
    )
    return account


def _key_reused() -> ApplicationError:
    return ApplicationError(
        _("Deze sleutel is al gebruikt voor een andere boeking. Gebruik een nieuwe sleutel."),
        code="ledger_idempotency_key_reused",
        status=409,
    )


def reservation_create(
    *, budget: Budget, amount_cents: int, idempotency_key: str, reason: str, actor: User | None = None
) -> LedgerTransaction:
    """Set ``amount_cents`` of ``budget`` aside: budget account → the resident's reservation account.

    ``idempotency_key`` (required, at most ``RESERVATION_KEY_MAX`` characters): a retry returns the
    first reservation and moves nothing, also when the requests arrive at the same time; the same
    key for another budget or amount is refused (409). Not enough money on the budget: 409
    (``ledger_insufficient_balance``), nothing written.
    """
    amount_cents = amount_check(amount_cents)
    key = _reservation_key_check(idempotency_key)
    correlation_key = uuid.uuid4()
    try:
        with db_transaction.atomic():
            locked = _lock_budgets_of(resident_id=budget.resident_id)
            target = _reservation_account(budget=budget, locked=locked)
            # A retry with the same key returns the first transfer (the ledger checks it is the same
            # transfer); under the lock, a request with the same key that ran first is finished and
            # visible. No savepoint inside: any error ends this whole block.
            record = transfer(
                from_account=budget.account,
                to_account=target,
                amount_cents=amount_cents,
                kind=TransactionKind.RESERVATION,
                reason=reason,
                actor=actor,
                correlation_key=correlation_key,
                idempotency_key=key,
                savepoint=False,
            )
            if record.correlation_key != correlation_key:  # the first reservation with this key
                if record.kind != TransactionKind.RESERVATION:
                    raise _key_reused()
                return record
            audit_record(
                action="budgets.reservation_create",
                subject=record,
                actor=actor,
                reason=record.reason,
                data={
                    "amount_cents": amount_cents,
                    "budget": budget.pk,
                    "funder": budget.rule.funder_id,
                    "from_account": budget.account_id,
                    "to_account": target.pk,
                },
            )
    except IntegrityError:
        # The same key was used at the same moment for a budget of another resident (a request for
        # this resident would have waited for our lock and then seen the key), and that request
        # committed first: the key is taken by another transfer.
        if not LedgerTransaction.objects.filter(idempotency_key=key).exists():
            raise
        raise _key_reused() from None
    return record


@dataclass(frozen=True)
class _Parts:
    budget_account: LedgerAccount
    reservation_account: LedgerAccount
    amount_cents: int


def _parts(reservation: LedgerTransaction) -> _Parts:
    if reservation.kind != TransactionKind.RESERVATION or not reservation.idempotency_key:
        raise ApplicationError(
            _("Dit is geen reservering. Kies een reservering om af te ronden."),
            code="reservation_not_a_reservation",
        )
    entries = list(reservation.entries.select_related("account"))
    source = next(entry for entry in entries if entry.amount_cents < 0)
    target = next(entry for entry in entries if entry.amount_cents > 0)
    return _Parts(
        budget_account=source.account, reservation_account=target.account, amount_cents=target.amount_cents
    )


def _settled_amount(record: LedgerTransaction | None) -> int:
    if record is None:
        return 0
    return max(entry.amount_cents for entry in record.entries.all())


def reservation_settle(
    *,
    reservation: LedgerTransaction,
    pay_cents: int,
    provider: Organisation | None,
    reason: str,
    actor: User | None = None,
) -> ReservationSettlement:
    """Settle ``reservation`` once: ``pay_cents`` (0 up to the reserved amount) to the funder's
    ``provider_payable`` account for ``provider``, the rest back to the budget.

    A retry with the same amounts returns the same transfers and moves nothing; settling a
    reservation again with other amounts or for another provider is refused (409,
    ``reservation_already_settled``).
    """
    parts = _parts(reservation)
    if (
        isinstance(pay_cents, bool)
        or not isinstance(pay_cents, int)
        or not 0 <= pay_cents <= parts.amount_cents
    ):
        raise ApplicationError(
            _("Het bedrag voor de aanbieder moet 0 tot en met het gereserveerde bedrag zijn."),
            code="reservation_pay_invalid",
        )
    if pay_cents and provider is None:
        raise ApplicationError(
            _("Kies de aanbieder die het geld krijgt."), code="reservation_provider_missing"
        )
    release_cents = parts.amount_cents - pay_cents
    pay_key = f"{reservation.idempotency_key}{PAY_SUFFIX}"
    release_key = f"{reservation.idempotency_key}{RELEASE_SUFFIX}"
    with db_transaction.atomic():
        _lock_budgets_of(resident_id=parts.reservation_account.resident_id)
        found = {
            record.idempotency_key: record
            for record in LedgerTransaction.objects.filter(idempotency_key__in=[pay_key, release_key])
        }
        if found:
            payment, release = found.get(pay_key), found.get(release_key)
            payable = payment and next(
                e.account for e in payment.entries.select_related("account") if e.amount_cents > 0
            )
            if (
                _settled_amount(payment) != pay_cents
                or _settled_amount(release) != release_cents
                or (payable and provider is not None and payable.provider_id != provider.pk)
            ):
                raise ApplicationError(
                    _("Deze reservering is al afgerond. Er kan niets meer bij of af."),
                    code="reservation_already_settled",
                    status=409,
                )
            return ReservationSettlement(
                reservation=reservation,
                payment=payment,
                release=release,
                paid_cents=pay_cents,
                released_cents=release_cents,
            )
        payment = release = None
        funder = parts.reservation_account.funder
        if pay_cents:
            payable = provider_payable_account(funder=funder, provider=provider)
            payment = ledger_transfer(
                from_account=parts.reservation_account,
                to_account=payable,
                amount_cents=pay_cents,
                kind=TransactionKind.PAYMENT,
                reason=reason,
                actor=actor,
                idempotency_key=pay_key,
            )
            audit_record(
                action="budgets.reservation_pay",
                subject=payment,
                actor=actor,
                reason=payment.reason,
                data={
                    "amount_cents": pay_cents,
                    "reservation": reservation.pk,
                    "funder": funder.pk,
                    "provider": provider.pk,
                    "to_account": payable.pk,
                },
            )
        if release_cents:
            release = ledger_transfer(
                from_account=parts.reservation_account,
                to_account=parts.budget_account,
                amount_cents=release_cents,
                kind=TransactionKind.RELEASE,
                reason=reason,
                actor=actor,
                idempotency_key=release_key,
            )
            audit_record(
                action="budgets.reservation_release",
                subject=release,
                actor=actor,
                reason=release.reason,
                data={
                    "amount_cents": release_cents,
                    "reservation": reservation.pk,
                    "funder": funder.pk,
                    "to_account": parts.budget_account.pk,
                },
            )
    return ReservationSettlement(
        reservation=reservation,
        payment=payment,
        release=release,
        paid_cents=pay_cents,
        released_cents=release_cents,
    )


def reservation_release(
    *, reservation: LedgerTransaction, reason: str, actor: User | None = None
) -> LedgerTransaction:
    """Give the whole reservation back to the budget (for example: the enrolment was cancelled)."""
    return reservation_settle(
        reservation=reservation, pay_cents=0, provider=None, reason=reason, actor=actor
    ).release


def reservation_pay(
    *, reservation: LedgerTransaction, provider: Organisation, reason: str, actor: User | None = None
) -> LedgerTransaction:
    """Pay the whole reservation to ``provider``: reservation account → the funder's provider payable."""
    amount = _parts(reservation).amount_cents
    return reservation_settle(
        reservation=reservation, pay_cents=amount, provider=provider, reason=reason, actor=actor
    ).payment


def reservation_refund(
    *,
    reservation: LedgerTransaction,
    pay_cents: int,
    provider: Organisation | None,
    reason: str,
    actor: User | None = None,
) -> ReservationSettlement:
    """Pay ``pay_cents`` of the reservation to ``provider`` and release the rest (for example: a drop-out)."""
    return reservation_settle(
        reservation=reservation, pay_cents=pay_cents, provider=provider, reason=reason, actor=actor
    )
