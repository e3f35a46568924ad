"""Place everyone in a closed round, once, with the placement engine (docs/placement.md).

The instance is built from the database here; the engine (``doorleren.engine.placement``) knows no
Django. Learner ids are account numbers, assignment ids the round assignment's number (both as text).
The explanation of each learner is stored as code and parameters, so it is translated when shown.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.audit.services import audit_record
from doorleren.core.errors import ApplicationError
from doorleren.engine.placement import deferred_acceptance, explain, parse_instance, stability_report

from ..models import HostRanking, LearnerChoice, PlacementResult, PlacementRound, RoundState, Team
from ._common import locked_round, require_organiser, require_state
from .choices import host_ranking_default, learner_kind

# Kinds of learner (ResidentProfile.status) per reserved group; "other" for a learner without profile.
STUDENT_KINDS = ["student"]
WORKER_KINDS = ["worker", "job_seeker"]
NO_KIND = "other"


def _reserved(found: PlacementRound, capacity: int) -> list[dict]:
    """The reserved groups of one assignment: students first, then workers and job seekers, each cut
    so together they never exceed the capacity."""
    students = min(found.reserved_students, capacity)
    workers = min(found.reserved_workers, capacity - students)
    groups = []
    if students:
        groups.append({"kinds": STUDENT_KINDS, "seats": students})
    if workers:
        groups.append({"kinds": WORKER_KINDS, "seats": workers})
    return groups


def placement_instance(*, round: PlacementRound) -> dict:
    """The engine's instance for ``round``: every learner with a list, every assignment with its
    capacity, the host's ranking (or every applicant by the tie rule) and the reserved seats."""
    lists: dict[str, list[str]] = {}
    for learner, assignment in (
        LearnerChoice.objects.filter(round=round)
        .order_by("learner_id", "rank")
        .values_list("learner_id", "assignment_id")
    ):
        lists.setdefault(str(learner), []).append(str(assignment))
    assignments: dict[str, dict] = {}
    for assignment in round.assignments.order_by("pk"):
        if assignment.ranked:
            order = list(
                HostRanking.objects.filter(assignment=assignment)
                .order_by("rank")
                .values_list("learner_id", flat=True)
            )
        else:
            order = host_ranking_default(assignment=assignment)
        spec: dict = {
            "capacity": assignment.capacity,
            "ranking": [str(learner) for learner in order if str(learner) in lists],
        }
        reserved = _reserved(round, assignment.capacity)
        if reserved:
            spec["reserved"] = reserved
        assignments[str(assignment.pk)] = spec
    instance: dict = {"learners": lists, "assignments": assignments}
    if round.reserved_students or round.reserved_workers:
        kinds = _kinds(round)
        instance["kinds"] = {learner: kinds.get(int(learner)) or NO_KIND for learner in lists}
    return instance


def _kinds(found: PlacementRound) -> dict[int, str]:
    """Account number → kind of learner, only needed with reserved seats (one profile read each)."""
    if not (found.reserved_students or found.reserved_workers):
        return {}
    learners = set(LearnerChoice.objects.filter(round=found).values_list("learner_id", flat=True))
    users = {user.pk: user for user in get_user_model().objects.filter(pk__in=learners)}
    return {pk: learner_kind(learner=user) for pk, user in users.items()}


@transaction.atomic
def placement_round_allocate(*, round: PlacementRound, actor) -> PlacementRound:
    """Place every learner of a closed round: learner-proposing deferred acceptance with capacities
    (and reserved seats). Refused while open and a second time. The stored matching is checked with
    ``stability_report``: it has zero blocking pairs, or nothing is stored."""
    require_organiser(round=round, actor=actor)
    found = locked_round(round)
    require_state(found, RoundState.CLOSED)
    instance = placement_instance(round=found)
    placement = parse_instance(instance)
    result = deferred_acceptance(placement)
    report = stability_report(placement, result.assignment)
    if any(report.values()):  # cannot happen with a correct engine; never store an unstable matching
        raise ApplicationError(
            _("Het plaatsen gaf geen stabiele uitkomst. Er is niets opgeslagen."), code="unstable", status=500
        )
    explained = explain(placement, result)
    assignment_of = result.assignment.tolist()
    choice_of = result.choice.tolist()
    rows = []
    for index, learner in enumerate(placement.learner_ids):
        item = explained[index]
        placed = assignment_of[index]
        rows.append(
            PlacementResult(
                round=found,
                learner_id=int(learner),
                assignment_id=int(placement.assignment_ids[placed]) if placed >= 0 else None,
                choice=choice_of[index] + 1 if placed >= 0 else None,
                code=item["code"],
                params=item["params"],
                reasons=item["reasons"],
            )
        )
    PlacementResult.objects.bulk_create(rows)
    filled = {row.assignment_id for row in rows if row.assignment_id is not None}
    Team.objects.bulk_create(Team(assignment_id=pk) for pk in sorted(filled))
    found.state = RoundState.ALLOCATED
    found.allocated_at = timezone.now()
    found.blocking_pairs = report["blocking_pairs"]
    found.save(update_fields=["state", "allocated_at", "blocking_pairs", "updated_at"])
    placed = sum(1 for row in rows if row.assignment_id is not None)
    audit_record(
        action="placement.round_allocate",
        subject=found,
        actor=actor,
        data={"learners": len(rows), "placed": placed, "teams": len(filled), **report},
    )
    return found
