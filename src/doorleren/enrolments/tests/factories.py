"""Test helpers for enrolments: a resident with budgets, a module with a start, the provider's staff.

Money and enrolments go through the services, so the helpers follow the same rules as the app.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from doorleren.accounts import services as accounts_services
from doorleren.accounts.tests.factories import UserFactory
from doorleren.budgets.models import FunderKind
from doorleren.budgets.tests.factories import TODAY, funder, grant, resident, rule
from doorleren.enrolments import services
from doorleren.learning.models import ModuleStart
from doorleren.learning.tests.factories import ModuleFactory
from doorleren.organisations.tests.factories import GovernmentFactory, MembershipFactory
from doorleren.region.tests.factories import municipality

START = TODAY + dt.timedelta(days=30)
_keys = itertools.count(1)


def key() -> str:
    return f"sleutel-{next(_keys)}"


def module(*, price_cents: int = 45_000, hours: int = 40, start: dt.date | None = START, **extra):
    """A published module at a school, with one start (``start``; None: no fixed starts)."""
    made = ModuleFactory(price_cents=price_cents, hours=hours, **extra)
    if start is not None:
        ModuleStart.objects.create(module=made, start_date=start, seats=12)
    return made


def provider_member(module_, *, role: str = "school"):
    """A user of ``role`` who is a member of the module's provider."""
    user = UserFactory(role=role)
    MembershipFactory(user=user, organisation=module_.provider)
    return user


def coach_for(resident_):
    """A coach at a leerwerkloket the resident gave consent to."""
    desk = GovernmentFactory()
    coach = UserFactory(role="coach")
    MembershipFactory(user=coach, organisation=desk)
    accounts_services.consent_grant(resident=resident_, organisation=desk, purpose="view_profile")
    return coach


@dataclass
class Setting:
    resident: object
    budgets: list = field(default_factory=list)


def resident_with_budgets(*amounts: int, kinds: tuple[str, ...] = (), today: dt.date = TODAY) -> Setting:
    """A resident with one budget per amount (in cents), each from its own funder. ``kinds``: the
    funders' kinds in the same order (default UWV). The budgets run from 30 days before ``today`` to a
    year after it (pages use the real date: pass ``today=timezone.localdate()`` there)."""
    person = resident()
    setting = Setting(resident=person)
    for n, amount in enumerate(amounts):
        kind = kinds[n] if n < len(kinds) else FunderKind.UWV
        extra = {}
        if kind == FunderKind.MUNICIPALITY:
            extra["municipality"] = municipality("GM0014")
        money = funder(kind=kind, funded_cents=max(amount, 1) * 2, **extra)
        setting.budgets.append(
            grant(rule_=rule(funder_=money, amount_cents=amount, order=10 + n), resident_=person)
        )
    return setting


def enrol(setting_or_resident, module_, **extra):
    person = getattr(setting_or_resident, "resident", setting_or_resident)
    extra.setdefault("start", None)
    extra.setdefault("idempotency_key", key())
    extra.setdefault("actor", person)
    extra.setdefault("on", TODAY)
    return services.enrolment_create(resident=person, module=module_, **extra)
