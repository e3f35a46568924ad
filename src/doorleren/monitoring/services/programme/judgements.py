"""Judgements: the programme office's verdict on a measure (continue, adjust, stop, too early to
say) and why, with a copy of the measure's effect estimate at that moment."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...models import REASON_MAX, TEXT_MAX, Measure, MeasureJudgement, Verdict
from .common import _actor_check, _date, _error, _text
from .versions import _audit, _locked

if TYPE_CHECKING:
    from doorleren.accounts.models import User


def _estimate_copy(measure: Measure) -> dict[str, Any] | None:
    estimate = getattr(measure, "effect_estimate", None)
    if estimate is None:
        return None
    return {
        "effect": estimate.effect,
        "ci_low": estimate.ci_low,
        "ci_high": estimate.ci_high,
        "participants": estimate.participants,
        "verdict": estimate.verdict,
        "computed_at": estimate.computed_at.isoformat(),
    }


def measure_judgement_create(
    *,
    actor: User | None,
    measure: Measure,
    verdict: str,
    reason: str,
    judged_on: dt.date | None = None,
) -> MeasureJudgement:
    """The programme office's judgement: continue, adjust, stop or too early to say, and why. A copy of
    the measure's effect estimate at that moment (if there is one) is kept with it."""
    _actor_check(actor)
    if not isinstance(verdict, str) or verdict not in Verdict.values:
        raise _error(_("Kies een oordeel uit de lijst."), "measure_judgement_verdict_invalid", "verdict")
    reason = _text(
        reason, field="reason", max_length=TEXT_MAX, required=True, code="measure_judgement_reason"
    )
    today = timezone.localdate()
    judged_on = (
        today if judged_on is None else _date(judged_on, field="judged_on", code="measure_judgement_date")
    )
    if judged_on > today:
        raise _error(
            _("Een oordeel kan niet in de toekomst liggen."), "measure_judgement_in_future", "judged_on"
        )
    with transaction.atomic():
        locked = _locked(measure)
        judgement = MeasureJudgement.objects.create(
            measure=locked,
            judged_on=judged_on,
            verdict=verdict,
            reason=reason,
            judged_by=actor if getattr(actor, "is_authenticated", False) else None,
            estimate=_estimate_copy(locked),
        )
        _audit(
            "measure_judgement_create",
            locked,
            actor,
            reason[:REASON_MAX],
            {"judgement_id": judgement.pk, "verdict": verdict, "judged_on": judged_on.isoformat()},
        )
    return judgement
