"""The programme plan and calls: ``programme_plan_load`` and ``fund_call_create``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.apps import apps
from django.db import transaction
from django.utils.translation import gettext as _

from doorleren.audit.services import audit_record
from doorleren.core.errors import ApplicationError

from ..models import (
    CRITERION_SCORE_MAX,
    CRITERION_WEIGHT_MAX,
    TEXT_MAX,
    TITLE_MAX,
    CallCriterion,
    FundCall,
    Indicator,
    ProgrammeLine,
)
from ..plan import plan_apply
from ._checks import amount_check, date_check, programme_office_check, text_check

if TYPE_CHECKING:
    from doorleren.accounts.models import User
    from doorleren.budgets.models import Funder

CRITERIA_MAX = 10


@dataclass(frozen=True)
class CriterionInput:
    name: str
    weight: int
    max_score: int
    description: str = ""


def programme_plan_load() -> dict[str, int]:
    """Create or update the plan's programme lines and indicators (``plan.py``). Safe to repeat."""
    with transaction.atomic():
        return plan_apply(get_model=lambda name: apps.get_model("fund", name))


def _criteria_check(criteria: Sequence[CriterionInput]) -> list[CriterionInput]:
    if not criteria:
        raise ApplicationError(
            _("Geef minstens één punt waarop de aanvragen worden beoordeeld."),
            code="fund_call_criteria_missing",
            extra={"field": "criteria"},
        )
    if len(criteria) > CRITERIA_MAX:
        raise ApplicationError(
            _("Geef hoogstens %(max)d beoordelingspunten.") % {"max": CRITERIA_MAX},
            code="fund_call_criteria_too_many",
            extra={"field": "criteria"},
        )
    checked, names = [], set()
    for criterion in criteria:
        name = text_check(
            criterion.name, field="criteria", max_length=TITLE_MAX, required=True, code="fund_criterion_name"
        )
        if name.casefold() in names:
            raise ApplicationError(
                _("Het beoordelingspunt ‘%(name)s’ staat er twee keer in.") % {"name": name},
                code="fund_criterion_name_twice",
                extra={"field": "criteria"},
            )
        names.add(name.casefold())
        for value, maximum in (
            (criterion.weight, CRITERION_WEIGHT_MAX),
            (criterion.max_score, CRITERION_SCORE_MAX),
        ):
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
                raise ApplicationError(
                    _("Het gewicht is 1 tot en met %(weight)d, de hoogste score 1 tot en met %(score)d.")
                    % {"weight": CRITERION_WEIGHT_MAX, "score": CRITERION_SCORE_MAX},
                    code="fund_criterion_number_invalid",
                    extra={"field": "criteria"},
                )
        description = text_check(
            criterion.description,
            field="criteria",
            max_length=TEXT_MAX,
            required=False,
            code="fund_criterion_description",
        )
        checked.append(CriterionInput(name, criterion.weight, criterion.max_score, description))
    return checked


def fund_call_create(
    *,
    actor: User | None,
    funder: Funder,
    title: str,
    programme_line: ProgrammeLine,
    indicators: Sequence[Indicator],
    ceiling_cents: int,
    max_per_application_cents: int,
    opens_on: dt.date,
    closes_on: dt.date,
    criteria: Sequence[CriterionInput],
    description: str = "",
) -> FundCall:
    """A call for applications of ``funder`` for one programme line, with its criteria.

    The programme office makes calls (``actor`` None is the system, e.g. the demo). The indicators
    are the programme line's; the maximum per application is at most the ceiling; the call closes
    on or after the day it opens.
    """
    if actor is not None:
        programme_office_check(actor)
    title = text_check(title, field="title", max_length=TITLE_MAX, required=True, code="fund_call_title")
    description = text_check(
        description, field="description", max_length=TEXT_MAX, required=False, code="fund_call_description"
    )
    ceiling_cents = amount_check(ceiling_cents, field="ceiling", code="fund_call_ceiling")
    max_per_application_cents = amount_check(
        max_per_application_cents, field="max_per_application", code="fund_call_max_per_application"
    )
    if max_per_application_cents > ceiling_cents:
        raise ApplicationError(
            _("Het bedrag per aanvraag kan niet hoger zijn dan het plafond van de oproep."),
            code="fund_call_max_above_ceiling",
            extra={"field": "max_per_application"},
        )
    opens_on = date_check(opens_on, field="opens_on", code="fund_call_opens_on")
    closes_on = date_check(closes_on, field="closes_on", code="fund_call_closes_on")
    if closes_on < opens_on:
        raise ApplicationError(
            _("De oproep moet sluiten op of na de dag dat hij opent."),
            code="fund_call_closes_before_opening",
            extra={"field": "closes_on"},
        )
    indicators = list(dict.fromkeys(indicators))
    if not indicators:
        raise ApplicationError(
            _("Kies minstens één indicator waar de oproep aan bijdraagt."),
            code="fund_call_indicators_missing",
            extra={"field": "indicators"},
        )
    if any(indicator.programme_line_id != programme_line.pk for indicator in indicators):
        raise ApplicationError(
            _("Kies alleen indicatoren van de programmalijn %(line)s.") % {"line": programme_line.name},
            code="fund_call_indicator_other_line",
            extra={"field": "indicators"},
        )
    criteria = _criteria_check(criteria)
    with transaction.atomic():
        call = FundCall.objects.create(
            funder=funder,
            title=title,
            description=description,
            programme_line=programme_line,
            ceiling_cents=ceiling_cents,
            max_per_application_cents=max_per_application_cents,
            opens_on=opens_on,
            closes_on=closes_on,
            created_by=actor,
        )
        call.indicators.set(indicators)
        CallCriterion.objects.bulk_create(
            [
                CallCriterion(
                    call=call,
                    name=criterion.name,
                    description=criterion.description,
                    weight=criterion.weight,
                    max_score=criterion.max_score,
                    position=position,
                )
                for position, criterion in enumerate(criteria, start=1)
            ]
        )
        audit_record(
            action="fund.call_create",
            subject=call,
            actor=actor,
            reason=title,
            data={
                "funder_id": funder.pk,
                "programme_line": programme_line.code,
                "indicators": [indicator.code for indicator in indicators],
                "ceiling_cents": ceiling_cents,
                "max_per_application_cents": max_per_application_cents,
                "opens_on": opens_on.isoformat(),
                "closes_on": closes_on.isoformat(),
                "criteria": len(criteria),
            },
        )
    return call
