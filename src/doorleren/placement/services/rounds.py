"""Rounds, their assignments and the members of a cooperative."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from doorleren.audit.services import audit_record
from doorleren.core.errors import ApplicationError

from ..models import CAPACITY_MAX, NAME_MAX, CooperativeMember, PlacementRound, RoundAssignment, RoundState
from ._common import locked_round, require_host, require_organiser, require_state

ORGANISER_KINDS = ("cooperative", "employer", "school", "government")
MEMBER_KINDS = ("school", "employer", "government")
PRACTICAL_ASSIGNMENT = "practical_assignment"


@transaction.atomic
def cooperative_member_add(*, cooperative, member, actor) -> CooperativeMember:
    """``member`` (a school, firm or government) joins ``cooperative`` (an innovation workshop or
    gebiedscoöperatie). Its practical assignments can then be in the cooperative's rounds."""
    if cooperative.kind != "cooperative":
        raise ApplicationError(
            _("%(name)s is geen coöperatie of innovatiewerkplaats.") % {"name": cooperative.name},
            code="not_cooperative",
        )
    if member.kind not in MEMBER_KINDS:
        raise ApplicationError(
            _("Alleen scholen, bedrijven en overheden kunnen lid worden."), code="member_kind_invalid"
        )
    require_host(organisation=cooperative, actor=actor)
    found, created = CooperativeMember.objects.get_or_create(cooperative=cooperative, member=member)
    if created:
        audit_record(
            action="placement.cooperative_member_add", subject=found, actor=actor, data={"member": member.pk}
        )
    return found


@transaction.atomic
def placement_round_create(
    *,
    organiser,
    actor,
    name: str,
    apply_from: datetime.date,
    apply_until: datetime.date,
    description: str = "",
    for_students: bool = True,
    for_workers: bool = True,
    for_job_seekers: bool = True,
    reserved_students: int = 0,
    reserved_workers: int = 0,
) -> PlacementRound:
    """Open a round. ``reserved_*``: seats per team kept for students and for workers or job seekers
    (soft: a seat nobody of that kind can take goes to someone else)."""
    if organiser.kind not in ORGANISER_KINDS:
        raise ApplicationError(
            _("%(name)s kan geen praktijkopdrachten verdelen.") % {"name": organiser.name},
            code="organiser_kind_invalid",
        )
    name = (name or "").strip()
    if not name or len(name) > NAME_MAX:
        raise ApplicationError(
            _("Geef de ronde een naam van hoogstens %(max)s tekens.") % {"max": NAME_MAX}, code="name_invalid"
        )
    if apply_until < apply_from:
        raise ApplicationError(_("Het einde kan niet voor het begin liggen."), code="dates_invalid")
    if not (for_students or for_workers or for_job_seekers):
        raise ApplicationError(_("Kies voor wie de ronde is."), code="kinds_empty")
    for seats in (reserved_students, reserved_workers):
        if isinstance(seats, bool) or not isinstance(seats, int) or not 0 <= seats <= CAPACITY_MAX:
            raise ApplicationError(
                _("Vul een aantal plaatsen in van 0 tot en met %(max)s.") % {"max": CAPACITY_MAX},
                code="reserved_invalid",
            )
    found = PlacementRound(
        organiser=organiser,
        name=name,
        description=(description or "").strip(),
        apply_from=apply_from,
        apply_until=apply_until,
        for_students=for_students,
        for_workers=for_workers,
        for_job_seekers=for_job_seekers,
        reserved_students=reserved_students,
        reserved_workers=reserved_workers,
    )
    require_organiser(round=found, actor=actor)
    found.save()
    audit_record(action="placement.round_create", subject=found, actor=actor, data={"name": name})
    return found


@transaction.atomic
def placement_round_close(*, round: PlacementRound, actor) -> PlacementRound:
    """Stop choosing. Hosts can still rank their applicants until the organiser places everyone."""
    require_organiser(round=round, actor=actor)
    found = locked_round(round)
    require_state(found, RoundState.OPEN)
    found.state = RoundState.CLOSED
    found.save(update_fields=["state", "updated_at"])
    audit_record(action="placement.round_close", subject=found, actor=actor)
    return found


def _may_host_in(found: PlacementRound, organisation) -> bool:
    if organisation.pk == found.organiser_id:
        return True
    return CooperativeMember.objects.filter(cooperative_id=found.organiser_id, member=organisation).exists()


@transaction.atomic
def round_assignment_add(
    *, round: PlacementRound, opportunity, actor, capacity: int | None = None
) -> RoundAssignment:
    """Put an open practical assignment of the organiser, or of a member of the organiser's
    cooperative, in an open round. ``capacity`` defaults to the team size."""
    require_organiser(round=round, actor=actor)
    found = locked_round(round)
    require_state(found, RoundState.OPEN)
    if opportunity.kind != PRACTICAL_ASSIGNMENT or opportunity.status != "open":
        raise ApplicationError(
            _("Alleen een open praktijkopdracht kan in een ronde."), code="not_practical_assignment"
        )
    if not _may_host_in(found, opportunity.organisation):
        raise ApplicationError(
            _("Deze opdracht is niet van %(organiser)s of van een lid ervan.")
            % {"organiser": found.organiser.name},
            code="host_not_member",
        )
    if capacity is None:
        capacity = opportunity.team_size or 1
    if isinstance(capacity, bool) or not isinstance(capacity, int) or not 1 <= capacity <= CAPACITY_MAX:
        raise ApplicationError(
            _("Vul een aantal plaatsen in van 1 tot en met %(max)s.") % {"max": CAPACITY_MAX},
            code="capacity_invalid",
        )
    try:
        with transaction.atomic():
            added = RoundAssignment.objects.create(round=found, opportunity=opportunity, capacity=capacity)
    except IntegrityError:
        raise ApplicationError(
            _("Deze opdracht staat al in de ronde."), code="assignment_duplicate", status=409
        ) from None
    audit_record(
        action="placement.assignment_add",
        subject=added,
        actor=actor,
        data={"round": found.pk, "opportunity": opportunity.pk, "capacity": capacity},
    )
    return added
