"""Checks the placement services share: who acts for which organisation, and Dutch refusals."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError
from doorleren.organisations import selectors as organisations_selectors

from ..models import PlacementRound, RoundState


def is_member(*, user, organisation) -> bool:
    """Is ``user`` an active, logged-in member of ``organisation``?"""
    return (
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and organisations_selectors.membership_exists(user=user, organisation=organisation)
    )


def require_organiser(*, round: PlacementRound, actor) -> None:
    """``actor`` None is the system (the demo, commands); a person must work for the organiser."""
    if actor is None:
        return
    if not is_member(user=actor, organisation=round.organiser):
        raise ApplicationError(
            _("Alleen medewerkers van %(organiser)s kunnen deze ronde beheren.")
            % {"organiser": round.organiser.name},
            code="not_organiser",
            status=403,
        )


def require_host(*, organisation, actor) -> None:
    if actor is None:
        return
    if not is_member(user=actor, organisation=organisation):
        raise ApplicationError(
            _("Alleen medewerkers van %(host)s kunnen dit doen voor deze opdracht.")
            % {"host": organisation.name},
            code="not_host",
            status=403,
        )


def locked_round(round: PlacementRound) -> PlacementRound:
    """The round again, locked for this transaction (closing, choosing and placing wait for each other)."""
    return PlacementRound.objects.select_for_update().select_related("organiser").get(pk=round.pk)


def require_state(round: PlacementRound, *states: str) -> None:
    if round.state in states:
        return
    messages = {
        RoundState.OPEN: _("Deze ronde is nog open. Sluit de ronde eerst."),
        RoundState.CLOSED: _("Deze ronde is gesloten. Kiezen kan niet meer."),
        RoundState.ALLOCATED: _("In deze ronde is iedereen al geplaatst. Dat kan maar één keer."),
    }
    raise ApplicationError(messages[round.state], code=f"round_{round.state}", status=409)


def today_or(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()
