"""Applications while they are made: create, change, consortium partners, targets, submit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.audit.services import audit_record
from doorleren.core.errors import ApplicationError
from doorleren.core.templatetags.money import format_euro

from ..models import (
    TEXT_MAX,
    TITLE_MAX,
    ApplicationState,
    ApplicationTarget,
    ConsortiumMember,
    ConsortiumRole,
    FundApplication,
    FundCall,
    Indicator,
)
from ..rules import CONSORTIUM_KINDS, REQUIRED_KINDS
from ._checks import (
    amount_check,
    draft_check,
    forbidden,
    indicator_value_check,
    is_applicant_for,
    lead_check,
    text_check,
    transition_check,
)

if TYPE_CHECKING:
    from doorleren.accounts.models import User
    from doorleren.organisations.models import Organisation

TARGETS_MAX = 20


def locked(application: FundApplication) -> FundApplication:
    """The application's row, locked until the end of the transaction (``SELECT ... FOR UPDATE``)."""
    return (
        FundApplication.objects.select_for_update(of=("self",))
        .select_related("call", "lead_organisation")
        .get(pk=application.pk)
    )


def _kind_check(organisation: Organisation) -> None:
    if organisation.kind not in CONSORTIUM_KINDS:
        raise ApplicationError(
            _(
                "%(name)s kan niet meedoen. Een samenwerkingsverband bestaat uit scholen, werkgevers, "
                "overheden en coöperaties."
            )
            % {"name": organisation.name},
            code="fund_member_kind_invalid",
            extra={"field": "organisation"},
        )


def _not_closed_check(call: FundCall, today: dt.date) -> None:
    if today > call.closes_on:
        raise ApplicationError(
            _("De oproep is gesloten sinds %(date)s. U kunt niet meer aanvragen.")
            % {"date": call.closes_on.strftime("%d-%m-%Y")},
            code="fund_call_closed",
            status=409,
        )


def _max_check(call: FundCall, requested_cents: int) -> None:
    if requested_cents > call.max_per_application_cents:
        raise ApplicationError(
            _("U kunt hoogstens %(max)s vragen bij deze oproep.")
            % {"max": _euro(call.max_per_application_cents)},
            code="fund_application_above_maximum",
            extra={"field": "requested"},
        )


def _euro(cents: int) -> str:
    return format_euro(cents)


def _targets_check(call: FundCall, targets: Mapping[Indicator, int]) -> dict[Indicator, int]:
    if len(targets) > TARGETS_MAX:
        raise ApplicationError(
            _("Kies hoogstens %(max)d indicatoren.") % {"max": TARGETS_MAX},
            code="fund_targets_too_many",
            extra={"field": "targets"},
        )
    allowed = set(call.indicators.values_list("pk", flat=True))
    checked = {}
    for indicator, value in targets.items():
        if indicator.pk not in allowed:
            raise ApplicationError(
                _("De indicator ‘%(name)s’ hoort niet bij deze oproep.") % {"name": indicator.name},
                code="fund_target_indicator_not_in_call",
                extra={"field": "targets"},
            )
        checked[indicator] = indicator_value_check(
            value, field="targets", code="fund_target_value", minimum=1
        )
    return checked


def _targets_write(application: FundApplication, targets: dict[Indicator, int]) -> None:
    ApplicationTarget.objects.filter(application=application).delete()
    ApplicationTarget.objects.bulk_create(
        [
            ApplicationTarget(application=application, indicator=indicator, target_value=value)
            for indicator, value in targets.items()
        ]
    )


def _targets_data(targets: dict[Indicator, int]) -> dict[str, int]:
    return {indicator.code: value for indicator, value in sorted(targets.items(), key=lambda i: i[0].code)}


