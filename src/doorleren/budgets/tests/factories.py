"""Test helpers for budgets: funders, rules and budgets made through the services, so they follow the rules.

Residents and organisations come from their own apps' factories.
"""

from __future__ import annotations

import datetime as dt
import itertools

from doorleren.budgets import services
from doorleren.budgets.models import AccountKind, Funder, FunderKind, GrantRule, LedgerAccount
from doorleren.profiles.tests.factories import ResidentProfileFactory

TODAY = dt.date(2026, 3, 2)
_numbers = itertools.count(1)


def funder(
    *, kind: str = FunderKind.REGIONAL_LLO, funded_cents: int = 1_000_000, name: str = "", **extra
) -> Funder:
    """A funder whose pool holds ``funded_cents``."""
    made = services.funder_create(name=name or f"Financier {next(_numbers)}", kind=kind, **extra)
    if funded_cents:
        services.funder_pool_fund(funder=made, amount_cents=funded_cents, reason="Startbedrag")
    return made


def rule(
    *,
    funder_: Funder | None = None,
    amount_cents: int = 50_000,
    valid_from: dt.date = TODAY - dt.timedelta(days=30),
    valid_until: dt.date = TODAY + dt.timedelta(days=365),
    name: str = "",
    **extra,
) -> GrantRule:
    return services.grant_rule_create(
        funder=funder_ or funder(),
        name=name or f"Regeling {next(_numbers)}",
        amount_cents=amount_cents,
        valid_from=valid_from,
        valid_until=valid_until,
        **extra,
    )


def resident(**profile):
    """A resident user with a profile (job seeker in Groningen unless told otherwise)."""
    return ResidentProfileFactory(**profile).user


def grant(*, rule_: GrantRule, resident_, **extra):
    return services.budget_grant(
        rule=rule_, resident=resident_, actor=None, today=extra.pop("today", TODAY), **extra
    )


def account(funder_: Funder, kind: str) -> LedgerAccount:
    return LedgerAccount.objects.get(funder=funder_, kind=kind)


def pool(funder_: Funder) -> LedgerAccount:
    return account(funder_, AccountKind.FUNDER_POOL)


def external(funder_: Funder) -> LedgerAccount:
    return account(funder_, AccountKind.EXTERNAL)
