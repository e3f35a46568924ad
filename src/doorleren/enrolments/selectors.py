"""Read enrolments: who sees which, which steps someone may take now, the history and the split."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone

from doorleren.accounts import selectors as accounts_selectors
from doorleren.audit import selectors as audit_selectors
from doorleren.budgets import selectors as budgets_selectors
from doorleren.learning import selectors as learning_selectors

from .models import STEP_TARGETS, TRANSITIONS, ActorKind, Enrolment, EnrolmentFunding

if TYPE_CHECKING:
    from doorleren.accounts.models import User
    from doorleren.audit.models import AuditEvent
    from doorleren.budgets.selectors import FundingSplit
    from doorleren.learning.models import Module, ModuleStart

# Roles whose members act for a provider (a school, or a company that trains).
PROVIDER_ROLES = ("school", "employer")


def _with_relations(queryset: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    return queryset.select_related("module", "provider", "resident", "module_start").prefetch_related(
        "fundings__budget__rule__funder"
    )


def _active(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def enrolments_of_resident(*, resident: User) -> QuerySet[Enrolment]:
    """The resident's own enrolments, newest first."""
    return _with_relations(Enrolment.objects.filter(resident=resident)).order_by("-created_at", "-id")


def provider_ids_for(*, user: User) -> list[int]:
    """The organisations ``user`` acts for as a provider (school and employer users: their own)."""
    if not any(accounts_selectors.has_role(user=user, role=role) for role in PROVIDER_ROLES):
        return []
    return list(accounts_selectors.user_organisations(user=user).values_list("pk", flat=True))


def enrolments_for_provider_user(*, user: User) -> QuerySet[Enrolment]:
    """Enrolments for modules of the organisations ``user`` is a member of, soonest start first."""
    return _with_relations(Enrolment.objects.filter(provider_id__in=provider_ids_for(user=user))).order_by(
        "start_date", "id"
    )


def enrolments_for_coach(*, user: User) -> QuerySet[Enrolment]:
    """Enrolments of the residents who gave the coach's organisation consent (read only)."""
    if not accounts_selectors.has_role(user=user, role="coach"):
        return Enrolment.objects.none()
    residents = accounts_selectors.residents_visible_to(viewer=user).values("pk")
    return _with_relations(Enrolment.objects.filter(resident__in=residents)).order_by("-created_at", "-id")


def enrolments_visible_to(*, user: User) -> QuerySet[Enrolment]:
    """What ``user`` may see: a resident their own, a provider member their modules' enrolments, a
    coach those of residents with consent. Nobody else sees any."""
    if not _active(user):
        return Enrolment.objects.none()
    if accounts_selectors.is_resident(user=user):
        return enrolments_of_resident(resident=user)
    if accounts_selectors.has_role(user=user, role="coach"):
        return enrolments_for_coach(user=user)
    return enrolments_for_provider_user(user=user)


def enrolment_visible(*, user: User, pk: int) -> Enrolment | None:
    """The enrolment ``pk`` if ``user`` may see it, else None."""
    return enrolments_visible_to(user=user).filter(pk=pk).first()


def enrolment_by_key(*, resident: User, idempotency_key: str) -> Enrolment | None:
    return Enrolment.objects.filter(resident=resident, idempotency_key=idempotency_key).first()


def actor_kind(
    *, enrolment: Enrolment, actor: User | None, provider_ids: list[int] | None = None
) -> str | None:
    """Who ``actor`` is for this enrolment (``ActorKind``); None: no part in it. ``None`` actor is the
    system. ``provider_ids``: ``provider_ids_for(user=actor)`` when already known (lists of enrolments)."""
    if actor is None:
        return ActorKind.SYSTEM
    if not _active(actor):
        return None
    if actor.pk == enrolment.resident_id:
        return ActorKind.RESIDENT if accounts_selectors.is_resident(user=actor) else None
    if provider_ids is None:
        provider_ids = provider_ids_for(user=actor)
    if enrolment.provider_id in provider_ids:
        return ActorKind.PROVIDER
    if accounts_selectors.has_role(user=actor, role="coach") and accounts_selectors.can_view_resident(
        viewer=actor, resident=enrolment.resident
    ):
        return ActorKind.COACH
    return None


def steps_for(
    *, enrolment: Enrolment, actor: User | None, provider_ids: list[int] | None = None
) -> list[str]:
    """The steps (``Step`` values) ``actor`` may take now, in the order of ``Step``."""
    allowed = TRANSITIONS.get(enrolment.state, {})
    if not allowed or (actor is not None and accounts_selectors.has_role(user=actor, role="coach")):
        return []  # a final state; coaches only read (the table gives them no step)
    kind = actor_kind(enrolment=enrolment, actor=actor, provider_ids=provider_ids)
    if kind is None:
        return []
    return [step for step, target in STEP_TARGETS.items() if kind in allowed.get(target, ())]


