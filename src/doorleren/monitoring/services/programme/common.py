"""Checks shared by the programme's services: who may write, and the plain checks of what came in
(texts, whole numbers, amounts, dates, years, periods), each refusing with a Dutch message, a code
and the field it is about."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError

from ...models import MAX_AMOUNT_CENTS, REASON_MAX
from ...selectors import programme as selectors

if TYPE_CHECKING:
    from doorleren.accounts.models import User

# Who may change the programme: Role values (accounts.models.Role).
PROGRAMME_ROLES = selectors.PROGRAMME_ROLES
CODE_MAX = 60
UNIT_MAX = 40
YEAR_MIN, YEAR_MAX = 2000, 2100
RESULT_VALUE_MAX = 10**9
# More than this many partners, municipalities or grant rules is a mistake, not a measure.
MANY_MAX = 100


def _forbidden() -> ApplicationError:
    return ApplicationError(
        _("Alleen het programmabureau en beheerders mogen het programma wijzigen."),
        code="monitoring_forbidden",
        status=403,
    )


def may_change_programme(user: User | None) -> bool:
    """Is ``user`` an active member of the programme office, or an administrator?"""
    return selectors.may_see_programme(user=user)


def _actor_check(actor: User | None) -> None:
    """The programme office or an administrator; ``None`` is the system (the demo), never a page."""
    if actor is not None and not may_change_programme(actor):
        raise _forbidden()


def _error(message: str, code: str, field: str | None = None, status: int = 400) -> ApplicationError:
    return ApplicationError(message, code=code, status=status, extra={"field": field} if field else None)


def _text(value: object, *, field: str, max_length: int, required: bool, code: str) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or "\x00" in value or len(value) > max_length:
        raise _error(
            _("Deze tekst is te lang of bevat tekens die niet mogen. Gebruik hoogstens %(max)d tekens.")
            % {"max": max_length},
            f"{code}_invalid",
            field,
        )
    value = value.strip()
    if required and not value:
        raise _error(_("Vul dit in."), f"{code}_empty", field)
    return value


def _reason(value: object, *, required: bool, code: str) -> str:
    if required and (not isinstance(value, str) or not value.strip()):
        raise _error(_("Schrijf op waarom u dit wijzigt."), f"{code}_reason_missing", "reason")
    return _text(value, field="reason", max_length=REASON_MAX, required=required, code=f"{code}_reason")


def _whole(value: object, *, field: str, code: str, minimum: int, maximum: int, message: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise _error(message, f"{code}_invalid", field)
    return value


def _amount(value: object, *, field: str, code: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _error(_("Het bedrag moet een heel aantal centen zijn."), f"{code}_not_whole", field)
    if value < 0:
        raise _error(_("Het bedrag kan niet onder 0 zijn."), f"{code}_negative", field)
    if value > MAX_AMOUNT_CENTS:
        raise _error(
            _("Het bedrag is te hoog. Kijk of u het goed heeft ingetypt."), f"{code}_too_high", field
        )
    return value


def _date(value: object, *, field: str, code: str, required: bool = True) -> dt.date | None:
    if value is None and not required:
        return None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise _error(_("Vul een datum in."), f"{code}_invalid", field)
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        raise _error(
            _("Kies een datum tussen %(min)s en %(max)s.") % {"min": YEAR_MIN, "max": YEAR_MAX},
            f"{code}_out_of_range",
            field,
        )
    return value


def _year(value: object, *, field: str, code: str) -> int:
    return _whole(
        value,
        field=field,
        code=code,
        minimum=YEAR_MIN,
        maximum=YEAR_MAX,
        message=_("Vul een jaar in van %(min)s tot en met %(max)s.") % {"min": YEAR_MIN, "max": YEAR_MAX},
    )


def _period_check(starts_on: dt.date, ends_on: dt.date | None, *, code: str) -> None:
    if ends_on is not None and ends_on < starts_on:
        raise _error(
            _("De einddatum moet op of na de begindatum liggen."), f"{code}_ends_before_start", "ends_on"
        )
