"""Where the fund's money goes in the budgets ledger, only through ``budgets.services``.

A granted application is paid from the fund's pool (``funder_pool``) to the ``provider_payable``
account of the funder and the lead organisation (the *penvoerder*, who passes money on to the
partners under the consortium's own agreement). The budgets app has no grantee account kind and we
do not add one (``budgets/models.py`` belongs to budgets): ``provider_payable`` is "what the funder
owes an organisation", which is what a grant is. ``budgets.services.provider_payable_account``
opens it when it is missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from doorleren.budgets import services as budgets_services

if TYPE_CHECKING:
    from doorleren.accounts.models import User
    from doorleren.budgets.models import Funder, LedgerAccount, LedgerTransaction
    from doorleren.organisations.models import Organisation

# budgets.models AccountKind.FUNDER_POOL and TransactionKind.PAYMENT (values, so no model import).
POOL = "funder_pool"
PAYMENT = "payment"


def grantee_account(*, funder: Funder, organisation: Organisation) -> LedgerAccount:
    """The funder's ``provider_payable`` account for ``organisation``, opened when missing."""
    return budgets_services.provider_payable_account(funder=funder, provider=organisation)


def pool_account(*, funder: Funder) -> LedgerAccount:
    return budgets_services.funder_account(funder=funder, kind=POOL)


def pool_balance_cents(*, funder: Funder) -> int:
    return pool_account(funder=funder).balance_cents


def grant_payment(
    *,
    funder: Funder,
    organisation: Organisation,
    amount_cents: int,
    reason: str,
    actor: User | None,
    key: str,
) -> LedgerTransaction:
    """Move ``amount_cents`` from the fund's pool to what it owes ``organisation``: one ledger
    transfer of kind ``payment``. ``key`` is the idempotency key: a retry moves nothing."""
    return budgets_services.ledger_transfer(
        from_account=pool_account(funder=funder),
        to_account=grantee_account(funder=funder, organisation=organisation),
        amount_cents=amount_cents,
        kind=PAYMENT,
        reason=reason,
        actor=actor,
        idempotency_key=key,
    )
