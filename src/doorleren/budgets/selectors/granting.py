"""What a coach or an employer may grant, and to whom (docs/budgets.md, "Een budget toekennen").

A coach (leerwerkloket, UWV, municipality) grants the rules that do not depend on an employer, to
residents who gave the coach's organisation consent. An employer user grants only the rules of
their own firm (its top-up), to residents who gave that firm consent. ``budget_grant`` checks the
same again when the money moves; these selectors decide what the page and the API offer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from doorleren.accounts import selectors as accounts_selectors
from doorleren.profiles import selectors as profiles_selectors

from .eligibility import rule_employer
from .residents import ResidentBudgets, RuleView, budgets_for_resident, rules_available_for
from .split import ID_MAX

if TYPE_CHECKING:
    from doorleren.accounts.models import User

# Who may grant budgets at all.
GRANT_ROLES = ("coach", "employer")
SEARCH_MAX = 100


def may_grant_budgets(*, user) -> bool:
    """Is ``user`` a coach or an employer user (the roles that grant budgets)?"""
    return any(accounts_selectors.has_role(user=user, role=role) for role in GRANT_ROLES)


def residents_for_granting(*, actor: User, search: str = "") -> QuerySet[User]:
    """The residents ``actor`` may grant to: those who gave ``actor``'s organisation consent,
    optionally filtered on (part of) a name. Empty for anyone who may not grant."""
    if not may_grant_budgets(user=actor):
        return accounts_selectors.residents_visible_to(viewer=None)
    residents = accounts_selectors.residents_visible_to(viewer=actor)
    for word in search.split()[:5]:
        residents = residents.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(username__icontains=word)
        )
    return residents


def _rule_is_for(actor: User, view: RuleView, own: set[int]) -> bool:
    employer = rule_employer(rule=view.rule)
    if accounts_selectors.has_role(user=actor, role="coach"):
        return employer is None
    return view.rule.funder.organisation_id is not None and view.rule.funder.organisation_id in own


@dataclass(frozen=True)
class GrantChoice:
    """A resident as ``actor`` sees them for granting: their budgets and the rules ``actor`` may grant."""

    resident: User
    budgets: ResidentBudgets
    rules: tuple[RuleView, ...]
    has_profile: bool


def grant_choice(*, actor: User, resident: User, on: dt.date) -> GrantChoice | None:
    """``None`` when ``actor`` may not grant to ``resident`` (no consent, wrong role). Otherwise the
    resident's budgets and the rules ``actor`` may grant them today: valid, fitting the resident,
    not granted before, money left in the pool, not divided in allocation rounds."""
    if not may_grant_budgets(user=actor) or not accounts_selectors.can_view_resident(
        viewer=actor, resident=resident
    ):
        return None
    profile = profiles_selectors.profile_for_user(user=resident)
    own = set(accounts_selectors.user_organisations(user=actor).values_list("pk", flat=True))
    rules = tuple(
        view
        for view in rules_available_for(resident=resident, profile=profile, on=on)
        if _rule_is_for(actor, view, own)
    )
    return GrantChoice(
        resident=resident,
        budgets=budgets_for_resident(resident=resident, on=on),
        rules=rules,
        has_profile=profile is not None,
    )


def grant_choice_for_id(*, actor: User, resident_id: int, on: dt.date) -> GrantChoice | None:
    """``grant_choice`` for the resident with this id; ``None`` also for an id out of range, an
    unknown id or a user who is not a resident (the page and the API answer 404 alike)."""
    if not 1 <= resident_id <= ID_MAX:
        return None
    resident = accounts_selectors.resident_get(user_id=resident_id)
    return None if resident is None else grant_choice(actor=actor, resident=resident, on=on)