def fund_application_create(
    *,
    actor: User | None,
    call: FundCall,
    lead_organisation: Organisation,
    title: str,
    requested_cents: int,
    summary: str = "",
    targets: Mapping[Indicator, int] | None = None,
    today: dt.date | None = None,
) -> FundApplication:
    """A draft application of ``lead_organisation`` (the lead, *penvoerder*) to ``call``.

    ``actor`` is a member of the lead organisation with an applicant role (``rules.APPLICANT_ROLES``),
    or None for the system (the demo; its audit lines have no actor). The call has not closed yet. The lead is the first member of the consortium.
    """
    if actor is not None and not is_applicant_for(actor, lead_organisation):
        raise forbidden(
            _("U kunt alleen aanvragen voor een organisatie waar u voor werkt."), code="fund_not_a_member"
        )
    _kind_check(lead_organisation)
    _not_closed_check(call, today or timezone.localdate())
    title = text_check(
        title, field="title", max_length=TITLE_MAX, required=True, code="fund_application_title"
    )
    summary = text_check(
        summary, field="summary", max_length=TEXT_MAX, required=False, code="fund_application_summary"
    )
    requested_cents = amount_check(requested_cents, field="requested", code="fund_application_requested")
    _max_check(call, requested_cents)
    targets = _targets_check(call, targets or {})
    with transaction.atomic():
        application = FundApplication.objects.create(
            call=call,
            title=title,
            summary=summary,
            requested_cents=requested_cents,
            lead_organisation=lead_organisation,
            created_by=actor,
        )
        ConsortiumMember.objects.create(
            application=application, organisation=lead_organisation, role=ConsortiumRole.LEAD
        )
        _targets_write(application, targets)
        audit_record(
            action="fund.application_create",
            subject=application,
            actor=actor,
            reason=title,
            data={
                "call_id": call.pk,
                "lead_organisation_id": lead_organisation.pk,
                "requested_cents": requested_cents,
                "targets": _targets_data(targets),
                "state": application.state,
            },
        )
    return application


def fund_application_update(
    *,
    actor: User | None,
    application: FundApplication,
    title: str,
    requested_cents: int,
    summary: str = "",
    targets: Mapping[Indicator, int] | None = None,
) -> FundApplication:
    """Change a draft: title, summary, amount and (when given) the targeted indicators."""
    lead_check(actor, application)
    title = text_check(
        title, field="title", max_length=TITLE_MAX, required=True, code="fund_application_title"
    )
    summary = text_check(
        summary, field="summary", max_length=TEXT_MAX, required=False, code="fund_application_summary"
    )
    requested_cents = amount_check(requested_cents, field="requested", code="fund_application_requested")
    with transaction.atomic():
        application = locked(application)
        draft_check(application)
        _max_check(application.call, requested_cents)
        checked = _targets_check(application.call, targets) if targets is not None else None
        before = application.requested_cents
        application.title, application.summary, application.requested_cents = title, summary, requested_cents
        application.save(update_fields=["title", "summary", "requested_cents", "updated_at"])
        if checked is not None:
            _targets_write(application, checked)
        audit_record(
            action="fund.application_update",
            subject=application,
            actor=actor,
            reason=title,
            data={
                "requested_cents_before": before,
                "requested_cents": requested_cents,
                **({"targets": _targets_data(checked)} if checked is not None else {}),
            },
        )
    return application


def consortium_member_add(
    *, actor: User | None, application: FundApplication, organisation: Organisation
) -> ConsortiumMember:
    """Add ``organisation`` as a partner of a draft application (the lead's members do this)."""
    lead_check(actor, application)
    _kind_check(organisation)
    try:
        with transaction.atomic():
            application = locked(application)
            draft_check(application)
            if application.members.filter(organisation=organisation).exists():
                raise _already_member(organisation)
            member = ConsortiumMember.objects.create(
                application=application, organisation=organisation, role=ConsortiumRole.PARTNER
            )
            audit_record(
                action="fund.consortium_member_add",
                subject=application,
                actor=actor,
                reason=organisation.name,
                data={"organisation_id": organisation.pk, "kind": organisation.kind, "role": member.role},
            )
    except IntegrityError:
        raise _already_member(organisation) from None
    return member


