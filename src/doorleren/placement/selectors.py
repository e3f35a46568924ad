"""Read placement rounds: what a learner can choose and got (with the reasons in plain language),
a host's applicants (names only with consent), the organiser's overview and the workshops page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doorleren.accounts import selectors as accounts_selectors
from doorleren.engine.placement import explanation_text, reason_text
from doorleren.organisations import selectors as organisations_selectors

from .models import (
    CooperativeMember,
    HostRanking,
    LearnerChoice,
    PlacementResult,
    PlacementRound,
    RoundAssignment,
    RoundState,
    Team,
    TeamOutcome,
)
from .services import learner_kind, round_open_to
from .services._common import is_member

# Kinds of learner as the explanations name them ("De plaatsen voor studenten ...").
KIND_LABELS = {
    "student": gettext_lazy("studenten"),
    "worker": gettext_lazy("werkenden"),
    "job_seeker": gettext_lazy("werkzoekenden"),
    "other": gettext_lazy("anderen"),
}


def placement_round_get(*, pk: int) -> PlacementRound | None:
    if not 0 < pk < 2**31:
        return None
    return PlacementRound.objects.select_related("organiser").filter(pk=pk).first()


def placement_rounds() -> QuerySet[PlacementRound]:
    """Every round, newest first, with the number of assignments (public: no persons)."""
    return PlacementRound.objects.select_related("organiser").annotate(n_assignments=Count("assignments"))


def round_is_open_today(*, round: PlacementRound, today: datetime.date | None = None) -> bool:
    day = today or timezone.localdate()
    return round.state == RoundState.OPEN and round.apply_from <= day <= round.apply_until


def rounds_open_to_learner(*, learner, today: datetime.date | None = None) -> list[PlacementRound]:
    """Rounds a learner can choose in now: open, in the period, meant for their kind (status)."""
    kind = learner_kind(learner=learner)
    day = today or timezone.localdate()
    return [
        found
        for found in placement_rounds().filter(
            state=RoundState.OPEN, apply_from__lte=day, apply_until__gte=day
        )
        if round_open_to(round=found, kind=kind)
    ]


def may_choose(*, round: PlacementRound, learner) -> bool:
    return round_is_open_today(round=round) and round_open_to(round=round, kind=learner_kind(learner=learner))


def is_organiser(*, user, round: PlacementRound) -> bool:
    return is_member(user=user, organisation=round.organiser)


def is_host(*, user, assignment: RoundAssignment) -> bool:
    return is_member(user=user, organisation=assignment.opportunity.organisation)


def round_assignments(*, round: PlacementRound) -> QuerySet[RoundAssignment]:
    return (
        RoundAssignment.objects.filter(round=round)
        .select_related("opportunity", "opportunity__organisation", "opportunity__municipality")
        .annotate(
            n_applicants=Count("choices", distinct=True),
            n_placed=Count("results", filter=Q(results__assignment__isnull=False), distinct=True),
        )
        .order_by("opportunity__title", "pk")
    )


def round_assignment_get(*, round: PlacementRound, pk: int) -> RoundAssignment | None:
    if not 0 < pk < 2**31:
        return None
    return round_assignments(round=round).filter(pk=pk).first()


def host_assignments(*, round: PlacementRound, user) -> list[RoundAssignment]:
    """The assignments of this round whose host ``user`` works for."""
    organisations = set(accounts_selectors.user_organisations(user=user).values_list("pk", flat=True))
    return [a for a in round_assignments(round=round) if a.opportunity.organisation_id in organisations]


def learner_choices(*, round: PlacementRound, learner) -> list[LearnerChoice]:
    return list(
        LearnerChoice.objects.filter(round=round, learner=learner)
        .select_related("assignment__opportunity__organisation")
        .order_by("rank")
    )


@dataclass
class ResultView:
    result: PlacementResult
    assignment: RoundAssignment | None
    headline: str
    reasons: list[str] = field(default_factory=list)
    text: str = ""


def _readable(params: dict, titles: dict[str, str]) -> dict:
    """Explanation parameters with the assignment's title and the kinds in words."""
    out = dict(params)
    if "assignment" in out:
        out["assignment"] = titles.get(str(out["assignment"]), str(out["assignment"]))
    if "kinds" in out:
        labels = [str(KIND_LABELS.get(k, k)) for k in str(out["kinds"]).split(", ")]
        out["kinds"] = (
            _("%(some)s of %(last)s") % {"some": ", ".join(labels[:-1]), "last": labels[-1]}
            if len(labels) > 1
            else labels[0]
        )
    return out


def explanation_for_result(*, result: PlacementResult) -> ResultView:
    """The stored code and parameters as sentences in the active language (``explanation_text``)."""
    titles = {
        str(pk): title
        for pk, title in RoundAssignment.objects.filter(round_id=result.round_id).values_list(
            "pk", "opportunity__title"
        )
    }
    explanation = {
        "code": result.code,
        "params": _readable(result.params, titles),
        "reasons": [{**r, "params": _readable(r["params"], titles)} for r in result.reasons],
    }
    return ResultView(
        result=result,
        assignment=result.assignment,
        headline=reason_text(explanation, _),
        reasons=[reason_text(reason, _) for reason in explanation["reasons"]],
        text=explanation_text(explanation, translate=_),
    )


