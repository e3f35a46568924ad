"""Fair allocation in the demo (docs/budgets.md, "Schaars geld eerlijk verdelen").

A regional rule with too little money, and two rounds for it, all through ``budgets.services``:

- "Voorjaarsronde": its period is over and the money is allocated among a sample of generated
  residents; the public page shows the anonymous ranking and the seed to check the lottery.
- "Najaarsronde": open now; some generated residents applied. Anne did not yet, so she can (she
  would get 1 point: she lives in Loppersum, in the earthquake area).

Applications are made by the system (``actor=None``): an audit line never goes away and would keep
a demo user from being deleted by ``doorleren demo --reset``.

The rounds' seeds are derived from the demo seed (the system may fix a seed; people never can), so
the same demo seed gives the same ranking. Residents are drawn with ``ctx.rng("allocation")``.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.contrib.auth import get_user_model

from doorleren.budgets import services as budgets_services
from doorleren.budgets.models import AllocationRound, BudgetApplication, Funder, GrantRule
from doorleren.core.errors import ApplicationError
from doorleren.fund import selectors as fund_selectors
from doorleren.profiles.models import ResidentProfile

from .context import DemoContext

User = get_user_model()

RULE_NAME = "Scholing bij weinig geld"
RULE_AMOUNT_CENTS = 500_00
SPRING_APPLICANTS = 40  # at most; fewer in a small demo
AUTUMN_APPLICANTS = 15


def _seed(ctx: DemoContext, name: str) -> str:
    return hashlib.sha256(f"doorleren-demo:{ctx.seed}:allocation:{name}".encode()).hexdigest()[:32]


def _apply(ctx: DemoContext, round_: AllocationRound, residents, *, today: dt.date) -> None:
    rng = ctx.rng(f"allocation:{round_.name}")
    for resident in residents:
        try:
            budgets_services.budget_application_submit(
                round=round_,
                resident=resident,
                actor=None,
                risk_of_job_loss=rng.random() < 0.15,
                today=today,
            )
        except ApplicationError:
            continue  # does not fit the rule: no application
        ctx.counts["budget_applications"] += 1


def allocation_build(ctx: DemoContext, *, funder: Funder) -> None:
    """The scarce rule of ``funder``, an allocated round (with Anne) and an open round."""
    today = ctx.today
    rule = budgets_services.grant_rule_create(
        funder=funder,
        name=RULE_NAME,
        description="Er is minder geld dan er aanvragen zijn. Daarom verdelen wij het eerlijk, in rondes.",
        amount_cents=RULE_AMOUNT_CENTS,
        valid_from=today - dt.timedelta(days=90),
        valid_until=today + dt.timedelta(days=365),
        programme_line=fund_selectors.programme_lines().filter(code="kwalificerend-onderwijs").first(),
    )
    ctx.counts["grant_rules"] += 1
    spring_open = today - dt.timedelta(days=60)
    spring = budgets_services.allocation_round_create(
        rule=rule,
        name="Voorjaarsronde",
        description="Geld voor scholing. Er is geld voor ongeveer één op de vier aanvragen.",
        opens_on=spring_open,
        closes_on=today - dt.timedelta(days=30),
        money_cents=10 * RULE_AMOUNT_CENTS,
        actor=None,
        today=spring_open,
        seed=_seed(ctx, "Voorjaarsronde"),
    )
    autumn = budgets_services.allocation_round_create(
        rule=rule,
        name="Najaarsronde",
        description="Geld voor scholing. Vraag aan voor de einddatum; vroeg aanvragen geeft geen voorrang.",
        opens_on=today - dt.timedelta(days=7),
        closes_on=today + dt.timedelta(days=21),
        money_cents=12 * RULE_AMOUNT_CENTS,
        actor=None,
        today=today - dt.timedelta(days=7),
        seed=_seed(ctx, "Najaarsronde"),
    )
    ctx.counts["allocation_rounds"] += 2

    candidates = list(
        ResidentProfile.objects.filter(user__username__startswith="inwoner")
        .order_by("user__username")
        .values_list("user_id", flat=True)[:2_000]
    )
    rng = ctx.rng("allocation")
    drawn = rng.sample(candidates, min(len(candidates), SPRING_APPLICANTS + AUTUMN_APPLICANTS))
    spring_ids, autumn_ids = sorted(drawn[:SPRING_APPLICANTS]), sorted(drawn[SPRING_APPLICANTS:])
    spring_people = User.objects.filter(pk__in=spring_ids).order_by("username")
    _apply(ctx, spring, spring_people, today=spring_open + dt.timedelta(days=10))
    _apply(ctx, autumn, User.objects.filter(pk__in=autumn_ids).order_by("username"), today=today)
    done = budgets_services.allocation_round_allocate(round=spring, actor=None, today=today)
    ctx.counts["budgets"] += done.applications.filter(budget__isnull=False).count()


def allocation_reset(*, funders) -> None:
    """Throw away the demo's rounds and applications (before its budgets and rules are deleted)."""
    rounds = AllocationRound.objects.filter(rule__in=GrantRule.objects.filter(funder__in=funders))
    BudgetApplication.objects.filter(round__in=rounds).delete()
    rounds.delete()
