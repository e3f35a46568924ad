"""Test helpers for fair allocation: rounds and applications made through the services."""

from __future__ import annotations

import datetime as dt
import itertools

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.budgets import services
from doorleren.budgets.models import AllocationRound, GrantRule

from .factories import TODAY, funder, rule

OPENS = TODAY - dt.timedelta(days=5)
CLOSES = TODAY + dt.timedelta(days=5)
AFTER = CLOSES + dt.timedelta(days=1)
_numbers = itertools.count(1)


def programme_office():
    return UserFactory(role=Role.PROGRAMME_OFFICE)


def allocation_round(
    *,
    rule_: GrantRule | None = None,
    money_cents: int = 100_000,
    amount_cents: int = 50_000,
    funded_cents: int = 1_000_000,
    opens_on: dt.date = OPENS,
    closes_on: dt.date = CLOSES,
    **extra,
) -> AllocationRound:
    """An open round (on ``TODAY``) for a rule of ``amount_cents`` whose pool holds ``funded_cents``."""
    return services.allocation_round_create(
        rule=rule_ or rule(funder_=funder(funded_cents=funded_cents), amount_cents=amount_cents),
        name=extra.pop("name", f"Ronde {next(_numbers)}"),
        opens_on=opens_on,
        closes_on=closes_on,
        money_cents=money_cents,
        actor=extra.pop("actor", None),
        today=extra.pop("today", TODAY),
        **extra,
    )


def apply(round_: AllocationRound, resident, **extra):
    return services.budget_application_submit(
        round=round_,
        resident=resident,
        actor=extra.pop("actor", resident),
        today=extra.pop("today", TODAY),
        **extra,
    )


def allocate(round_: AllocationRound, **extra):
    return services.allocation_round_allocate(
        round=round_, actor=extra.pop("actor", None), today=extra.pop("today", AFTER), **extra
    )
