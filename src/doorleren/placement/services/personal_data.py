"""Erase what placement keeps about one resident when they delete their account
(docs/security-privacy.md)."""

from __future__ import annotations

from django.db import transaction

from ..models import HostRanking, LearnerChoice, RoundState, TeamOutcome


@transaction.atomic
def personal_data_erase(*, user) -> dict[str, int]:
    """Delete ``user``'s choices and the hosts' rankings of them in rounds not placed yet (as if they
    withdrew), and the results hosts recorded about them (completed, competencies seen). In rounds
    already placed the choices and the placement stay, pointing at the pseudonymised account: the
    other learners' placements and explanations rest on them. Returns rows per model."""
    counts: dict[str, int] = {}
    for queryset in (
        LearnerChoice.objects.filter(learner=user).exclude(round__state=RoundState.ALLOCATED),
        HostRanking.objects.filter(learner=user).exclude(assignment__round__state=RoundState.ALLOCATED),
        TeamOutcome.objects.filter(learner=user),
    ):
        _total, per_model = queryset.delete()
        for label, count in per_model.items():
            counts[label] = counts.get(label, 0) + count
    return dict(sorted(counts.items()))
