"""Services of the budgets app: the only code that writes funders, rules, budgets and the ledger."""

from .funders import funder_account, funder_create, funder_pool_fund
from .grants import budget_grant, grant_rule_create
from .ledger import MAX_BALANCE_CENTS, amount_check, ledger_reverse, ledger_transfer

__all__ = [
    "MAX_BALANCE_CENTS",
    "amount_check",
    "budget_grant",
    "funder_account",
    "funder_create",
    "funder_pool_fund",
    "grant_rule_create",
    "ledger_reverse",
    "ledger_transfer",
]

# Reservations for enrolments (doorleren.enrolments, docs/enrolments.md).
from .reservations import (  # noqa: E402
    RESERVATION_KEY_MAX,
    ReservationSettlement,
    provider_payable_account,
    reservation_create,
    reservation_pay,
    reservation_refund,
    reservation_release,
    reservation_settle,
    resident_budgets_lock,
)

__all__ += [
    "RESERVATION_KEY_MAX",
    "ReservationSettlement",
    "provider_payable_account",
    "reservation_create",
    "reservation_pay",
    "reservation_refund",
    "reservation_release",
    "reservation_settle",
    "resident_budgets_lock",
]

# Fair allocation when money is scarce (docs/budgets.md, "Schaars geld eerlijk verdelen").
from .allocation import (  # noqa: E402
    EARTHQUAKE_AREA_CODES,
    ROUND_ROLES,
    START_QUALIFICATION_LEVELS,
    allocation_round_allocate,
    allocation_round_close,
    allocation_round_create,
    application_facts,
    budget_application_submit,
    budget_application_withdraw,
)

__all__ += [
    "EARTHQUAKE_AREA_CODES",
    "ROUND_ROLES",
    "START_QUALIFICATION_LEVELS",
    "allocation_round_allocate",
    "allocation_round_close",
    "allocation_round_create",
    "application_facts",
    "budget_application_submit",
    "budget_application_withdraw",
]
