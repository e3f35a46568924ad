"""Practical assignments at the innovation workshop in Eemsdelta (Loppersum), through
``placement.services`` (docs/placement.md, "In het platform").

The workshop (Innovatiewerkplaats Circulair Eemsdelta) has members: Henk's company, a school, the
municipality and the firms whose assignments are in its round. Its spring round had three practical
assignments the opportunities generator made (the workshop's own first), one seat per team kept for a
worker or job seeker, and 12 learners (Anne first, then residents of Eemsdelta). Two hosts ranked by
score, the third left it to the tie rule; the round is closed and placed (zero blocking pairs), and the
host of one team recorded its outcome: completed, competencies confirmed (profile evidence).
Everything is done by the system (``actor=None``), as in the other demo generators.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db.models import Q

from doorleren.accounts.models import Consent
from doorleren.opportunities.models import Opportunity
from doorleren.placement import services as placement_services
from doorleren.placement.models import PlacementResult, PlacementRound, Team

from .context import DemoContext
from .organisations import Organisations

User = get_user_model()
WORKSHOP = "werkplaats-circulair"
MEMBERS = ("gemeente-eemsdelta",)
EEMSDELTA = "GM1979"
LEARNERS = 12
ASSIGNMENTS = 3


def _learners(ctx: DemoContext) -> list:
    """Anne first, then residents of Eemsdelta, then others (a small demo has few there), by account."""
    residents = User.objects.filter(resident_profile__isnull=False).exclude(username="anne")
    near = list(residents.filter(resident_profile__municipality__code=EEMSDELTA).order_by("pk")[:LEARNERS])
    far = list(residents.exclude(pk__in=[u.pk for u in near]).order_by("pk")[:LEARNERS])
    anne = list(User.objects.filter(username="anne", resident_profile__isnull=False))
    return (anne + near + far)[:LEARNERS]


def placement_build(ctx: DemoContext, organisations: Organisations) -> None:
    workshop = organisations.public.get(WORKSHOP)
    if workshop is None:  # pragma: no cover - the schools data always has it
        return
    rng = random.Random(ctx.seed * 7919 + 5)
    company = organisations.henk_company
    members = [company, *(organisations.public[key] for key in MEMBERS if key in organisations.public)]
    members.append(organisations.schools[sorted(organisations.schools)[0]])
    for member in members:
        placement_services.cooperative_member_add(cooperative=workshop, member=member, actor=None)
    chosen = _assignments(workshop)
    if not chosen:  # a demo without practical assignments
        return
    consents_before = Consent.objects.count()
    today = ctx.today
    found = placement_services.placement_round_create(
        organiser=workshop,
        actor=None,
        name="Praktijkopdrachten voorjaar in Loppersum",
        description="Drie opdrachten over afval en digitalisering, in teams van lerenden.",
        apply_from=today - dt.timedelta(days=40),
        apply_until=today - dt.timedelta(days=20),
        reserved_workers=1,
    )
    assignments = []
    for opportunity in chosen:
        if opportunity.organisation_id != workshop.pk:
            placement_services.cooperative_member_add(
                cooperative=workshop, member=opportunity.organisation, actor=None
            )
        assignments.append(
            placement_services.round_assignment_add(round=found, opportunity=opportunity, actor=None)
        )
    learners = _learners(ctx)
    for learner in learners:
        wanted = rng.sample(assignments, k=rng.randint(1, len(assignments)))
        placement_services.learner_choices_set(
            round=found,
            learner=learner,
            assignment_ids=[a.pk for a in wanted],
            actor=None,
            today=today - dt.timedelta(days=30),
        )
    for assignment in assignments[:2]:  # two hosts score; the third leaves it to the tie rule
        applicants = assignment.choices.values_list("learner_id", flat=True)
        placement_services.host_ranking_set(
            assignment=assignment, actor=None, scores={pk: rng.randint(4, 10) for pk in applicants}
        )
    placement_services.placement_round_close(round=found, actor=None)
    found = placement_services.placement_round_allocate(round=found, actor=None)
    ctx.counts["consents"] += Consent.objects.count() - consents_before  # applying gives the host consent
    ctx.counts["placement_rounds"] += 1
    ctx.counts["placement_learners"] += len(learners)
    team = Team.objects.filter(assignment__round=found).order_by("assignment_id").first()
    if team is not None:
        for result in PlacementResult.objects.filter(assignment=team.assignment).order_by("learner_id"):
            placement_services.team_outcome_record(
                team=team,
                learner=result.learner,
                actor=None,
                completed=True,
                competencies={
                    requirement.competency.code: requirement.level
                    for requirement in team.assignment.opportunity.competency_requirements.all()
                },
            )


def _assignments(workshop) -> list:
    """Three open practical assignments for the round: the workshop's own first, then those of
    employers (the other workshops cannot be members), by number. The demo's opportunities generator
    made them, so the numbers of opportunities asked for stay exact."""
    candidates = Opportunity.objects.filter(kind="practical_assignment", status="open").filter(
        Q(organisation=workshop) | Q(organisation__kind="employer")
    )
    own = list(candidates.filter(organisation=workshop).order_by("pk")[:ASSIGNMENTS])
    others = list(candidates.exclude(organisation=workshop).order_by("pk")[: ASSIGNMENTS - len(own)])
    return own + others


def placement_reset(*, org_ids: list[int]) -> int:
    """Wipe the demo's rounds (organised by, or with assignments of, demo organisations) before the
    opportunities and organisations they point at. Returns the number of rounds."""
    rounds = PlacementRound.objects.filter(organiser_id__in=org_ids) | PlacementRound.objects.filter(
        assignments__opportunity__organisation_id__in=org_ids
    )
    ids = list(rounds.values_list("pk", flat=True).distinct())
    PlacementResult.objects.filter(round_id__in=ids).delete()
    PlacementRound.objects.filter(pk__in=ids).delete()
    return len(ids)
