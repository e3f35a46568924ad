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