def _already_member(organisation: Organisation) -> ApplicationError:
    return ApplicationError(
        _("%(name)s doet al mee aan deze aanvraag.") % {"name": organisation.name},
        code="fund_member_already",
        status=409,
        extra={"field": "organisation"},
    )


def consortium_member_remove(
    *, actor: User | None, application: FundApplication, organisation: Organisation
) -> None:
    """Take a partner out of a draft application. The lead stays."""
    lead_check(actor, application)
    with transaction.atomic():
        application = locked(application)
        draft_check(application)
        member = application.members.filter(organisation=organisation).first()
        if member is None:
            raise ApplicationError(
                _("%(name)s doet niet mee aan deze aanvraag.") % {"name": organisation.name},
                code="fund_member_unknown",
                status=404,
            )
        if member.role == ConsortiumRole.LEAD:
            raise ApplicationError(
                _("De penvoerder kan niet uit het samenwerkingsverband. Maak anders een nieuwe aanvraag."),
                code="fund_member_lead_stays",
                status=409,
            )
        member.delete()
        audit_record(
            action="fund.consortium_member_remove",
            subject=application,
            actor=actor,
            reason=organisation.name,
            data={"organisation_id": organisation.pk, "kind": organisation.kind},
        )


def submit_problems(application: FundApplication) -> list[tuple[str, str]]:
    """What still stops a draft from being submitted, as (code, Dutch sentence); empty when complete."""
    problems = []
    kinds = set(application.members.values_list("organisation__kind", flat=True))
    if "school" not in kinds:
        problems.append(
            (
                "fund_consortium_no_school",
                _("Voeg minstens één onderwijsinstelling toe aan het samenwerkingsverband."),
            )
        )
    if "employer" not in kinds:
        problems.append(
            (
                "fund_consortium_no_employer",
                _("Voeg minstens één werkgever toe aan het samenwerkingsverband."),
            )
        )
    if not application.targets.exists():
        problems.append(
            ("fund_targets_missing", _("Kies minstens één indicator en zeg wat u wilt bereiken."))
        )
    if application.requested_cents > application.call.max_per_application_cents:
        problems.append(
            (
                "fund_application_above_maximum",
                _("U kunt hoogstens %(max)s vragen bij deze oproep.")
                % {"max": _euro(application.call.max_per_application_cents)},
            )
        )
    return problems


def fund_application_submit(
    *, actor: User | None, application: FundApplication, today: dt.date | None = None
) -> FundApplication:
    """Draft → submitted. Only while the call is open, with at least one school and one employer
    in the consortium (``rules.REQUIRED_KINDS``), at least one targeted indicator and an amount of
    at most the call's maximum per application. After this the application is fixed."""
    lead_check(actor, application)
    today = today or timezone.localdate()
    with transaction.atomic():
        application = locked(application)
        transition_check(application, ApplicationState.SUBMITTED)
        call = application.call
        if today < call.opens_on:
            raise ApplicationError(
                _("De oproep is nog niet open. U kunt indienen vanaf %(date)s.")
                % {"date": call.opens_on.strftime("%d-%m-%Y")},
                code="fund_call_not_open",
                status=409,
            )
        _not_closed_check(call, today)
        problems = submit_problems(application)
        if problems:
            raise ApplicationError(
                " ".join(message for _code, message in problems),
                code="fund_application_incomplete",
                extra={"problems": [code for code, _message in problems]},
            )
        application.state = ApplicationState.SUBMITTED
        application.submitted_at = timezone.now()
        application.save(update_fields=["state", "submitted_at", "updated_at"])
        members = list(application.members.values_list("organisation_id", "organisation__kind", "role"))
        audit_record(
            action="fund.application_submit",
            subject=application,
            actor=actor,
            reason=_("Aanvraag ingediend"),
            data={
                "from": ApplicationState.DRAFT,
                "to": ApplicationState.SUBMITTED,
                "requested_cents": application.requested_cents,
                "members": [
                    {"organisation_id": pk, "kind": kind, "role": role} for pk, kind, role in members
                ],
                "required_kinds": list(REQUIRED_KINDS),
            },
        )
    return application
