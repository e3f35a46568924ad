"""Services of the fund app: the only code that writes calls, applications, reviews and reports.

Every service checks who may act, owns its database transaction and writes an audit line
(``audit.services.audit_record``) in it. Money moves only through ``budgets.services``
(see ``payments.py``). docs/fund.md describes the rules.
"""

from ._checks import TRANSITIONS, conflict_of_interest
from .applications import (
    consortium_member_add,
    consortium_member_remove,
    fund_application_create,
    fund_application_submit,
    fund_application_update,
    submit_problems,
)
from .calls import CriterionInput, fund_call_create, programme_plan_load
from .decisions import (
    fund_application_account,
    fund_application_decide,
    fund_application_pay,
    fund_application_start_review,
    payment_key,
    review_submit,
)
from .reports import spending_report_submit

__all__ = [
    "TRANSITIONS",
    "CriterionInput",
    "conflict_of_interest",
    "consortium_member_add",
    "consortium_member_remove",
    "fund_application_account",
    "fund_application_create",
    "fund_application_decide",
    "fund_application_pay",
    "fund_application_start_review",
    "fund_application_submit",
    "fund_application_update",
    "fund_call_create",
    "payment_key",
    "programme_plan_load",
    "review_submit",
    "spending_report_submit",
    "submit_problems",
]
