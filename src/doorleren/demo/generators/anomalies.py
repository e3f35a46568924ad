"""Examples of every signal for coaches (docs/enrolments.md, "Signalen voor coaches"), all through the
services and by the system (``actor=None``: an audit line never goes away and would keep a demo user
from being deleted by ``doorleren demo --reset``).

- Payout accounts: every school of the region gets a made-up IBAN (bank code ``DEMO``, not a real
  bank); the first two schools share one, which is the signal "same bank account".
- One online module of the first school starts any day (its fixed starts are taken away), so
  residents can have started in the past: one resident started 30 days before ``today`` and the
  school confirmed the start but never the attendance; another finished on day one with 1 hour and
  the school was paid; a third finished normally (no signal).
- 20 residents enrol on the day the demo is built for a module of the second school: a burst. (A
  burst is about the day the enrolments were made, so it shows for 30 days after the build.)

Only residents without budgets take part, so no money moves and the demo's budgets and ledger stay
exactly as ``budgets_build`` made them; Anne is never one of them.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from stdnum import iban as stdnum_iban

from doorleren.accounts.models import Role
from doorleren.budgets.models import Budget
from doorleren.enrolments import selectors as enrolments_selectors
from doorleren.enrolments import selectors_anomalies
from doorleren.enrolments import services as enrolments_services
from doorleren.learning import services as learning_services
from doorleren.learning.models import DeliveryMode, Module, PublicationStatus
from doorleren.organisations import services as organisations_services

from ..models import DEMO_EMAIL_DOMAIN
from .context import DemoContext
from .organisations import Organisations

User = get_user_model()

BURST_SIZE = selectors_anomalies.BURST_MIN_PER_DAY  # just enough for a burst
DEMO_BANK = "DEMO"


def demo_iban(number: int) -> str:
    """A valid Dutch IBAN of the made-up bank ``DEMO`` (``NLxxDEMO000000000n``)."""
    bban = f"{DEMO_BANK}{number:010d}"
    return f"NL{stdnum_iban.calc_check_digits('NL00' + bban)}{bban}"


def _residents_without_budgets(count: int) -> list:
    with_budgets = Budget.objects.values("resident_id")
    return list(
        User.objects.filter(role=Role.RESIDENT, is_active=True, email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
        .exclude(username="anne")
        .exclude(pk__in=with_budgets)
        .order_by("pk")[:count]
    )


def _module(school, *, flexible: bool) -> Module | None:
    """A published module of ``school`` with a price and at least 8 hours (online when ``flexible``)."""
    modules = Module.objects.filter(
        provider=school, status=PublicationStatus.PUBLISHED, price_cents__gt=0, hours__gte=8
    ).order_by("pk")
    if flexible:
        modules = modules.filter(mode=DeliveryMode.ONLINE) or modules
    return modules.first()


def _enrol(ctx: DemoContext, resident, module, *, on: dt.date, key: str):
    enrolment = enrolments_services.enrolment_create(
        resident=resident, module=module, start=None, idempotency_key=key, actor=None, on=on
    )
    ctx.counts["enrolments"] += 1
    return enrolment


def anomalies_build(ctx: DemoContext, organisations: Organisations) -> None:
    schools = [organisations.schools[name] for name in sorted(organisations.schools)]
    if len(schools) < 2:  # pragma: no cover - the region has ten schools
        return
    for number, school in enumerate(schools, start=1):
        shared = number == 2  # the second school uses the first school's account
        organisations_services.organisation_iban_set(
            organisation=school,
            iban=demo_iban(1 if shared else number),
            actor=None,
            reason="Demo: rekening voor uitbetaling",
        )
    residents = _residents_without_budgets(3 + BURST_SIZE)
    flexible = _module(schools[0], flexible=True)
    if flexible is not None and len(residents) >= 3:
        # Starts any day from now on (the demo's own starts are taken away), so residents started in the past.
        flexible = learning_services.module_update(module=flexible, starts=[])
        quiet = _enrol(
            ctx, residents[0], flexible, on=ctx.today - dt.timedelta(days=30), key="demo-signaal-1"
        )
        enrolments_services.enrolment_confirm_start(enrolment=quiet, actor=None, reason="Demo: begonnen")
        quick = _enrol(ctx, residents[1], flexible, on=ctx.today, key="demo-signaal-2")
        quick = enrolments_services.enrolment_confirm_start(enrolment=quick, actor=None)
        quick = enrolments_services.enrolment_confirm_attendance(
            enrolment=quick, actor=None, attended_hours=1, reason="Demo: afgerond"
        )
        enrolments_services.enrolment_pay(enrolment=quick, actor=None)
        fine = _enrol(ctx, residents[2], flexible, on=ctx.today - dt.timedelta(days=20), key="demo-signaal-3")
        fine = enrolments_services.enrolment_confirm_start(enrolment=fine, actor=None)
        enrolments_services.enrolment_confirm_attendance(
            enrolment=fine, actor=None, attended_hours=flexible.hours, reason="Demo: afgerond"
        )
    busy = _module(schools[1], flexible=False)
    if busy is not None and len(residents) >= 3 + BURST_SIZE:
        if not enrolments_selectors.module_starts_upcoming(module=busy, on=ctx.today):
            return  # pragma: no cover - demo modules start in the coming year
        for number, resident in enumerate(residents[3 : 3 + BURST_SIZE], start=1):
            _enrol(ctx, resident, busy, on=ctx.today, key=f"demo-piek-{number}")