def learner_result(*, round: PlacementRound, learner) -> ResultView | None:
    result = (
        PlacementResult.objects.filter(round=round, learner=learner)
        .select_related("assignment__opportunity__organisation")
        .first()
    )
    return explanation_for_result(result=result) if result is not None else None


@dataclass
class Applicant:
    learner_id: int
    label: str  # the name with consent, otherwise "Sollicitant 3"
    named: bool
    choice: int  # the place the learner gave this assignment
    rank: int | None  # the host's place for them, if ranked
    score: int | None
    kind: str = ""  # with consent only


def applicants_for_host(*, assignment: RoundAssignment, viewer) -> list[Applicant]:
    """Everyone who chose ``assignment``, numbered by account (stable). The host sees a name and kind
    only when the learner gave the host consent (``accounts.selectors.can_view_resident``)."""
    ranked = {r.learner_id: r for r in HostRanking.objects.filter(assignment=assignment)}
    rows = []
    choices = (
        LearnerChoice.objects.filter(assignment=assignment).select_related("learner").order_by("learner_id")
    )
    for number, choice in enumerate(choices, start=1):
        learner = choice.learner
        named = accounts_selectors.can_view_resident(viewer=viewer, resident=learner)
        kind = learner_kind(learner=learner) if named else ""
        ranking = ranked.get(learner.pk)
        rows.append(
            Applicant(
                learner_id=learner.pk,
                label=str(learner) if named else _("Sollicitant %(number)s") % {"number": number},
                named=named,
                choice=choice.rank,
                rank=ranking.rank if ranking else None,
                score=ranking.score if ranking else None,
                kind=str(KIND_LABELS.get(kind, "")) if kind else "",
            )
        )
    return rows


@dataclass
class Overview:
    assignments: list[RoundAssignment]
    seats: int
    learners: int
    placed: int
    unplaced: int
    not_ranked: int
    blocking_pairs: int | None


def round_overview(*, round: PlacementRound) -> Overview:
    """Counts for the organiser: seats, learners with a list, placed and unplaced, assignments whose
    host has not ranked yet, and the blocking pairs found after placing (always 0)."""
    assignments = list(round_assignments(round=round))
    learners = LearnerChoice.objects.filter(round=round).values("learner_id").distinct().count()
    placed = PlacementResult.objects.filter(round=round, assignment__isnull=False).count()
    allocated = round.state == RoundState.ALLOCATED
    return Overview(
        assignments=assignments,
        seats=sum(a.capacity for a in assignments),
        learners=learners,
        placed=placed,
        unplaced=PlacementResult.objects.filter(round=round, assignment__isnull=True).count()
        if allocated
        else 0,
        not_ranked=sum(1 for a in assignments if not a.ranked),
        blocking_pairs=round.blocking_pairs,
    )


@dataclass
class Member:
    learner: object
    label: str
    outcome: TeamOutcome | None
    confirmed: dict[str, int]


def team_get(*, assignment: RoundAssignment) -> Team | None:
    return Team.objects.filter(assignment=assignment).first()


def team_members(*, team: Team, viewer) -> list[Member]:
    outcomes = {
        o.learner_id: o
        for o in TeamOutcome.objects.filter(team=team).prefetch_related("competencies__competency")
    }
    members = []
    results = (
        PlacementResult.objects.filter(assignment=team.assignment)
        .select_related("learner")
        .order_by("learner_id")
    )
    for number, result in enumerate(results, start=1):
        learner = result.learner
        named = accounts_selectors.can_view_resident(viewer=viewer, resident=learner)
        outcome = outcomes.get(learner.pk)
        members.append(
            Member(
                learner=learner,
                label=str(learner) if named else _("Teamlid %(number)s") % {"number": number},
                outcome=outcome,
                confirmed={c.competency.code: c.level for c in outcome.competencies.all()} if outcome else {},
            )
        )
    return members


def assignment_competencies(*, assignment: RoundAssignment) -> list:
    """The competencies the assignment asks for (what the host can confirm), with the level asked."""
    return list(
        assignment.opportunity.competency_requirements.select_related("competency").order_by(
            "competency__label"
        )
    )


@dataclass
class Workshop:
    organisation: object
    members: list
    rounds: int
    assignments: int
    placed: int
    completed: int
    confirmed: int


def workshops_overview() -> list[Workshop]:
    """Innovation workshops and area cooperatives with their member organisations and counts of
    rounds, assignments, placed learners, completed assignments and confirmed competencies."""
    cooperatives = organisations_selectors.organisations_filter(kind="cooperative")
    members: dict[int, list] = {}
    for link in CooperativeMember.objects.select_related("member").order_by("member__name"):
        members.setdefault(link.cooperative_id, []).append(link.member)
    rows = []
    for organisation in cooperatives.order_by("-is_innovation_workshop", "name"):
        rounds = PlacementRound.objects.filter(organiser=organisation)
        rows.append(
            Workshop(
                organisation=organisation,
                members=members.get(organisation.pk, []),
                rounds=rounds.count(),
                assignments=RoundAssignment.objects.filter(round__organiser=organisation).count(),
                placed=PlacementResult.objects.filter(
                    round__organiser=organisation, assignment__isnull=False
                ).count(),
                completed=TeamOutcome.objects.filter(
                    team__assignment__round__organiser=organisation, completed=True
                ).count(),
                confirmed=TeamOutcome.objects.filter(
                    team__assignment__round__organiser=organisation
                ).aggregate(n=Count("competencies"))["n"],
            )
        )
    return rows


