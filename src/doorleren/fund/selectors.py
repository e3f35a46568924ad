"""Read the fund: open calls, an application with its consortium and scores, figures per call and
per programme line and indicator, and who may see or do what (docs/fund.md).

Scores: a review's score is the weighted share of the maximum, ``Σ weight·score/max ÷ Σ weight``,
shown as a percentage from 0 to 100; an application's score is the mean over its reviews. Exact
fractions are used and rounded to whole percentages only for the screen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from doorleren.accounts import selectors as accounts_selectors
from doorleren.core.db import ID_MAX
from doorleren.organisations import selectors as organisations_selectors

from .models import (
    GRANTED_STATES,
    ApplicationState,
    ApplicationTarget,
    CallCriterion,
    ConsortiumMember,
    FundApplication,
    FundCall,
    Indicator,
    IndicatorResult,
    ProgrammeLine,
    Review,
    ReviewScore,
    SpendingReport,
)
from .rules import APPLICANT_ROLES, CONSORTIUM_KINDS, MIN_REVIEWS, PROGRAMME_OFFICE_ROLE
from .services._checks import TRANSITIONS, conflict_of_interest

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from doorleren.accounts.models import User
    from doorleren.organisations.models import Organisation

# Largest id the pages accept; bigger numbers are "not found" without asking the database.
# States after submitting: what counts as "asked" in the figures.
SUBMITTED_STATES = tuple(s for s in ApplicationState.values if s != ApplicationState.DRAFT)


# --- the plan ---------------------------------------------------------------------------------


def programme_lines() -> QuerySet[ProgrammeLine]:
    return ProgrammeLine.objects.prefetch_related("indicators").order_by("number")


def indicators_all() -> QuerySet[Indicator]:
    return Indicator.objects.select_related("programme_line").order_by("programme_line__number", "code")


def indicators_for_line(*, programme_line: ProgrammeLine) -> QuerySet[Indicator]:
    return Indicator.objects.filter(programme_line=programme_line).order_by("code")


# --- calls ------------------------------------------------------------------------------------


def _calls() -> QuerySet[FundCall]:
    return FundCall.objects.select_related("programme_line", "funder").prefetch_related(
        "indicators", Prefetch("criteria", queryset=CallCriterion.objects.order_by("position", "id"))
    )


def calls_all() -> QuerySet[FundCall]:
    return _calls().order_by("-opens_on", "title", "id")


def calls_open(*, today: dt.date | None = None) -> QuerySet[FundCall]:
    """Calls that take applications today (``opens_on ≤ today ≤ closes_on``), closing soonest first."""
    today = today or timezone.localdate()
    return _calls().filter(opens_on__lte=today, closes_on__gte=today).order_by("closes_on", "title", "id")


def calls_upcoming(*, today: dt.date | None = None) -> QuerySet[FundCall]:
    today = today or timezone.localdate()
    return _calls().filter(opens_on__gt=today).order_by("opens_on", "title", "id")


def calls_closed(*, today: dt.date | None = None) -> QuerySet[FundCall]:
    today = today or timezone.localdate()
    return _calls().filter(closes_on__lt=today).order_by("-closes_on", "title", "id")


def call_get(*, pk: int) -> FundCall | None:
    if not isinstance(pk, int) or not 1 <= pk <= ID_MAX:
        return None
    return _calls().filter(pk=pk).first()


def call_is_open(*, call: FundCall, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return call.opens_on <= today <= call.closes_on


# --- who may do what ----------------------------------------------------------------------------


def is_programme_office(*, user: User | AnonymousUser | None) -> bool:
    return accounts_selectors.has_role(user=user, role=PROGRAMME_OFFICE_ROLE) and user.is_active


def is_applicant(*, user: User | AnonymousUser | None) -> bool:
    return (
        any(accounts_selectors.has_role(user=user, role=role) for role in APPLICANT_ROLES) and user.is_active
    )


def organisations_applying_for(*, user: User | AnonymousUser | None) -> QuerySet[Organisation]:
    """The organisations ``user`` may apply for: their own, of a kind that can be in a consortium."""
    if not is_applicant(user=user):
        return organisations_selectors.organisations_all().none()
    return accounts_selectors.user_organisations(user=user).filter(kind__in=CONSORTIUM_KINDS)


def partner_candidates(*, application: FundApplication) -> QuerySet[Organisation]:
    """Organisations that can still join the consortium (not in it yet), by name."""
    taken = application.members.values_list("organisation_id", flat=True)
    return (
        organisations_selectors.organisations_all()
        .filter(kind__in=CONSORTIUM_KINDS)
        .exclude(pk__in=list(taken))
        .order_by("name", "id")
    )


def is_lead_member(*, user: User | AnonymousUser | None, application: FundApplication) -> bool:
    return is_applicant(user=user) and organisations_selectors.membership_exists(
        user=user, organisation=application.lead_organisation
    )


def is_consortium_member(*, user: User | AnonymousUser | None, application: FundApplication) -> bool:
    if not is_applicant(user=user):
        return False
    own = set(accounts_selectors.user_organisations(user=user).values_list("pk", flat=True))
    return any(pk in own for pk in application.members.values_list("organisation_id", flat=True))


def may_view_application(*, user: User | AnonymousUser | None, application: FundApplication) -> bool:
    """The staff of the consortium's organisations see an application; the programme office once it
    is submitted (a draft is the consortium's own)."""
    if is_programme_office(user=user) and application.state != ApplicationState.DRAFT:
        return True
    return is_consortium_member(user=user, application=application)


def may_review(*, user: User | AnonymousUser | None, application: FundApplication) -> bool:
    return (
        is_programme_office(user=user)
        and application.state == ApplicationState.IN_REVIEW
        and not conflict_of_interest(user, application)
        and not application.reviews.filter(reviewer=user).exists()
    )


def next_states(*, application: FundApplication) -> frozenset[str]:
    return TRANSITIONS.get(application.state, frozenset())


# --- applications -------------------------------------------------------------------------------


def _applications() -> QuerySet[FundApplication]:
    return FundApplication.objects.select_related(
        "call", "call__programme_line", "call__funder", "lead_organisation"
    ).annotate(review_count=Count("reviews", distinct=True))


def application_get(*, pk: int) -> FundApplication | None:
    if not isinstance(pk, int) or not 1 <= pk <= ID_MAX:
        return None
    return _applications().filter(pk=pk).first()


def applications_for_user(*, user: User | AnonymousUser | None) -> QuerySet[FundApplication]:
    """Applications in which one of the user's organisations takes part, newest first."""
    if not is_applicant(user=user):
        return FundApplication.objects.none()
    own = list(accounts_selectors.user_organisations(user=user).values_list("pk", flat=True))
    return _applications().filter(members__organisation_id__in=own).distinct().order_by("-created_at", "-id")


def applications_of_call(*, call: FundCall) -> QuerySet[FundApplication]:
    """The call's applications after submitting (drafts are the consortium's own), by id."""
    return _applications().filter(call=call, state__in=SUBMITTED_STATES).order_by("id")


@dataclass(frozen=True)
class CriterionScore:
    criterion: CallCriterion
    mean: Fraction | None  # mean score over the reviews, None without reviews

    @property
    def mean_text(self) -> str:
        return "" if self.mean is None else f"{float(self.mean):.1f}".replace(".", ",")


@dataclass(frozen=True)
class ReviewView:
    review: Review
    scores: list[tuple[CallCriterion, int]]
    percent: int


@dataclass(frozen=True)
class ScoreSummary:
    reviews: int
    needed: int
    weighted: Fraction | None  # 0..1, the mean of the reviews' weighted shares
    per_criterion: list[CriterionScore]
    review_views: list[ReviewView] = field(default_factory=list)

    @property
    def percent(self) -> int | None:
        return None if self.weighted is None else round(self.weighted * 100)

    @property
    def enough(self) -> bool:
        return self.reviews >= self.needed


def review_weighted_share(*, criteria: list[CallCriterion], scores: dict[int, int]) -> Fraction:
    """One review: ``Σ weight·score/max ÷ Σ weight`` (0 to 1)."""
    total_weight = sum(criterion.weight for criterion in criteria)
    if not total_weight:
        return Fraction(0)
    return (
        sum(
            Fraction(criterion.weight * scores.get(criterion.pk, 0), criterion.max_score)
            for criterion in criteria
        )
        / total_weight
    )


def application_scores(*, application: FundApplication) -> ScoreSummary:
    """Reviews, the weighted score (mean over reviews) and the mean score per criterion."""
    criteria = list(application.call.criteria.order_by("position", "id"))
    reviews = list(
        application.reviews.select_related("reviewer")
        .prefetch_related(Prefetch("scores", queryset=ReviewScore.objects.all()))
        .order_by("created_at", "id")
    )
    per_review = [{score.criterion_id: score.score for score in review.scores.all()} for review in reviews]
    shares = [review_weighted_share(criteria=criteria, scores=scores) for scores in per_review]
    per_criterion = [
        CriterionScore(
            criterion=criterion,
            mean=Fraction(sum(scores.get(criterion.pk, 0) for scores in per_review), len(per_review))
            if per_review
            else None,
        )
        for criterion in criteria
    ]
    views = [
        ReviewView(
            review=review,
            scores=[(criterion, scores.get(criterion.pk, 0)) for criterion in criteria],
            percent=round(share * 100),
        )
        for review, scores, share in zip(reviews, per_review, shares, strict=True)
    ]
    return ScoreSummary(
        reviews=len(reviews),
        needed=MIN_REVIEWS,
        weighted=sum(shares, Fraction(0)) / len(shares) if shares else None,
        per_criterion=per_criterion,
        review_views=views,
    )


@dataclass(frozen=True)
class TargetView:
    indicator: Indicator
    target_value: int
    reported_value: int


@dataclass(frozen=True)
class ApplicationDetail:
    application: FundApplication
    members: list[ConsortiumMember]
    targets: list[TargetView]
    reports: list[SpendingReport]
    reported_spent_cents: int
    scores: ScoreSummary


def application_detail(*, application: FundApplication) -> ApplicationDetail:
    """An application with its consortium (lead first), targets with what was reported, its
    spending reports and its scores."""
    members = list(
        application.members.select_related("organisation").order_by("role", "organisation__name", "id")
    )
    members.sort(key=lambda m: (m.role != "lead", m.organisation.name))
    reported = dict(
        IndicatorResult.objects.filter(report__application=application)
        .values("indicator_id")
        .annotate(total=Sum("value"))
        .values_list("indicator_id", "total")
    )
    targets = [
        TargetView(
            indicator=t.indicator, target_value=t.target_value, reported_value=reported.get(t.indicator_id, 0)
        )
        for t in ApplicationTarget.objects.filter(application=application)
        .select_related("indicator")
        .order_by("indicator__code")
    ]
    reports = list(
        application.reports.select_related("submitted_by")
        .prefetch_related(Prefetch("results", queryset=IndicatorResult.objects.select_related("indicator")))
        .order_by("period_start", "id")
    )
    return ApplicationDetail(
        application=application,
        members=members,
        targets=targets,
        reports=reports,
        reported_spent_cents=sum(report.spent_cents for report in reports),
        scores=application_scores(application=application),
    )


# --- figures ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CallFigures:
    call: FundCall
    applications: int  # submitted or later
    requested_cents: int  # asked by applications submitted or later
    granted_cents: int  # granted, paid or accounted for
    paid_cents: int
    reported_spent_cents: int
    per_state: dict[str, int]

    @property
    def left_cents(self) -> int:
        return self.call.ceiling_cents - self.granted_cents


def call_figures(*, call: FundCall) -> CallFigures:
    """Totals of one call: asked, granted, paid and reported spent, and applications per state."""
    rows = FundApplication.objects.filter(call=call)
    per_state = dict(rows.values("state").annotate(n=Count("id")).values_list("state", "n"))
    submitted = rows.filter(state__in=SUBMITTED_STATES).aggregate(
        n=Count("id"), requested=Sum("requested_cents")
    )
    granted = rows.filter(state__in=GRANTED_STATES).aggregate(total=Sum("granted_cents"))["total"] or 0
    paid = (
        rows.filter(state__in=[ApplicationState.PAID, ApplicationState.ACCOUNTED_FOR]).aggregate(
            total=Sum("granted_cents")
        )["total"]
        or 0
    )
    spent = (
        SpendingReport.objects.filter(application__call=call).aggregate(total=Sum("spent_cents"))["total"]
        or 0
    )
    return CallFigures(
        call=call,
        applications=submitted["n"] or 0,
        requested_cents=submitted["requested"] or 0,
        granted_cents=granted,
        paid_cents=paid,
        reported_spent_cents=spent,
        per_state={state: per_state.get(state, 0) for state in ApplicationState.values},
    )


def calls_figures() -> list[CallFigures]:
    return [call_figures(call=call) for call in calls_all()]


@dataclass(frozen=True)
class IndicatorFigures:
    indicator: Indicator
    targeted: int  # promised by granted (and later) applications
    reported: int  # reported in their spending reports
    applications: int


@dataclass(frozen=True)
class LineFigures:
    programme_line: ProgrammeLine
    granted_cents: int
    indicators: list[IndicatorFigures]


def indicator_figures() -> list[LineFigures]:
    """Per programme line and indicator: the values that granted applications promised against
    what their spending reports say they reached. Rejected and unfinished applications do not count."""
    targeted = {
        row["indicator_id"]: row
        for row in ApplicationTarget.objects.filter(application__state__in=GRANTED_STATES)
        .values("indicator_id")
        .annotate(total=Sum("target_value"), n=Count("application", distinct=True))
    }
    reported = dict(
        IndicatorResult.objects.filter(report__application__state__in=GRANTED_STATES)
        .values("indicator_id")
        .annotate(total=Sum("value"))
        .values_list("indicator_id", "total")
    )
    granted_per_line = dict(
        FundApplication.objects.filter(state__in=GRANTED_STATES)
        .values("call__programme_line_id")
        .annotate(total=Sum("granted_cents"))
        .values_list("call__programme_line_id", "total")
    )
    lines = []
    for line in programme_lines():
        lines.append(
            LineFigures(
                programme_line=line,
                granted_cents=granted_per_line.get(line.pk, 0) or 0,
                indicators=[
                    IndicatorFigures(
                        indicator=indicator,
                        targeted=(targeted.get(indicator.pk) or {}).get("total") or 0,
                        reported=reported.get(indicator.pk, 0) or 0,
                        applications=(targeted.get(indicator.pk) or {}).get("n") or 0,
                    )
                    for indicator in sorted(line.indicators.all(), key=lambda i: i.code)
                ],
            )
        )
    return lines


def open_calls_count(*, today: dt.date | None = None) -> int:
    return calls_open(today=today).count()


def applications_waiting(*, user: User | AnonymousUser | None) -> int:
    """For the programme office: applications submitted or in review."""
    if not is_programme_office(user=user):
        return 0
    return FundApplication.objects.filter(
        Q(state=ApplicationState.SUBMITTED) | Q(state=ApplicationState.IN_REVIEW)
    ).count()
