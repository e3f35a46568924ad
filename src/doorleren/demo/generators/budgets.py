"""Budgets: the funders of the region, their regulations and the budgets residents got (docs/budgets.md).

Everything goes through ``budgets.services`` (funders, pool funding, rules, grants), so the demo
ledger follows the same rules as real money and reconciles. A handful of objects, plus grants for
a sample of generated residents: the sample is drawn from ``ctx.rng("budgets")`` out of the
residents sorted by username, so the same seed gives the same budgets.

Anne gets five budgets: the regional LLO budget, the municipality Eemsdelta (she lives in
Loppersum), the sector training fund for waste and circular work (Henk's firm is small), a top-up
from Henk's firm and her own development budget (which pays last). The regional rule for basic
digital skills fits her too but is not granted: she sees it under "Dit kunt u nog aanvragen".
Amounts and names are made up for the demo.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Q

from doorleren.budgets import services as budgets_services
from doorleren.budgets.models import (
    Budget,
    Funder,
    FunderKind,
    GrantRule,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
)
from doorleren.core.errors import ApplicationError
from doorleren.fund import selectors as fund_selectors
from doorleren.organisations.models import OrganisationKind
from doorleren.organisations.services import organisation_create
from doorleren.profiles.models import ResidentProfile

from .allocation import allocation_build, allocation_reset
from .context import DemoContext
from .organisations import DEMO_NOTE, EEMSDELTA, Organisations

User = get_user_model()

# How many generated residents get budgets: a tenth of them, at most this many (grants go one by
# one through the service; the ledger overview needs at least 10 per funder to show its figures).
SAMPLE_MAX = 60
SAMPLE_POOL = 2_000  # drawn from the first residents by username
SECTOR_FUND = "Opleidingsfonds Afval en Circulair"
REASON = "Demo: budget voor dit jaar"


def _funder(ctx: DemoContext, *, name: str, kind: str, funded_cents: int, **extra) -> Funder:
    funder = budgets_services.funder_create(name=name, kind=kind, **extra)
    budgets_services.funder_pool_fund(funder=funder, amount_cents=funded_cents, reason=REASON)
    ctx.counts["funders"] += 1
    return funder


def _rule(ctx: DemoContext, *, funder: Funder, start: dt.date, end: dt.date, **fields) -> GrantRule:
    rule = budgets_services.grant_rule_create(funder=funder, valid_from=start, valid_until=end, **fields)
    ctx.counts["grant_rules"] += 1
    return rule


def _grant(ctx: DemoContext, *, rule: GrantRule, resident, employer=None) -> Budget | None:
    try:
        budget = budgets_services.budget_grant(
            rule=rule, resident=resident, actor=None, employer=employer, today=ctx.today
        )
    except ApplicationError:
        return None  # this resident does not fit the rule (or the pool is empty): no budget
    ctx.counts["budgets"] += 1
    return budget


def budgets_build(ctx: DemoContext, organisations: Organisations) -> None:
    """Funders with money in their pools, their rules, Anne's budgets and budgets for a sample of residents."""
    public = organisations.public
    municipalities = ctx.region.municipalities
    start, end = dt.date(ctx.today.year, 1, 1), dt.date(ctx.today.year + 1, 12, 31)
    fund_org = organisation_create(
        kind=OrganisationKind.FUNDER,
        name=SECTOR_FUND,
        municipality=municipalities[EEMSDELTA],
        description=f"Opleidingsfonds van werkgevers in afvalverwerking en hergebruik. {DEMO_NOTE}",
    )
    ctx.organisation_ids.append(fund_org.pk)
    ctx.counts["funder"] += 1

    regional = _funder(
        ctx,
        name="Regionaal LLO-budget Groningen en Noord-Drenthe",
        kind=FunderKind.REGIONAL_LLO,
        funded_cents=250_000_00,
        organisation=public.get("programmabureau"),
        description="Geld van de arbeidsmarktregio voor Leven Lang Ontwikkelen.",
    )
    eemsdelta = _funder(
        ctx,
        name="Gemeente Eemsdelta",
        kind=FunderKind.MUNICIPALITY,
        funded_cents=40_000_00,
        organisation=public.get("gemeente-eemsdelta"),
        municipality=municipalities[EEMSDELTA],
    )
    uwv = _funder(
        ctx,
        name="UWV Groningen",
        kind=FunderKind.UWV,
        funded_cents=150_000_00,
        organisation=public.get("uwv"),
    )
    sector = _funder(
        ctx, name=SECTOR_FUND, kind=FunderKind.SECTOR_FUND, funded_cents=30_000_00, organisation=fund_org
    )
    henk = organisations.henk_company
    employer = _funder(
        ctx, name=henk.name, kind=FunderKind.EMPLOYER, funded_cents=2_000_00, organisation=henk
    )
    own = _funder(
        ctx,
        name="Ontwikkelbudget (experiment in de regio)",
        kind=FunderKind.OWN_BUDGET,
        funded_cents=500_000_00,
        organisation=public.get("npg"),
        description="Het experiment met een ontwikkelbudget uit het regionale plan.",
    )
    # The programme line each rule's money counts for in the reports (docs/budgets.md, "Rapporten").
    lines = {line.code: line for line in fund_selectors.programme_lines()}
    learning, matching, business = (
        lines.get("kwalificerend-onderwijs"),
        lines.get("werving-selectie-matching"),
        lines.get("ondernemen"),
    )
    sectors = [
        ctx.cmap.sectors[code]
        for code in ("afval-circulair", "ict-digitalisering")
        if code in ctx.cmap.sectors
    ]

    regional_rule = _rule(
        ctx,
        funder=regional,
        start=start,
        end=end,
        name="Scholing in de regio",
        description="Voor werkenden en werkzoekenden die verder willen leren, tot en met mbo niveau 4.",
        amount_cents=750_00,
        for_students=False,
        max_education_level="mbo4",
        max_nlqf_level=4,
        programme_line=learning,
    )
    _rule(
        ctx,
        funder=regional,
        start=start,
        end=end,
        name="Digitale basisvaardigheden",
        description="Leren werken met de computer, de telefoon en internet.",
        amount_cents=250_00,
        for_students=False,
        max_education_level="mbo2",
        max_nlqf_level=2,
        order=50,
        programme_line=learning,
    )
    eemsdelta_rule = _rule(
        ctx,
        funder=eemsdelta,
        start=start,
        end=end,
        name="Leren in Eemsdelta",
        description="Voor inwoners van Eemsdelta, in het aardbevingsgebied.",
        amount_cents=500_00,
        municipalities=[municipalities[EEMSDELTA]],
        programme_line=learning,
    )
    uwv_rule = _rule(
        ctx,
        funder=uwv,
        start=start,
        end=end,
        name="Scholing voor werkzoekenden",
        description="Scholing die helpt om werk te vinden.",
        amount_cents=1_500_00,
        for_workers=False,
        for_students=False,
        programme_line=matching,
    )
    sector_rule = _rule(
        ctx,
        funder=sector,
        start=start,
        end=end,
        name="Leren voor afval en hergebruik",
        description="Voor medewerkers van kleine bedrijven in afvalverwerking en hergebruik.",
        amount_cents=600_00,
        for_job_seekers=False,
        for_students=False,
        max_employer_size="small",
        sectors=sectors,
        programme_line=business,
    )
    employer_rule = _rule(
        ctx,
        funder=employer,
        start=start,
        end=end,
        name="Extra leergeld van de werkgever",
        description="Henk betaalt mee aan leren voor zijn medewerkers.",
        amount_cents=400_00,
        for_job_seekers=False,
        for_students=False,
        programme_line=business,
    )
    own_rule = _rule(
        ctx,
        funder=own,
        start=start,
        end=end,
        name="Ontwikkelbudget",
        description="Uw eigen budget om te leren. Het betaalt als laatste mee.",
        amount_cents=1_000_00,
        programme_line=learning,
    )

    anne = User.objects.get(username="anne")
    for rule, works_at in (
        (regional_rule, None),
        (eemsdelta_rule, None),
        (sector_rule, henk),
        (employer_rule, henk),
        (own_rule, None),
    ):
        _grant(ctx, rule=rule, resident=anne, employer=works_at)

    candidates = list(
        ResidentProfile.objects.filter(user__username__startswith="inwoner")
        .order_by("user__username")
        .values_list("user_id", flat=True)[:SAMPLE_POOL]
    )
    rng = ctx.rng("budgets")
    size = min(SAMPLE_MAX, max(1, len(candidates) // 10)) if candidates else 0
    chosen = sorted(rng.sample(candidates, size))
    for resident in User.objects.filter(pk__in=chosen).order_by("username"):
        for rule in (regional_rule, uwv_rule, own_rule):
            _grant(ctx, rule=rule, resident=resident)

    # Fair allocation when money is scarce: a rule with too little money, divided in rounds.
    allocation_build(ctx, funder=regional)


def budgets_reset(*, org_ids: list[int]) -> int:
    """Wipe the ledger of the demo's funders (those of demo organisations): budgets, entries,
    transactions (reversals first), rules, accounts and funders. Returns the number of budgets.

    The only place where ledger rows are deleted: a demo is thrown away whole, never corrected.
    """
    funders = Funder.objects.filter(organisation_id__in=org_ids)
    allocation_reset(funders=funders)  # its applications point at budgets and rules
    accounts = LedgerAccount.objects.filter(funder__in=funders)
    transaction_ids = list(
        LedgerEntry.objects.filter(account__in=accounts).values_list("transaction_id", flat=True).distinct()
    )
    deleted = Budget.objects.filter(Q(rule__funder__in=funders) | Q(account__in=accounts)).delete()[0]
    LedgerEntry.objects.filter(transaction_id__in=transaction_ids).delete()
    LedgerTransaction.objects.filter(pk__in=transaction_ids, reverses__isnull=False).delete()
    LedgerTransaction.objects.filter(pk__in=transaction_ids).delete()
    GrantRule.objects.filter(funder__in=funders).delete()
    accounts.delete()
    funders.delete()
    return deleted
