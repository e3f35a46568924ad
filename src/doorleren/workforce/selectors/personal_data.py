"""What the workforce app keeps about one resident, for "Mijn gegevens" (docs/security-privacy.md)."""

from __future__ import annotations

from ..models import DevelopmentPlan, RoleHolder


def personal_data_for(*, user) -> dict:
    """The roles ``user`` holds or was invited to (by account or by e-mail address) and every
    development plan made for them, in any state, with its modules and who pays (cents)."""
    holders = RoleHolder.objects.filter(employee=user).select_related("role__organisation")
    if user.email:
        holders = holders | RoleHolder.objects.filter(employee__isnull=True, email__iexact=user.email)
    plans = (
        DevelopmentPlan.objects.filter(employee=user)
        .select_related("organisation")
        .prefetch_related("items__funding")
        .order_by("created_at", "pk")
    )
    return {
        "roles": [
            {
                "organisation": holder.role.organisation.name,
                "role": holder.role.title,
                "email": holder.email,
                "state": holder.state,
                "since": holder.since,
                "responded_at": holder.responded_at,
            }
            for holder in holders.select_related("role__organisation").order_by("created_at", "pk")
        ],
        "development_plans": [
            {
                "organisation": plan.organisation.name,
                "role": plan.role_title,
                "state": plan.state,
                "hours_per_week": plan.hours_per_week,
                "start_date": plan.start_date,
                "end_date": plan.end_date,
                "total_hours": plan.total_hours,
                "total_cents": plan.total_cents,
                "covered_cents": plan.covered_cents,
                "own_contribution_cents": plan.own_contribution_cents,
                "proposed_at": plan.proposed_at,
                "decided_at": plan.decided_at,
                "decline_reason": plan.decline_reason,
                "items": [
                    {
                        "module": item.module_title,
                        "provider": item.provider_name,
                        "start_date": item.start_date,
                        "end_date": item.end_date,
                        "hours": item.hours,
                        "price_cents": item.price_cents,
                        "funding": [
                            {
                                "funder": line.funder_name,
                                "rule": line.rule_name,
                                "amount_cents": line.amount_cents,
                            }
                            for line in item.funding.all()
                        ],
                    }
                    for item in sorted(plan.items.all(), key=lambda i: i.position)
                ],
            }
            for plan in plans
        ],
    }
