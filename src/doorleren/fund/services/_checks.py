"""Checks every fund service shares: texts, amounts, dates, who may act, and the state machine."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from doorleren.accounts import selectors as accounts_selectors
from doorleren.core.errors import ApplicationError
from doorleren.organisations import selectors as organisations_selectors

from ..models import MAX_AMOUNT_CENTS, MAX_INDICATOR_VALUE, ApplicationState, FundApplication
from ..rules import APPLICANT_ROLES, PROGRAMME_OFFICE_ROLE

if TYPE_CHECKING:
    from doorleren.accounts.models import User
    from doorleren.organisations.models import Organisation

# The state machine of an application: from each state, the states it may go to. Anything else is
# refused with a Dutch message (409). docs/fund.md draws it.
TRANSITIONS: dict[str, frozenset[str]] = {
    ApplicationState.DRAFT: frozenset({ApplicationState.SUBMITTED}),
    ApplicationState.SUBMITTED: frozenset({ApplicationState.IN_REVIEW}),
    ApplicationState.IN_REVIEW: frozenset({ApplicationState.GRANTED, ApplicationState.REJECTED}),
    ApplicationState.GRANTED: frozenset({ApplicationState.PAID}),
    ApplicationState.REJECTED: frozenset(),
    ApplicationState.PAID: frozenset({ApplicationState.ACCOUNTED_FOR}),
    ApplicationState.ACCOUNTED_FOR: frozenset(),
}


def state_label(state: str) -> str:
    return str(ApplicationState(state).label) if state in ApplicationState.values else state


def transition_check(application: FundApplication, to: str) -> None:
    """Refuse (409) a step the state machine does not allow from the application's current state."""
    if to not in TRANSITIONS.get(application.state, frozenset()):
        raise ApplicationError(
            _("Dit kan nu niet. De aanvraag heeft de status ‘%(state)s’.")
            % {"state": state_label(application.state)},
            code="fund_application_state",
            status=409,
            extra={"state": application.state, "to": to},
        )


def draft_check(application: FundApplication) -> None:
    if application.state != ApplicationState.DRAFT:
        raise ApplicationError(
            _("U kunt de aanvraag alleen veranderen zolang het een concept is. De status is nu ‘%(state)s’.")
            % {"state": state_label(application.state)},
            code="fund_application_not_draft",
            status=409,
            extra={"state": application.state},
        )


def text_check(value: object, *, field: str, max_length: int, required: bool, code: str) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or "\x00" in value or len(value) > max_length:
        raise ApplicationError(
            _("Deze tekst is te lang of bevat tekens die niet mogen. Gebruik hoogstens %(max)d tekens.")
            % {"max": max_length},
            code=f"{code}_invalid",
            extra={"field": field},
        )
    value = value.strip()
    if required and not value:
        raise ApplicationError(_("Vul dit in."), code=f"{code}_empty", extra={"field": field})
    return value


def amount_check(value: object, *, field: str, code: str, allow_zero: bool = False) -> int:
    """A whole number of cents from 1 (or 0) to 10^12."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ApplicationError(
            _("Het bedrag moet een heel aantal centen zijn."),
            code=f"{code}_not_whole",
            extra={"field": field},
        )
    if value < 0 or (value == 0 and not allow_zero):
        raise ApplicationError(
            _("Het bedrag moet meer dan 0 zijn.")
            if not allow_zero
            else _("Het bedrag kan niet onder 0 zijn."),
            code=f"{code}_not_positive",
            extra={"field": field},
        )
    if value > MAX_AMOUNT_CENTS:
        raise ApplicationError(
            _("Het bedrag is te hoog. Kijk of u het goed heeft ingetypt."),
            code=f"{code}_too_high",
            extra={"field": field},
        )
    return value


def indicator_value_check(value: object, *, field: str, code: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= MAX_INDICATOR_VALUE:
        raise ApplicationError(
            _("Vul een heel getal in van %(min)s tot en met %(max)s.")
            % {"min": minimum, "max": MAX_INDICATOR_VALUE},
            code=f"{code}_invalid",
            extra={"field": field},
        )
    return value


def date_check(value: object, *, field: str, code: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ApplicationError(_("Vul een datum in."), code=f"{code}_invalid", extra={"field": field})
    return value


def reason_check(value: object, *, max_length: int, code: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ApplicationError(
            _("Schrijf op waarom u dit besluit."), code=f"{code}_reason_missing", extra={"field": "reason"}
        )
    return text_check(value, field="reason", max_length=max_length, required=True, code=f"{code}_reason")


def forbidden(message: str, *, code: str = "fund_forbidden") -> ApplicationError:
    return ApplicationError(message, code=code, status=403)


def is_programme_office(user: User | None) -> bool:
    return accounts_selectors.has_role(user=user, role=PROGRAMME_OFFICE_ROLE) and user.is_active


def programme_office_check(actor: User | None) -> None:
    """The programme office, or the system (``actor`` None: the demo, an import; never a page)."""
    if actor is not None and not is_programme_office(actor):
        raise forbidden(_("Alleen het programmabureau mag dit doen."))


def is_applicant_for(user: User | None, organisation: Organisation) -> bool:
    """May ``user`` act for ``organisation`` in the fund? A member of it, with an applicant role."""
    return (
        user is not None
        and any(accounts_selectors.has_role(user=user, role=role) for role in APPLICANT_ROLES)
        and user.is_active
        and organisations_selectors.membership_exists(user=user, organisation=organisation)
    )


def lead_check(actor: User | None, application: FundApplication) -> None:
    """Staff of the lead organisation, or the system (``actor`` None)."""
    if actor is not None and not is_applicant_for(actor, application.lead_organisation):
        raise forbidden(
            _("Alleen medewerkers van de penvoerder (%(name)s) mogen dit doen.")
            % {"name": application.lead_organisation.name}
        )


def conflict_of_interest(user: User | None, application: FundApplication) -> bool:
    """Is ``user`` a member of one of the consortium's organisations?"""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    own = set(organisations_selectors.organisations_for_user(user=user).values_list("pk", flat=True))
    return any(pk in own for pk in application.members.values_list("organisation_id", flat=True))


def conflict_check(actor: User | None, application: FundApplication) -> None:
    if actor is not None and conflict_of_interest(actor, application):
        raise forbidden(
            _(
                "U werkt voor een organisatie in dit samenwerkingsverband. Daarom mag u deze aanvraag "
                "niet beoordelen en er niet over besluiten."
            ),
            code="fund_conflict_of_interest",
        )
