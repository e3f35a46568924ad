"""Selectors of the workforce app (the employer's journey, docs/workforce.md): everything that reads.

- ``access``: who may manage a firm's scan, and whether an employee shares their plan with the firm.
- ``scan``: roles, holders, competencies now and in 3-5 years (the rule), the gap per employee.
- ``plans``: plans per employee and for the whole firm.
"""

from .access import (
    SHARE_PURPOSE,
    employer_organisation_for,
    is_employer,
    is_resident,
    may_manage_firm,
    plan_shared_with,
)
from .plans import (
    CURRENT_STATES,
    FirmPlan,
    FirmPlanRow,
    Payer,
    firm_plan,
    plan_for_employee,
    plan_for_manager,
    plan_is_shared,
    plan_payers,
    plans_for_employee,
    plans_for_organisation,
)
from .scan import (
    Gap,
    GapRow,
    MapNeed,
    competency_by_code,
    employee_gap,
    gap_for_employee,
    holder_for_manager,
    invitation_for_resident,
    invitations_for_resident,
    map_proposal,
    regional_occupation_by_code,
    role_for_manager,
    role_needs,
    roles_for_organisation,
    roles_of_employee,
)

__all__ = [
    "CURRENT_STATES",
    "SHARE_PURPOSE",
    "FirmPlan",
    "FirmPlanRow",
    "Gap",
    "GapRow",
    "MapNeed",
    "Payer",
    "competency_by_code",
    "employee_gap",
    "employer_organisation_for",
    "firm_plan",
    "gap_for_employee",
    "holder_for_manager",
    "invitation_for_resident",
    "invitations_for_resident",
    "is_employer",
    "is_resident",
    "map_proposal",
    "may_manage_firm",
    "plan_for_employee",
    "plan_for_manager",
    "plan_is_shared",
    "plan_payers",
    "plan_shared_with",
    "plans_for_employee",
    "plans_for_organisation",
    "regional_occupation_by_code",
    "role_for_manager",
    "role_needs",
    "roles_for_organisation",
    "roles_of_employee",
]

# privacy: what the workforce app keeps about one resident (docs/security-privacy.md).
from .personal_data import personal_data_for  # noqa: E402

__all__ += ["personal_data_for"]  # noqa: PLE0605
