"""Pages of the regional fund (``/fonds/``, docs/fund.md).

Public: the calls and a call. Staff of schools, employers and governments (``rules.APPLICANT_ROLES``)
make, change and submit applications for their organisation and report spending; the programme
office reviews, decides, pays and closes, and sees the figures. Every change is a POST with CSRF
that calls one service. Unknown ids give 404, someone who may not gives 403, and a step the state
machine or a rule does not allow shows the service's Dutch message with its status (400/409).
"""

from .applicants import (
    application_create,
    application_detail,
    application_edit,
    application_submit,
    mine,
    partner_add,
    partner_remove,
    report,
)
from .office import (
    account,
    call_create,
    call_overview,
    decide,
    overview,
    pay,
    review,
    start_review,
)
from .public import call_detail, call_list

__all__ = [
    "account",
    "application_create",
    "application_detail",
    "application_edit",
    "application_submit",
    "call_create",
    "call_detail",
    "call_list",
    "call_overview",
    "decide",
    "mine",
    "overview",
    "partner_add",
    "partner_remove",
    "pay",
    "report",
    "review",
    "start_review",
]
