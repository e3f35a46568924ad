"""What learners choose and how hosts rank their applicants.

Tie rule (docs/placement.md, "In het platform"): when a host gives scores, a higher score comes first;
equal scores go to the learner who put the assignment higher on their own list, then to the lower
account number. A host who did not rank at all takes every applicant in that same order.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from doorleren.accounts import services as accounts_services
from doorleren.accounts.selectors import is_resident
from doorleren.audit.services import audit_record
from doorleren.core.errors import ApplicationError
from doorleren.profiles import selectors as profiles_selectors

from ..models import MAX_CHOICES, HostRanking, LearnerChoice, PlacementRound, RoundAssignment, RoundState
from ._common import locked_round, require_host, require_state, today_or

SCORE_MIN, SCORE_MAX = 1, 10
VIEW_PROFILE = "view_profile"
# The round's flag for each kind of learner (ResidentProfile.status).
KIND_FLAGS = {"student": "for_students", "worker": "for_workers", "job_seeker": "for_job_seekers"}


def learner_kind(*, learner) -> str:
    """The kind of learner (student, worker, job_seeker) from their profile; "" without a profile."""
    profile = profiles_selectors.profile_for_user(user=learner)
    return profile.status if profile is not None else ""


def round_open_to(*, round: PlacementRound, kind: str) -> bool:
    flag = KIND_FLAGS.get(kind)
    return flag is not None and getattr(round, flag)


def _check_ids(values: Sequence, what: str) -> list[int]:
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Sequence):
        raise ApplicationError(_("Stuur een lijst met nummers."), code="list_invalid")
    ids = []
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**31:
            raise ApplicationError(_("Stuur een lijst met nummers."), code="list_invalid")
        ids.append(value)
    if len(set(ids)) != len(ids):
        raise ApplicationError(what, code="duplicate_in_list")
    return ids


def choices_from_ranks(*, ranks: Mapping[int, int]) -> list[int]:
    """Assignment id → the place the learner gave it (1 = most wanted) as a list, best first. Two
    assignments with the same place are refused; gaps do not matter."""
    if len(set(ranks.values())) != len(ranks):
        raise ApplicationError(
            _("U gaf twee opdrachten dezelfde plaats. Geef elke opdracht een eigen plaats."),
            code="duplicate_rank",
        )
    return [assignment for assignment, _rank in sorted(ranks.items(), key=lambda item: item[1])]


@transaction.atomic
def learner_choices_set(
    *,
    round: PlacementRound,
    learner,
    assignment_ids: Sequence[int],
    actor,
    today: datetime.date | None = None,
) -> list[LearnerChoice]:
    """Replace the learner's list (best first, at most 10; empty withdraws). Only while the round is
    open, only open assignments of this round. Applying lets each host see the learner's profile: a
    consent (view_profile) to each host is recorded; the learner can revoke it on the consent page.
    ``actor`` is the learner themself, or None for the system (the demo)."""
    if actor is not None and actor.pk != learner.pk:
        raise ApplicationError(_("U kunt alleen uw eigen keuzes maken."), code="not_own_choices", status=403)
    ids = _check_ids(assignment_ids, _("Een opdracht staat twee keer op uw lijst."))
    if not is_resident(user=learner):
        raise ApplicationError(_("Alleen inwoners kunnen kiezen."), code="not_resident", status=403)
    if len(ids) > MAX_CHOICES:
        raise ApplicationError(
            _("Kies hoogstens %(max)s opdrachten.") % {"max": MAX_CHOICES}, code="too_many_choices"
        )
    found = locked_round(round)
    require_state(found, RoundState.OPEN)
    day = today_or(today)
    if not found.apply_from <= day <= found.apply_until:
        raise ApplicationError(
            _("U kunt kiezen van %(start)s tot en met %(end)s.")
            % {"start": found.apply_from.strftime("%d-%m-%Y"), "end": found.apply_until.strftime("%d-%m-%Y")},
            code="round_not_open_today",
            status=409,
        )
    kind = learner_kind(learner=learner)
    if not kind:
        raise ApplicationError(
            _("Vul eerst uw profiel in. Dan weten wij of u werkt, werk zoekt of studeert."),
            code="profile_missing",
        )
    if not round_open_to(round=found, kind=kind):
        raise ApplicationError(_("Deze ronde is niet voor u bedoeld."), code="kind_not_allowed", status=403)
    assignments = {
        a.pk: a
        for a in RoundAssignment.objects.filter(round=found, pk__in=ids).select_related(
            "opportunity__organisation"
        )
    }
    for assignment_id in ids:
        assignment = assignments.get(assignment_id)
        if assignment is None:
            raise ApplicationError(
                _("Opdracht %(id)s hoort niet bij deze ronde.") % {"id": assignment_id},
                code="assignment_unknown",
            )
        if assignment.opportunity.status != "open":
            raise ApplicationError(
                _("%(title)s is gesloten. Kies een andere opdracht.")
                % {"title": assignment.opportunity.title},
                code="assignment_closed",
            )
    LearnerChoice.objects.filter(round=found, learner=learner).delete()
    made = LearnerChoice.objects.bulk_create(
        LearnerChoice(round=found, learner=learner, assignment=assignments[a], rank=rank)
        for rank, a in enumerate(ids, start=1)
    )
    hosts = {assignments[a].opportunity.organisation_id: assignments[a].opportunity.organisation for a in ids}
    for host in hosts.values():
        accounts_services.consent_grant(resident=learner, organisation=host, purpose=VIEW_PROFILE)
    audit_record(
        action="placement.choices_set",
        subject=found,
        actor=actor,
        data={"assignments": ids, "hosts_consented": sorted(hosts)},
    )
    return made


def _applicant_order(assignment: RoundAssignment) -> dict[int, tuple[int, int]]:
    """Applicant id → (their own place for this assignment, id): the tie rule."""
    return {
        learner: (rank, learner)
        for learner, rank in LearnerChoice.objects.filter(assignment=assignment).values_list(
            "learner_id", "rank"
        )
    }


@transaction.atomic
def host_ranking_set(
    *,
    assignment: RoundAssignment,
    actor,
    ranking: Sequence[int] | None = None,
    scores: Mapping[int, int] | None = None,
) -> list[HostRanking]:
    """The host's list of applicants for ``assignment``, best first: either ``ranking`` (learner ids)
    or ``scores`` (learner id → 1 to 10, higher is better; ties by the tie rule). Applicants left out
    get no place at this assignment. Only the host's staff, only applicants, until the placing."""
    if (ranking is None) == (scores is None):
        raise ApplicationError(_("Stuur een rangorde of scores, niet allebei."), code="ranking_or_scores")
    require_host(organisation=assignment.opportunity.organisation, actor=actor)
    found = locked_round(assignment.round)
    require_state(found, RoundState.OPEN, RoundState.CLOSED)
    applicants = _applicant_order(assignment)
    given: dict[int, int | None]
    if ranking is not None:
        ids = _check_ids(ranking, _("Een sollicitant staat twee keer op de lijst."))
        given = dict.fromkeys(ids)
    else:
        if not isinstance(scores, Mapping):
            raise ApplicationError(_("Stuur per sollicitant een score."), code="scores_invalid")
        given = {}
        for learner, score in scores.items():
            if isinstance(score, bool) or not isinstance(score, int) or not SCORE_MIN <= score <= SCORE_MAX:
                raise ApplicationError(
                    _("Geef een score van %(min)s tot en met %(max)s.")
                    % {"min": SCORE_MIN, "max": SCORE_MAX},
                    code="score_invalid",
                )
            given[_check_ids([learner], "")[0]] = score
        ids = sorted(given, key=lambda learner: (-given[learner], *applicants.get(learner, (0, learner))))
    for number, learner in enumerate(ids, start=1):
        if learner not in applicants:
            raise ApplicationError(
                _("Nummer %(number)s op uw lijst heeft niet op deze opdracht gesolliciteerd.")
                % {"number": number},
                code="not_applicant",
            )
    HostRanking.objects.filter(assignment=assignment).delete()
    made = HostRanking.objects.bulk_create(
        HostRanking(assignment=assignment, learner_id=learner, rank=rank, score=given[learner])
        for rank, learner in enumerate(ids, start=1)
    )
    RoundAssignment.objects.filter(pk=assignment.pk).update(ranked=True)
    assignment.ranked = True
    audit_record(
        action="placement.ranking_set",
        subject=assignment,
        actor=actor,
        data={"ranked": len(ids), "applicants": len(applicants), "scores": scores is not None},
    )
    return made


def host_ranking_default(*, assignment: RoundAssignment) -> list[int]:
    """The order used when the host did not rank: every applicant by the tie rule."""
    applicants = _applicant_order(assignment)
    return sorted(applicants, key=lambda learner: applicants[learner])
