"""The programme office's part: start the review, review, decide, pay and close."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.audit.services import audit_record
from doorleren.core.errors import ApplicationError
from doorleren.core.templatetags.money import format_euro

from .. import payments
from ..models import (
    GRANTED_STATES,
    REASON_MAX,
    TEXT_MAX,
    ApplicationState,
    FundApplication,
    FundCall,
    Review,
    ReviewScore,
)
from ..rules import MIN_REVIEWS
from ._checks import (
    amount_check,
    conflict_check,
    programme_office_check,
    reason_check,
    state_label,
    text_check,
    transition_check,
)
from .applications import locked

if TYPE_CHECKING:
    from doorleren.accounts.models import User


def payment_key(application: FundApplication) -> str:
    """The ledger idempotency key of an application's payment: one payment per application, ever."""
    return f"fund-application-{application.pk}-payment"


def _step(
    application: FundApplication, *, actor: User | None, action: str, to: str, reason: str, data=None
) -> None:
    before = application.state
    application.state = to
    audit_record(
        action=action,
        subject=application,
        actor=actor,
        reason=reason,
        data={"from": before, "to": to, **(data or {})},
    )


def fund_application_start_review(*, actor: User | None, application: FundApplication) -> FundApplication:
    """Submitted → in review (the programme office takes it up)."""
    programme_office_check(actor)
    with transaction.atomic():
        application = locked(application)
        transition_check(application, ApplicationState.IN_REVIEW)
        _step(
            application,
            actor=actor,
            action="fund.application_start_review",
            to=ApplicationState.IN_REVIEW,
            reason=_("Beoordeling begonnen"),
        )
        application.review_started_at = timezone.now()
        application.save(update_fields=["state", "review_started_at", "updated_at"])
    return application


def _scores_check(application: FundApplication, scores: Mapping[object, int]) -> dict[int, int]:
    criteria = {criterion.pk: criterion for criterion in application.call.criteria.all()}
    given: dict[int, int] = {}
    for key, value in scores.items():
        pk = getattr(key, "pk", key)
        if pk not in criteria:
            raise ApplicationError(
                _("Dit beoordelingspunt hoort niet bij deze oproep."),
                code="fund_review_criterion_unknown",
                extra={"field": "scores"},
            )
        maximum = criteria[pk].max_score
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= maximum:
            raise ApplicationError(
                _("Geef bij ‘%(name)s’ een score van 0 tot en met %(max)d.")
                % {"name": criteria[pk].name, "max": maximum},
                code="fund_review_score_invalid",
                extra={"field": f"criterion_{pk}"},
            )
        given[pk] = value
    missing = [criterion.name for pk, criterion in criteria.items() if pk not in given]
    if missing:
        raise ApplicationError(
            _("Geef een score bij elk punt. Nog niet gedaan: %(names)s.") % {"names": ", ".join(missing)},
            code="fund_review_scores_missing",
            extra={"field": "scores"},
        )
    return given


def _review_exists() -> ApplicationError:
    return ApplicationError(
        _("U heeft deze aanvraag al beoordeeld. Een beoordeling kunt u niet nog eens geven."),
        code="fund_review_already",
        status=409,
    )


