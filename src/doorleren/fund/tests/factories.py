"""Test helpers for the fund: calls, applications and their steps, made through the services.

Organisations and users come from their own apps' factories; the fund's money from the budgets
test factories (a funder with money in its pool).
"""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from doorleren.accounts.tests.factories import UserFactory
from doorleren.budgets.tests.factories import funder as budgets_funder
from doorleren.fund import services
from doorleren.fund.models import FundApplication, FundCall, Indicator, ProgrammeLine
from doorleren.organisations.tests.factories import (
    GovernmentFactory,
    MembershipFactory,
    OrganisationFactory,
    SchoolFactory,
)

LINE = "kwalificerend-onderwijs"
INDICATORS = ("deelnemers-modules", "certificaten-behaald")
_numbers = itertools.count(1)


def today() -> dt.date:
    return timezone.localdate()


def office(**extra):
    """A programme office user (a reviewer and decider)."""
    return UserFactory(role="programme_office", **extra)


def member_of(organisation, *, role: str = "employer"):
    """A user with ``role`` who works for ``organisation``."""
    user = UserFactory(role=role)
    MembershipFactory(user=user, organisation=organisation)
    return user


def fund(*, funded_cents: int = 10_000_000, **extra):
    return budgets_funder(funded_cents=funded_cents, kind="regional_llo", **extra)


def line(code: str = LINE) -> ProgrammeLine:
    return ProgrammeLine.objects.get(code=code)


def indicators(*codes: str) -> list[Indicator]:
    return list(Indicator.objects.filter(code__in=codes or INDICATORS).order_by("code"))


def call(
    *,
    funder_=None,
    ceiling_cents: int = 100_000_00,
    max_per_application_cents: int = 50_000_00,
    opens_on: dt.date | None = None,
    closes_on: dt.date | None = None,
    criteria=(("Bereik", 2, 5), ("Samenwerking", 1, 5)),
    **extra,
) -> FundCall:
    return services.fund_call_create(
        actor=None,
        funder=funder_ or fund(),
        title=extra.pop("title", f"Oproep {next(_numbers)}"),
        programme_line=extra.pop("programme_line", None) or line(),
        indicators=extra.pop("indicators", None) or indicators(),
        ceiling_cents=ceiling_cents,
        max_per_application_cents=max_per_application_cents,
        opens_on=opens_on or today() - dt.timedelta(days=10),
        closes_on=closes_on or today() + dt.timedelta(days=30),
        criteria=[services.CriterionInput(name=n, weight=w, max_score=m) for n, w, m in criteria],
        **extra,
    )


class Consortium:
    """A lead employer with a member who applies, and a school partner."""

    def __init__(self, *, lead=None, lead_role: str = "employer"):
        self.lead = lead or OrganisationFactory()
        self.applicant = member_of(self.lead, role=lead_role)
        self.school = SchoolFactory()


def draft(
    *,
    call_: FundCall | None = None,
    consortium: Consortium | None = None,
    requested_cents: int = 20_000_00,
    with_school: bool = True,
    targets: dict | None = None,
) -> tuple[FundApplication, Consortium]:
    call_ = call_ or call()
    consortium = consortium or Consortium()
    if targets is None:
        targets = dict.fromkeys(call_.indicators.all(), 40)
    application = services.fund_application_create(
        actor=consortium.applicant,
        call=call_,
        lead_organisation=consortium.lead,
        title=f"Samen leren {next(_numbers)}",
        summary="Werkenden volgen modules op de werkvloer.",
        requested_cents=requested_cents,
        targets=targets,
    )
    if with_school:
        services.consortium_member_add(
            actor=consortium.applicant, application=application, organisation=consortium.school
        )
    return application, consortium


def submitted(**kwargs) -> tuple[FundApplication, Consortium]:
    application, consortium = draft(**kwargs)
    application = services.fund_application_submit(actor=consortium.applicant, application=application)
    return application, consortium


def in_review(*, by=None, **kwargs) -> tuple[FundApplication, Consortium]:
    application, consortium = submitted(**kwargs)
    application = services.fund_application_start_review(actor=by or office(), application=application)
    return application, consortium


def review(application: FundApplication, *, reviewer=None, score: int = 4):
    reviewer = reviewer or office()
    return services.review_submit(
        actor=reviewer,
        application=application,
        scores={criterion.pk: score for criterion in application.call.criteria.all()},
        comment="Goed plan.",
    )


def reviewed(*, reviews: int = 2, **kwargs) -> tuple[FundApplication, Consortium]:
    application, consortium = in_review(**kwargs)
    for _n in range(reviews):
        review(application)
    return application, consortium


def granted(*, amount_cents: int | None = None, by=None, **kwargs) -> tuple[FundApplication, Consortium]:
    application, consortium = reviewed(**kwargs)
    application = services.fund_application_decide(
        actor=by or office(),
        application=application,
        grant=True,
        amount_cents=amount_cents or application.requested_cents,
        reason="Past goed bij de oproep.",
    )
    return application, consortium


def paid(*, by=None, **kwargs) -> tuple[FundApplication, Consortium]:
    application, consortium = granted(**kwargs)
    application = services.fund_application_pay(actor=by or office(), application=application)
    return application, consortium


def government():
    return GovernmentFactory()