def enrolment_history(*, enrolment: Enrolment) -> list[AuditEvent]:
    """Every step of the enrolment from the audit log (who, when, why), oldest first."""
    return list(audit_selectors.audit_events_for(subject=enrolment).order_by("at", "id"))


def module_for_enrolment(*, module_id: int) -> Module | None:
    """A published module a resident can enrol for, with its provider; else None."""
    return learning_selectors.modules_published().filter(pk=module_id).select_related("provider").first()


def module_starts_upcoming(*, module: Module, on: dt.date | None = None) -> list[ModuleStart]:
    """The module's starts from ``on`` (default today), earliest first."""
    on = on or timezone.localdate()
    return learning_selectors.module_starts_from(module_ids=[module.pk], on_or_after=on).get(module.pk, [])


def module_has_fixed_starts(*, module: Module) -> bool:
    """Does the module have start dates at all (past ones too)? Without them it starts any day."""
    return bool(learning_selectors.module_starts_from(module_ids=[module.pk], on_or_after=dt.date.min))


def enrolment_split(
    *, resident: User, module: Module, start_date: dt.date, on: dt.date | None = None
) -> FundingSplit:
    """Who pays what if ``resident`` enrols for ``module`` starting ``start_date``: read only."""
    return budgets_selectors.funding_split_for_modules(
        resident=resident, modules=[module], on=on, starts={module.pk: start_date}
    )


# --- for monitoring (docs/monitoring.md): plain columns of all enrolments, for aggregates ----------

# States of an enrolment whose module really began.
BEGUN_STATES = ("started", "attended", "paid", "dropped_out")
# States of an enrolment whose module was completed.
COMPLETED_STATES = ("attended", "paid")


def enrolments_for_monitoring() -> list[tuple[int, dt.date, dt.date | None, bool]]:
    """``(resident user id, start date, finished on or None, completed)`` of each enrolment whose module
    began."""
    rows = Enrolment.objects.filter(state__in=BEGUN_STATES).values_list(
        "resident_id", "start_date", "finished_on", "state"
    )
    return [
        (user_id, start, finished, state in COMPLETED_STATES)
        for user_id, start, finished, state in rows.iterator()
    ]


def payments_for_monitoring() -> list[tuple[int, dt.date, int, int]]:
    """``(resident user id, payment date, cents paid to the provider, grant rule id)`` of each part of a
    budget that was paid out for an enrolment."""
    rows = EnrolmentFunding.objects.filter(paid_cents__gt=0, payment__isnull=False).values_list(
        "enrolment__resident_id", "payment__created_at", "paid_cents", "budget__rule_id"
    )
    return [
        (user_id, timezone.localtime(paid_at).date(), cents, rule_id)
        for user_id, paid_at, cents, rule_id in rows.iterator()
    ]


def enrolment_rule_starts_for_monitoring() -> list[tuple[int, int, dt.date]]:
    """``(resident user id, grant rule id, start date)`` for each enrolment (begun or only reserved, not
    cancelled) paid partly from a budget of that rule: who takes part in a measure through its rules."""
    return list(
        EnrolmentFunding.objects.exclude(enrolment__state="cancelled")
        .values_list("enrolment__resident_id", "budget__rule_id", "enrolment__start_date")
        .iterator()
    )


# --- privacy (docs/security-privacy.md) ------------------------------------------------------------


def personal_data_for(*, user: User) -> dict:
    """What enrolments keeps about ``user``: every enrolment with its money in cents and who pays."""
    return {
        "enrolments": [
            {
                "id": enrolment.pk,
                "module": enrolment.module.title,
                "provider": enrolment.provider.name,
                "start_date": enrolment.start_date,
                "state": enrolment.state,
                "module_hours": enrolment.module_hours,
                "attended_hours": enrolment.attended_hours,
                "finished_on": enrolment.finished_on,
                "price_cents": enrolment.price_cents,
                "covered_cents": enrolment.covered_cents,
                "left_to_pay_cents": enrolment.left_to_pay_cents,
                "created_at": enrolment.created_at,
                "fundings": [
                    {
                        "position": funding.position,
                        "funder": funding.budget.rule.funder.name,
                        "rule": funding.budget.rule.name,
                        "amount_cents": funding.amount_cents,
                    }
                    for funding in sorted(enrolment.fundings.all(), key=lambda f: f.position)
                ],
            }
            for enrolment in enrolments_of_resident(resident=user).order_by("created_at", "id")
        ]
    }
