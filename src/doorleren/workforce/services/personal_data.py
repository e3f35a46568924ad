"""Erase what the workforce app keeps about one resident when they delete their account
(docs/security-privacy.md)."""

from __future__ import annotations

from django.db import transaction

from ..models import DevelopmentPlan, RoleHolder


@transaction.atomic
def personal_data_erase(*, user) -> dict[str, int]:
    """Delete ``user``'s development plans (items and their funding snapshot go with them) and their
    places in the firms' roles, also open invitations to their e-mail address. A plan is a snapshot of
    figures, not a booking: the ledger is untouched. Returns rows per model."""
    counts: dict[str, int] = {}
    for queryset in (
        DevelopmentPlan.objects.filter(employee=user),
        RoleHolder.objects.filter(employee=user),
        RoleHolder.objects.filter(employee__isnull=True, email__iexact=user.email) if user.email else None,
    ):
        if queryset is None:
            continue
        _total, per_model = queryset.delete()
        for label, count in per_model.items():
            counts[label] = counts.get(label, 0) + count
    return dict(sorted(counts.items()))