# --- organisers: start a round, add assignments, add members (views_organiser.py, api) -------------


def organiser_organisations(*, user) -> QuerySet:
    """The organisations ``user`` works for that may organise a round (``services.rounds.ORGANISER_KINDS``:
    cooperatives and innovation workshops, employers, schools and governments), by name."""
    from .services.rounds import ORGANISER_KINDS

    return (
        accounts_selectors.user_organisations(user=user)
        .filter(kind__in=ORGANISER_KINDS)
        .order_by("name", "id")
    )


def cooperative_get(*, pk: int):
    """A cooperative or innovation workshop, or None (also for another kind of organisation)."""
    if not 0 < pk < 2**31:
        return None
    return organisations_selectors.organisations_all().filter(pk=pk, kind="cooperative").first()


def cooperative_members(*, cooperative) -> list:
    return [
        link.member
        for link in CooperativeMember.objects.filter(cooperative=cooperative)
        .select_related("member", "member__municipality")
        .order_by("member__name", "member_id")
    ]


def member_candidates(*, cooperative, search: str = "") -> QuerySet:
    """Schools, firms and governments that can still join ``cooperative``, by name; ``search`` narrows
    on (part of) the name."""
    from .services.rounds import MEMBER_KINDS

    joined = CooperativeMember.objects.filter(cooperative=cooperative).values("member_id")
    queryset = (
        organisations_selectors.organisations_all()
        .filter(kind__in=MEMBER_KINDS)
        .exclude(pk=cooperative.pk)
        .exclude(pk__in=joined)
    )
    text = (search or "").replace("\x00", "").strip()
    if text:
        queryset = queryset.filter(name__icontains=text)
    return queryset.order_by("name", "id")


def addable_assignments(*, round: PlacementRound) -> QuerySet:
    """Open practical assignments of the organiser or of a member of its cooperative that are not in
    ``round`` yet: the ones ``services.round_assignment_add`` accepts."""
    from doorleren.opportunities import selectors as opportunities_selectors

    from .services.rounds import PRACTICAL_ASSIGNMENT

    hosts = [round.organiser_id] + list(
        CooperativeMember.objects.filter(cooperative_id=round.organiser_id).values_list(
            "member_id", flat=True
        )
    )
    taken = RoundAssignment.objects.filter(round=round).values("opportunity_id")
    return (
        opportunities_selectors.opportunities_search(kind=PRACTICAL_ASSIGNMENT)
        .filter(organisation_id__in=hosts)
        .exclude(pk__in=taken)
        .order_by("organisation__name", "title", "id")
    )


def assignment_opportunity_get(*, pk: int):
    """Any opportunity by number (open or closed), or None; ``services.round_assignment_add`` says
    in Dutch why one cannot be in a round."""
    from doorleren.opportunities import selectors as opportunities_selectors

    if not 0 < pk < 2**31:
        return None
    return opportunities_selectors.opportunity_with_requirements_get(pk=pk)


def is_staff(*, user, organisation) -> bool:
    """Does ``user`` (active, logged in) work for ``organisation``?"""
    return is_member(user=user, organisation=organisation)


# --- privacy (docs/security-privacy.md) ------------------------------------------------------------


def personal_data_for(*, user) -> dict:
    """What placement keeps about ``user``: their choices per round, where they were placed and why
    (codes), and the results recorded by the host of their team."""
    choices = (
        LearnerChoice.objects.filter(learner=user)
        .select_related("round", "assignment__opportunity")
        .order_by("round_id", "rank")
    )
    results = (
        PlacementResult.objects.filter(learner=user)
        .select_related("round", "assignment__opportunity")
        .order_by("round_id")
    )
    outcomes = (
        TeamOutcome.objects.filter(learner=user)
        .select_related("team__assignment__opportunity")
        .prefetch_related("competencies__competency")
        .order_by("created_at", "pk")
    )
    return {
        "placement_choices": [
            {"round": c.round.name, "rank": c.rank, "assignment": str(c.assignment.opportunity)}
            for c in choices
        ],
        "placement_results": [
            {
                "round": r.round.name,
                "assignment": str(r.assignment.opportunity) if r.assignment else None,
                "choice": r.choice,
                "code": r.code,
            }
            for r in results
        ],
        "team_outcomes": [
            {
                "assignment": str(o.team.assignment.opportunity),
                "completed": o.completed,
                "recorded_at": o.updated_at,
                "competencies": [
                    {"code": c.competency.code, "label": c.competency.label, "level": c.level}
                    for c in o.competencies.all()
                ],
            }
            for o in outcomes
        ],
    }