def review_submit(
    *,
    actor: User | None,
    application: FundApplication,
    scores: Mapping[object, int],
    comment: str = "",
    reviewer: User | None = None,
) -> Review:
    """One review of ``actor`` (a programme office user) with a score for every criterion of the call.

    Only while the application is in review, once per reviewer, and never by someone who works for
    an organisation in the consortium (conflict of interest, 403). The system (``actor`` None: the
    demo, reviews made on paper) records a review of ``reviewer``, a programme office user, with the
    same checks; its audit line has no actor and names the reviewer in ``data``.
    """
    programme_office_check(actor)
    reviewer = actor if actor is not None else reviewer
    programme_office_check(reviewer)
    if reviewer is None:  # pragma: no cover - programming error
        raise ValueError("the system needs a reviewer")
    comment = text_check(
        comment, field="comment", max_length=TEXT_MAX, required=False, code="fund_review_comment"
    )
    try:
        with transaction.atomic():
            application = locked(application)
            if application.state != ApplicationState.IN_REVIEW:
                raise ApplicationError(
                    _(
                        "U kunt alleen beoordelen als de aanvraag in behandeling is. De status is nu ‘%(state)s’."
                    )
                    % {"state": state_label(application.state)},
                    code="fund_review_not_in_review",
                    status=409,
                )
            conflict_check(reviewer, application)
            if application.reviews.filter(reviewer=reviewer).exists():
                raise _review_exists()
            given = _scores_check(application, scores)
            review = Review.objects.create(application=application, reviewer=reviewer, comment=comment)
            ReviewScore.objects.bulk_create(
                [ReviewScore(review=review, criterion_id=pk, score=score) for pk, score in given.items()]
            )
            audit_record(
                action="fund.review_submit",
                subject=application,
                actor=actor,
                reason=_("Beoordeling gegeven"),
                data={
                    "review_id": review.pk,
                    "reviewer_id": reviewer.pk,
                    "scores": {str(pk): score for pk, score in sorted(given.items())},
                },
            )
    except IntegrityError:
        raise _review_exists() from None
    return review


def _lock_calls_of_funder(call: FundCall) -> None:
    """Lock every call of the call's fund, in id order: grants of one fund happen one at a time, so
    neither a call's ceiling nor the fund's pool is promised twice."""
    list(
        FundCall.objects.select_for_update().filter(funder_id=call.funder_id).order_by("pk").values_list("pk")
    )


def _granted_in_call(call: FundCall) -> int:
    return (
        FundApplication.objects.filter(call=call, state__in=GRANTED_STATES).aggregate(
            total=Sum("granted_cents")
        )["total"]
        or 0
    )


def _promised_unpaid(call: FundCall) -> int:
    return (
        FundApplication.objects.filter(
            call__funder_id=call.funder_id, state=ApplicationState.GRANTED
        ).aggregate(total=Sum("granted_cents"))["total"]
        or 0
    )


def fund_application_decide(
    *,
    actor: User | None,
    application: FundApplication,
    grant: bool,
    reason: str,
    amount_cents: int | None = None,
) -> FundApplication:
    """In review → granted (with ``amount_cents``) or rejected, with the reason.

    Needs at least ``rules.MIN_REVIEWS`` reviews. A grant is at most the amount asked and never
    takes the call over its ceiling (the sum granted in a call ≤ the ceiling) nor promises more than
    the fund's pool holds beyond earlier unpaid grants. The fund's calls are locked first, then the
    application, so two decisions at once are made one after the other.
    """
    programme_office_check(actor)
    reason = reason_check(reason, max_length=REASON_MAX, code="fund_decide")
    if grant:
        amount_cents = amount_check(amount_cents, field="amount", code="fund_grant_amount")
    to = ApplicationState.GRANTED if grant else ApplicationState.REJECTED
    with transaction.atomic():
        _lock_calls_of_funder(application.call)
        application = locked(application)
        transition_check(application, to)
        conflict_check(actor, application)
        reviews = application.reviews.count()
        if reviews < MIN_REVIEWS:
            raise ApplicationError(
                _("Er zijn %(count)d beoordelingen. Voor een besluit zijn er minstens %(min)d nodig.")
                % {"count": reviews, "min": MIN_REVIEWS},
                code="fund_decide_too_few_reviews",
                status=409,
            )
        data: dict[str, object] = {"reviews": reviews, "requested_cents": application.requested_cents}
        if grant:
            call = application.call
            if amount_cents > application.requested_cents:
                raise ApplicationError(
                    _("U kunt niet meer toekennen dan er is gevraagd (%(requested)s).")
                    % {"requested": format_euro(application.requested_cents)},
                    code="fund_grant_above_requested",
                    extra={"field": "amount"},
                )
            granted = _granted_in_call(call)
            if granted + amount_cents > call.ceiling_cents:
                raise ApplicationError(
                    _("Dit gaat over het plafond van de oproep. Er is nog %(left)s over.")
                    % {"left": format_euro(max(0, call.ceiling_cents - granted))},
                    code="fund_call_ceiling_exceeded",
                    status=409,
                    extra={"field": "amount"},
                )
            free = payments.pool_balance_cents(funder=call.funder) - _promised_unpaid(call)
            if amount_cents > free:
                raise ApplicationError(
                    _("Er staat niet genoeg geld in het fonds. Vrij te besteden: %(free)s.")
                    % {"free": format_euro(max(0, free))},
                    code="fund_pool_short",
                    status=409,
                    extra={"field": "amount"},
                )
            application.granted_cents = amount_cents
            data.update(
                {
                    "granted_cents": amount_cents,
                    "call_granted_cents_before": granted,
                    "call_ceiling_cents": call.ceiling_cents,
                }
            )
        _step(
            application,
            actor=actor,
            action="fund.application_grant" if grant else "fund.application_reject",
            to=to,
            reason=reason,
            data=data,
        )
        application.decision_reason = reason
        application.decided_at = timezone.now()
        application.save(
            update_fields=["state", "granted_cents", "decision_reason", "decided_at", "updated_at"]
        )
    return application


