"""Services of the workforce app (docs/workforce.md): everything that writes.

- ``roles``: roles, their competencies (from the map or by hand), invitations and their answers.
- ``plans``: propose a development plan; the employee agrees or declines.
"""

from .plans import development_plan_agree, development_plan_decline, development_plan_propose
from .roles import (
    company_role_create,
    company_role_delete,
    company_role_update,
    require_manager,
    role_competencies_from_map,
    role_competency_remove,
    role_competency_set,
    role_holder_accept,
    role_holder_invite,
    role_holder_refuse,
    role_holder_remove,
)

__all__ = [
    "company_role_create",
    "company_role_delete",
    "company_role_update",
    "development_plan_agree",
    "development_plan_decline",
    "development_plan_propose",
    "require_manager",
    "role_competencies_from_map",
    "role_competency_remove",
    "role_competency_set",
    "role_holder_accept",
    "role_holder_invite",
    "role_holder_refuse",
    "role_holder_remove",
]

# privacy: erase what the workforce app keeps about one resident (docs/security-privacy.md).
from .personal_data import personal_data_erase  # noqa: E402

__all__ += ["personal_data_erase"]  # noqa: PLE0605
