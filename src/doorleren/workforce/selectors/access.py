"""Who may do what in the employer's journey (docs/workforce.md, "Wie ziet wat").

- A firm's scan and plans are managed by employer users who are members of that firm.
- An employee is a resident who confirmed an invitation (``RoleHolder`` accepted).
- The firm sees an employee's levels, gap and plan only while that employee has an active consent
  ``share_development_plan`` for that firm (``accounts.selectors.consent_active``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from doorleren.accounts import selectors as accounts_selectors
from doorleren.organisations import selectors as organisations_selectors

if TYPE_CHECKING:
    from doorleren.accounts.models import User
    from doorleren.organisations.models import Organisation

EMPLOYER_ROLE = "employer"  # accounts.Role.EMPLOYER
RESIDENT_ROLE = "resident"  # accounts.Role.RESIDENT
EMPLOYER_KIND = "employer"  # organisations.OrganisationKind.EMPLOYER
# The consent an employee gives the firm to see their levels for the role, the gap and the plan.
SHARE_PURPOSE = "share_development_plan"  # accounts.ConsentPurpose.SHARE_DEVELOPMENT_PLAN


def _active(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def is_employer(*, user) -> bool:
    return _active(user) and accounts_selectors.has_role(user=user, role=EMPLOYER_ROLE)


def is_resident(*, user) -> bool:
    return _active(user) and accounts_selectors.is_resident(user=user)


def employer_organisation_for(*, user) -> Organisation | None:
    """The employer (firm) the logged-in employer user works for, or None. The first by name when
    they work for more than one."""
    if not is_employer(user=user):
        return None
    return organisations_selectors.organisations_for_user(user=user).filter(kind=EMPLOYER_KIND).first()


def may_manage_firm(*, user, organisation: Organisation) -> bool:
    """An employer user who is a member of ``organisation`` (an employer)."""
    return (
        organisation is not None
        and organisation.kind == EMPLOYER_KIND
        and is_employer(user=user)
        and organisations_selectors.membership_exists(user=user, organisation=organisation)
    )


def plan_shared_with(*, employee: User, organisation: Organisation) -> bool:
    """Does ``employee`` share their development plan (and their levels for the role) with the firm?"""
    if employee is None or not employee.is_active:
        return False
    return (
        accounts_selectors.consent_active(resident=employee, organisation=organisation, purpose=SHARE_PURPOSE)
        is not None
    )