def fund_application_pay(
    *, actor: User | None, application: FundApplication, reason: str = ""
) -> FundApplication:
    """Granted → paid: one ledger transfer of the granted amount from the fund's pool to what the
    fund owes the lead organisation (``payments.grant_payment``).

    Once only: a second call for a paid application changes nothing and returns it (the row lock and
    the ledger's idempotency key ``payment_key`` make sure the money moves once). A pool that is
    short refuses (409) and nothing changes.
    """
    programme_office_check(actor)
    reason = text_check(reason, field="reason", max_length=REASON_MAX, required=False, code="fund_pay_reason")
    with transaction.atomic():
        application = locked(application)
        if application.payment_transaction_id is not None:
            return application
        transition_check(application, ApplicationState.PAID)
        why = reason or _("Regionaal fonds: betaling van de toegekende aanvraag ‘%(title)s’") % {
            "title": application.title
        }
        payment = payments.grant_payment(
            funder=application.call.funder,
            organisation=application.lead_organisation,
            amount_cents=application.granted_cents,
            reason=why[:REASON_MAX],
            actor=actor,
            key=payment_key(application),
        )
        _step(
            application,
            actor=actor,
            action="fund.application_pay",
            to=ApplicationState.PAID,
            reason=why[:REASON_MAX],
            data={
                "amount_cents": application.granted_cents,
                "ledger_transaction_id": payment.pk,
                "correlation_key": str(payment.correlation_key),
                "organisation_id": application.lead_organisation_id,
            },
        )
        application.payment_transaction = payment
        application.paid_at = timezone.now()
        application.save(update_fields=["state", "payment_transaction", "paid_at", "updated_at"])
    return application


def reported_spent_cents(application: FundApplication) -> int:
    return application.reports.aggregate(total=Sum("spent_cents"))["total"] or 0


def fund_application_account(
    *, actor: User | None, application: FundApplication, reason: str = ""
) -> FundApplication:
    """Paid → accounted for: the programme office closes the application once the spending reports
    together cover the granted money."""
    programme_office_check(actor)
    reason = text_check(
        reason, field="reason", max_length=REASON_MAX, required=False, code="fund_account_reason"
    )
    with transaction.atomic():
        application = locked(application)
        transition_check(application, ApplicationState.ACCOUNTED_FOR)
        spent = reported_spent_cents(application)
        if spent < application.granted_cents:
            raise ApplicationError(
                _(
                    "De verantwoording dekt het geld nog niet. Verantwoord is %(spent)s van %(granted)s. "
                    "De penvoerder moet eerst meer verantwoorden."
                )
                % {"spent": format_euro(spent), "granted": format_euro(application.granted_cents)},
                code="fund_account_reports_short",
                status=409,
            )
        _step(
            application,
            actor=actor,
            action="fund.application_account",
            to=ApplicationState.ACCOUNTED_FOR,
            reason=reason or _("Verantwoording goedgekeurd en aanvraag afgesloten"),
            data={"granted_cents": application.granted_cents, "reported_spent_cents": spent},
        )
        application.accounted_at = timezone.now()
        application.save(update_fields=["state", "accounted_at", "updated_at"])
    return application
