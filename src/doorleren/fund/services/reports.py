"""Spending reports: what a paid project spent and achieved, reported by the lead organisation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.audit.services import audit_record
from doorleren.core.errors import ApplicationError

from ..models import TEXT_MAX, ApplicationState, FundApplication, Indicator, IndicatorResult, SpendingReport
from ._checks import amount_check, date_check, indicator_value_check, lead_check, state_label, text_check
from .applications import locked

if TYPE_CHECKING:
    from doorleren.accounts.models import User


def spending_report_submit(
    *,
    actor: User | None,
    application: FundApplication,
    period_start: dt.date,
    period_end: dt.date,
    spent_cents: int,
    results: Mapping[Indicator, int],
    text: str = "",
    today: dt.date | None = None,
) -> SpendingReport:
    """A report of the lead organisation about a paid application: the period, the money spent in it
    (0 or more cents) and a value for every indicator the application targets. The period has ended
    (it is not in the future). Several reports may follow each other; the programme office closes
    the application once they cover the granted money."""
    lead_check(actor, application)
    today = today or timezone.localdate()
    period_start = date_check(period_start, field="period_start", code="fund_report_period_start")
    period_end = date_check(period_end, field="period_end", code="fund_report_period_end")
    if period_end < period_start:
        raise ApplicationError(
            _("De periode moet eindigen op of na de dag dat hij begint."),
            code="fund_report_period_reversed",
            extra={"field": "period_end"},
        )
    if period_end > today:
        raise ApplicationError(
            _("U verantwoordt wat al is gebeurd. Kies een einddatum van vandaag of eerder."),
            code="fund_report_period_future",
            extra={"field": "period_end"},
        )
    spent_cents = amount_check(spent_cents, field="spent", code="fund_report_spent", allow_zero=True)
    text = text_check(text, field="text", max_length=TEXT_MAX, required=False, code="fund_report_text")
    with transaction.atomic():
        application = locked(application)
        if application.state != ApplicationState.PAID:
            raise ApplicationError(
                _(
                    "U kunt verantwoorden als het geld is betaald en de aanvraag nog niet is afgesloten. De status is nu ‘%(state)s’."
                )
                % {"state": state_label(application.state)},
                code="fund_report_not_paid",
                status=409,
            )
        targeted = {
            target.indicator_id: target.indicator
            for target in application.targets.select_related("indicator")
        }
        given: dict[int, int] = {}
        for indicator, value in results.items():
            if indicator.pk not in targeted:
                raise ApplicationError(
                    _("De indicator ‘%(name)s’ hoort niet bij deze aanvraag.") % {"name": indicator.name},
                    code="fund_result_indicator_not_targeted",
                    extra={"field": "results"},
                )
            given[indicator.pk] = indicator_value_check(
                value, field=f"indicator_{indicator.pk}", code="fund_result_value", minimum=0
            )
        missing = [indicator.name for pk, indicator in targeted.items() if pk not in given]
        if missing:
            raise ApplicationError(
                _("Vul bij elke indicator in wat u heeft bereikt. Nog niet gedaan: %(names)s.")
                % {"names": ", ".join(missing)},
                code="fund_results_missing",
                extra={"field": "results"},
            )
        report = SpendingReport.objects.create(
            application=application,
            period_start=period_start,
            period_end=period_end,
            spent_cents=spent_cents,
            text=text,
            submitted_by=actor,
        )
        IndicatorResult.objects.bulk_create(
            [IndicatorResult(report=report, indicator_id=pk, value=value) for pk, value in given.items()]
        )
        audit_record(
            action="fund.spending_report_submit",
            subject=application,
            actor=actor,
            reason=_("Verantwoording ingediend"),
            data={
                "report_id": report.pk,
                "period_start": period_start.isoformat(),
                "period_end": period_end.isoformat(),
                "spent_cents": spent_cents,
                "results": {targeted[pk].code: value for pk, value in sorted(given.items())},
            },
        )
    return report
