"""The regional fund in the demo (docs/fund.md), all through ``fund.services`` and ``budgets.services``.

- The fund is the regional LLO budget of the programme office (made by ``budgets_build``); its pool
  pays the grants. The demo moves no money: the programme office pays a granted application.
- An open call for programme line 2 (Kwalificerend onderwijs): Henk's firm has a draft with
  Noorderpoort (Henk can submit it), and an application of a school with an employer is in review
  with one review (``programmabureau`` can give the second).
- A closed call for programme line 5 (Inclusieve arbeidsmarkt) with three applications: two granted
  (not paid yet) and one rejected.

Everything is done by the system (``actor=None``): an audit line never goes away and would keep a
demo user from being deleted by ``doorleren demo --reset``. Reviews name the two demo programme
office users as reviewers. Titles and amounts are made up.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from doorleren.budgets import services as budgets_services
from doorleren.budgets.models import Funder, FunderKind
from doorleren.fund import selectors as fund_selectors
from doorleren.fund import services as fund_services
from doorleren.fund.models import (
    ApplicationTarget,
    CallCriterion,
    ConsortiumMember,
    FundApplication,
    FundCall,
    IndicatorResult,
    Review,
    ReviewScore,
    SpendingReport,
)
from doorleren.organisations.models import Organisation

from .context import DemoContext
from .organisations import Organisations

User = get_user_model()

FUND_NAME = "Regionaal fonds Werken aan ontwikkeling"
FUND_CENTS = 250_000_00
REVIEWERS = ("programmabureau", "programmabureau02")
CRITERIA = [
    fund_services.CriterionInput("Bereik onder werkenden en werkzoekenden", 3, 5),
    fund_services.CriterionInput("Samenwerking tussen scholen en werkgevers", 2, 5),
    fund_services.CriterionInput("Blijft het bestaan na het project?", 1, 5),
]


def _employer(organisations: Organisations, sector: str, index: int) -> Organisation:
    specs = organisations.employers_by_sector.get(sector) or organisations.employers
    spec = specs[index % len(specs)]
    return Organisation.objects.get(pk=spec.id)


def _application(ctx, *, call, lead, partners, title, summary, requested_cents, targets, today):
    application = fund_services.fund_application_create(
        actor=None,
        call=call,
        lead_organisation=lead,
        title=title,
        summary=summary,
        requested_cents=requested_cents,
        targets=targets,
        today=today,
    )
    for partner in partners:
        fund_services.consortium_member_add(actor=None, application=application, organisation=partner)
    ctx.counts["fund_applications"] += 1
    return application


def _review(application, reviewer, scores: list[int]) -> None:
    criteria = list(application.call.criteria.order_by("position"))
    fund_services.review_submit(
        actor=None,
        application=application,
        reviewer=reviewer,
        scores={criterion.pk: score for criterion, score in zip(criteria, scores, strict=True)},
        comment="Demo: beoordeling.",
    )


def _in_review(application, *, today):
    application = fund_services.fund_application_submit(actor=None, application=application, today=today)
    return fund_services.fund_application_start_review(actor=None, application=application)


def fund_build(ctx: DemoContext, organisations: Organisations) -> None:
    """The fund, an open and a closed call, and applications in several states."""
    today = ctx.today
    public = organisations.public
    schools = [organisations.schools[name] for name in sorted(organisations.schools)]
    reviewers = [User.objects.get(username=name) for name in REVIEWERS]
    # The fund is the regional LLO budget's money (``budgets_build`` made that funder). The demo moves
    # no money for the fund: the programme office pays a granted application itself.
    money = (
        Funder.objects.filter(kind=FunderKind.REGIONAL_LLO, organisation=public.get("programmabureau"))
        .order_by("pk")
        .first()
    )
    if money is None:  # pragma: no cover - budgets_build always makes it
        money = budgets_services.funder_create(name=FUND_NAME, kind=FunderKind.REGIONAL_LLO)
        budgets_services.funder_pool_fund(
            funder=money, amount_cents=FUND_CENTS, reason="Demo: regionaal fonds"
        )
        ctx.counts["funders"] += 1
    lines = {line.code: line for line in fund_selectors.programme_lines()}

    # --- the open call: programme line 2
    learning = lines["kwalificerend-onderwijs"]
    open_call = fund_services.fund_call_create(
        actor=None,
        funder=money,
        title="Leren op de werkvloer",
        description=(
            "Voor scholen en werkgevers die samen modules maken en geven op de werkvloer, voor werkenden "
            "en werkzoekenden."
        ),
        programme_line=learning,
        indicators=list(learning.indicators.all()),
        ceiling_cents=400_000_00,
        max_per_application_cents=80_000_00,
        opens_on=today - dt.timedelta(days=20),
        closes_on=today + dt.timedelta(days=60),
        criteria=CRITERIA,
    )
    ctx.counts["fund_calls"] += 1
    modules, certificates = (
        learning.indicators.get(code="deelnemers-modules"),
        learning.indicators.get(code="certificaten-behaald"),
    )
    noorderpoort = organisations.schools.get("Noorderpoort") or schools[0]
    _application(
        ctx,
        call=open_call,
        lead=organisations.henk_company,
        partners=[noorderpoort],
        title="Digitaal wegen en sorteren leren",
        summary="Medewerkers van kleine afvalbedrijven leren werken met weegsystemen en sorteersensoren.",
        requested_cents=45_000_00,
        targets={modules: 30, certificates: 20},
        today=today,
    )
    care = _application(
        ctx,
        call=open_call,
        lead=schools[1 % len(schools)],
        partners=[_employer(organisations, "zorg-welzijn", 0), public["gemeente-assen"]],
        title="Zorgtechnologie leren in de wijk",
        summary="Zorgmedewerkers leren werken met zorgtechnologie in de innovatiewerkplaats in Assen.",
        requested_cents=60_000_00,
        targets={modules: 80},
        today=today,
    )
    care = _in_review(care, today=today)
    _review(care, reviewers[1], [4, 4, 3])

    # --- the closed call: programme line 5, decided
    inclusive = lines["inclusieve-arbeidsmarkt"]
    opened = today - dt.timedelta(days=200)
    closed_call = fund_services.fund_call_create(
        actor=None,
        funder=money,
        title="Basisbanen en werk naar werk",
        description="Voor samenwerkingsverbanden die mensen aan waardevol werk helpen.",
        programme_line=inclusive,
        indicators=list(inclusive.indicators.all()),
        ceiling_cents=300_000_00,
        max_per_application_cents=100_000_00,
        opens_on=opened,
        closes_on=today - dt.timedelta(days=100),
        criteria=CRITERIA,
    )
    ctx.counts["fund_calls"] += 1
    basic, work = inclusive.indicators.get(code="basisbanen"), inclusive.indicators.get(code="werk-naar-werk")
    plans = [
        (
            "Basisbanen in Groningen",
            _employer(organisations, "logistiek-havens", 0),
            [schools[2 % len(schools)], public["gemeente-groningen"]],
            90_000_00,
            {basic: 25},
            (5, 4, 4),
        ),
        (
            "Van afval naar energie: werk naar werk",
            _employer(organisations, "energie-waterstof", 0),
            [schools[3 % len(schools)], public["gemeente-eemsdelta"]],
            70_000_00,
            {work: 15},
            (4, 4, 3),
        ),
        (
            "Sociaal ondernemen in de wijk",
            _employer(organisations, "bouw", 0),
            [schools[4 % len(schools)]],
            100_000_00,
            {basic: 10, work: 5},
            (2, 1, 2),
        ),
    ]
    decided = []
    for title, lead, partners, requested, targets, scores in plans:
        application = _application(
            ctx,
            call=closed_call,
            lead=lead,
            partners=partners,
            title=title,
            summary="Demo: een plan van een samenwerkingsverband.",
            requested_cents=requested,
            targets=targets,
            today=opened + dt.timedelta(days=10),
        )
        application = _in_review(application, today=opened + dt.timedelta(days=30))
        for reviewer in reviewers:
            _review(application, reviewer, list(scores))
        decided.append(application)
    first, second, rejected = decided
    fund_services.fund_application_decide(
        actor=None, application=first, grant=True, amount_cents=60_000_00, reason="Goed plan met veel bereik."
    )
    fund_services.fund_application_decide(
        actor=None, application=second, grant=True, amount_cents=40_000_00, reason="Past goed bij de oproep."
    )
    fund_services.fund_application_decide(
        actor=None,
        application=rejected,
        grant=False,
        reason="Er is geen school of werkgever die de mensen na het project verder helpt.",
    )


def fund_reset(*, org_ids: list[int]) -> int:
    """Wipe the fund rows of the demo (calls of the demo's funders and applications of demo
    organisations), before the demo's ledger and organisations go. Returns the number of applications.
    Audit lines stay (they are never deleted; the demo writes them without an actor)."""
    applications = FundApplication.objects.filter(
        lead_organisation_id__in=org_ids
    ) | FundApplication.objects.filter(call__funder__organisation_id__in=org_ids)
    ids = list(applications.values_list("pk", flat=True).distinct())
    IndicatorResult.objects.filter(report__application_id__in=ids).delete()
    SpendingReport.objects.filter(application_id__in=ids).delete()
    ReviewScore.objects.filter(review__application_id__in=ids).delete()
    Review.objects.filter(application_id__in=ids).delete()
    ApplicationTarget.objects.filter(application_id__in=ids).delete()
    ConsortiumMember.objects.filter(application_id__in=ids).delete()
    FundApplication.objects.filter(pk__in=ids).delete()
    calls = FundCall.objects.filter(funder__organisation_id__in=org_ids)
    CallCriterion.objects.filter(call__in=calls).delete()
    FundCall.indicators.through.objects.filter(fundcall__in=calls).delete()
    calls.delete()
    return len(ids)
