"""What the budgets app keeps about one resident, for "Mijn gegevens" (docs/security-privacy.md).

Only the resident's own budgets and applications: amounts in cents, no other person's data (who
granted a budget is named by organisation only, never by person)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import BudgetApplication
from .residents import budgets_of_resident

if TYPE_CHECKING:
    from doorleren.accounts.models import User


def personal_data_for(*, user: User) -> dict:
    """The resident's budgets (granted amount, balance now, dates) and applications in allocation rounds."""
    budgets = [
        {
            "id": budget.pk,
            "funder": budget.rule.funder.name,
            "rule": budget.rule.name,
            "amount_cents": budget.amount_cents,
            "balance_cents": budget.account.balance_cents,
            "valid_from": budget.valid_from,
            "valid_until": budget.valid_until,
            "employer": budget.employer.name if budget.employer else None,
            "granted_at": budget.created_at,
        }
        for budget in budgets_of_resident(resident=user).order_by("created_at", "pk")
    ]
    applications = [
        {
            "round": application.round.name,
            "number": application.number,
            "requested_cents": application.requested_cents,
            "state": application.state,
            "submitted_at": application.submitted_at,
            "decided_at": application.decided_at,
            "position": application.position,
            "points": application.points,
            "facts": application.facts,
        }
        for application in BudgetApplication.objects.filter(resident=user)
        .select_related("round")
        .order_by("submitted_at", "pk")
    ]
    return {"budgets": budgets, "budget_applications": applications}
