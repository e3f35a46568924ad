"""Write a coach's decision about a signal (``selectors_anomalies``): ``anomaly_review_create``.

A decision is only added, never changed: a later decision about the same signal is a new row, and the
page shows them all ("Bekeken": who, when, why). Each one is also a line in the audit log, in the same
database transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from doorleren.audit.services import audit_record
from doorleren.core.errors import ApplicationError

from . import selectors_anomalies
from .models import REASON_MAX, AnomalyReview, ReviewOutcome

if TYPE_CHECKING:
    from doorleren.accounts.models import User


def _reason_check(reason: object) -> str:
    if not isinstance(reason, str) or "\x00" in reason or len(reason) > REASON_MAX:
        raise ApplicationError(
            _("Schrijf de reden in hoogstens %(max)d tekens, zonder vreemde tekens.") % {"max": REASON_MAX},
            code="anomaly_reason_invalid",
            extra={"field": "reason"},
        )
    reason = reason.strip()
    if not reason:
        raise ApplicationError(
            _("Schrijf op waarom u dit besluit. Dan weten anderen het later ook."),
            code="anomaly_reason_missing",
            extra={"field": "reason"},
        )
    return reason


def anomaly_review_create(
    *, fingerprint: str, outcome: str, reason: str, actor: User, today: dt.date | None = None
) -> AnomalyReview:
    """Record what ``actor`` (a coach, the programme office or an administrator) decided about the
    current signal ``fingerprint``: ``outcome`` is ``in_orde``, ``onderzoeken`` or ``gemeld``; ``reason``
    is required. A fingerprint that is not a current signal is refused (404), as is anyone else (403)."""
    if not selectors_anomalies.may_review_anomalies(user=actor):
        raise ApplicationError(
            _("Alleen coaches, het programmabureau en beheerders bekijken signalen."),
            code="anomaly_not_allowed",
            status=403,
        )
    if outcome not in ReviewOutcome.values:
        raise ApplicationError(
            _("Kies wat u besluit: in orde, onderzoeken of gemeld."),
            code="anomaly_outcome_invalid",
            extra={"field": "outcome"},
        )
    reason = _reason_check(reason)
    if not isinstance(fingerprint, str) or not selectors_anomalies.FINGERPRINT_PATTERN.match(fingerprint):
        raise ApplicationError(
            _("Dit signaal kennen wij niet. Open de lijst met signalen opnieuw."),
            code="anomaly_fingerprint_invalid",
        )
    anomaly = selectors_anomalies.anomaly_find(fingerprint=fingerprint, today=today)
    if anomaly is None:
        raise ApplicationError(
            _("Dit signaal is er niet (meer). Open de lijst met signalen opnieuw."),
            code="anomaly_unknown",
            status=404,
        )
    with transaction.atomic():
        review = AnomalyReview.objects.create(
            fingerprint=fingerprint,
            kind=anomaly.kind,
            subject=anomaly.subject,
            outcome=outcome,
            reason=reason,
            reviewer=actor,
            facts={"reason": anomaly.reason, "enrolments": anomaly.enrolment_ids, **anomaly.facts},
        )
        audit_record(
            action="enrolments.anomaly_review",
            subject=review,
            actor=actor,
            reason=reason,
            data={
                "fingerprint": fingerprint,
                "kind": anomaly.kind,
                "subject": anomaly.subject,
                "outcome": outcome,
            },
        )
    return review
