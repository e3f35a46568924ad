"""Enrolments: the only code that writes them. Money moves only through ``budgets.services``.

Every step is a transition of ``models.TRANSITIONS``: it is taken under a row lock on the enrolment
(after the lock on the resident's budget accounts, the order every money operation uses), checked
against the table (state and who), done, and written to the audit log in the same database
transaction. Anything the table does not allow is refused with a Dutch sentence: 409 for a step
that does not fit the state, 403 for someone who may not take it.

The rules (docs/enrolments.md):

- The price is the catalogue price when the resident enrols (``module.price_cents``), never a price
  from the request: a request that names another price is refused, and the platform never pays
  more than the catalogue price.
- Enrolling reserves every budget's part of the co-funding split at once, or nothing (one database
  transaction). A retry with the same idempotency key returns the same enrolment and reserves
  nothing more, also when the retries arrive at the same time.
- Cancelling before the start releases every reservation. The provider is paid only after it
  confirmed the start and the attendance. A drop-out after the start is settled pro rata: every
  payer (each budget and the resident) pays its own part × hours attended / hours of the module,
  rounded down to whole cents; the rest of each reservation goes back to its budget.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.accounts import selectors as accounts_selectors
from doorleren.audit.services import audit_record
from doorleren.budgets import services as budgets_services
from doorleren.core.errors import ApplicationError
from doorleren.core.templatetags.money import format_euro

from . import selectors
from .models import (
    FINISHED_STATES,
    HOLDING_STATES,
    IDEMPOTENCY_KEY_MAX,
    REASON_MAX,
    STEP_TARGETS,
    TRANSITIONS,
    ActorKind,
    Enrolment,
    EnrolmentFunding,
    EnrolmentState,
    Step,
)

if TYPE_CHECKING:
    from doorleren.accounts.models import User
    from doorleren.learning.models import Module, ModuleStart


# --- checks ---------------------------------------------------------------------------------------


def _key_check(key: object) -> str:
    if not isinstance(key, str) or not key.strip() or len(key) > IDEMPOTENCY_KEY_MAX or "\x00" in key:
        raise ApplicationError(
            _("De sleutel tegen dubbel inschrijven is leeg of te lang. Gebruik 1 tot %(max)d tekens.")
            % {"max": IDEMPOTENCY_KEY_MAX},
            code="enrolment_key_invalid",
        )
    return key.strip()


def _reason_check(reason: object) -> str:
    if reason is None:
        return ""
    if not isinstance(reason, str) or len(reason) > REASON_MAX or "\x00" in reason:
        raise ApplicationError(
            _("Schrijf de reden in hoogstens %(max)d tekens, zonder vreemde tekens.") % {"max": REASON_MAX},
            code="enrolment_reason_invalid",
        )
    return reason.strip()


def _cents_check(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ApplicationError(
            _("Een bedrag is een heel aantal centen, 0 of meer."), code="enrolment_amount_invalid"
        )
    return value


def price_check(*, module: Module, price_cents: int | None) -> int:
    """The price of an enrolment: always the catalogue price. A stated price above it is refused
    (the platform never pays more than the published price), and so is any other stated price."""
    price_cents = _cents_check(price_cents)
    catalogue = module.price_cents
    if price_cents is not None and price_cents > catalogue:
        raise ApplicationError(
            _(
                "Deze prijs is hoger dan de prijs in het aanbod (%(price)s). Wij betalen nooit meer dan de prijs in het aanbod."
            )
            % {"price": format_euro(catalogue)},
            code="enrolment_price_above_catalogue",
            status=409,
        )
    if price_cents is not None and price_cents != catalogue:
        raise ApplicationError(
            _(
                "Deze prijs klopt niet. In het aanbod staat %(price)s. Wij gebruiken altijd de prijs uit het aanbod."
            )
            % {"price": format_euro(catalogue)},
            code="enrolment_price_differs",
            status=409,
        )
    return catalogue


def _start_resolve(
    *, module: Module, start: ModuleStart | dt.date | None, on: dt.date
) -> tuple[ModuleStart | None, dt.date]:
    """(the module start, its date). None: the first start from ``on``; without starts, ``on`` itself."""
    starts = selectors.module_starts_upcoming(module=module, on=on)
    if start is None:
        if starts:
            return starts[0], starts[0].start_date
        if selectors.module_has_fixed_starts(module=module):
            raise _no_start_left()
        return None, on
    if hasattr(start, "start_date") and hasattr(start, "module_id"):  # a ModuleStart
        if start.module_id != module.pk:
            raise ApplicationError(_("Kies een start van deze module."), code="enrolment_start_invalid")
        day = start.start_date
    elif isinstance(start, dt.date) and not isinstance(start, dt.datetime):
        day = start
    else:
        raise ApplicationError(_("Kies een start van deze module."), code="enrolment_start_invalid")
    if day < on:
        raise ApplicationError(
            _("Deze start is al geweest. Kies een latere start."), code="enrolment_start_past", status=409
        )
    match = next((known for known in starts if known.start_date == day), None)
    if match is None and selectors.module_has_fixed_starts(module=module):
        raise ApplicationError(_("Kies een start van deze module."), code="enrolment_start_invalid")
    return match, day


def _no_start_left() -> ApplicationError:
    return ApplicationError(
        _("Deze module heeft geen nieuwe start. U kunt zich nu niet inschrijven."),
        code="enrolment_no_start",
        status=409,
    )


def _ledger_reason(enrolment: Enrolment, what: str) -> str:
    return _("Inschrijving %(id)s, %(module)s: %(what)s") % {
        "id": enrolment.pk,
        "module": enrolment.module.title[:200],
        "what": what,
    }


def _key_reused() -> ApplicationError:
    return ApplicationError(
        _(
            "Deze sleutel is al gebruikt voor een inschrijving voor een andere module. Gebruik een nieuwe sleutel."
        ),
        code="enrolment_key_reused",
        status=409,
    )


def _already_open() -> ApplicationError:
    return ApplicationError(
        _("U bent al ingeschreven voor deze module. Kijk bij Mijn inschrijvingen."),
        code="enrolment_already_open",
        status=409,
    )


def _retry_result(*, resident: User, key: str, module: Module) -> Enrolment | None:
    existing = selectors.enrolment_by_key(resident=resident, idempotency_key=key)
    if existing is not None and existing.module_id != module.pk:
        raise _key_reused()
    return existing


# --- enrolling ------------------------------------------------------------------------------------


def enrolment_create(
    *,
    resident: User,
    module: Module,
    start: ModuleStart | dt.date | None,
    idempotency_key: str,
    actor: User | None,
    price_cents: int | None = None,
    expected_left_to_pay_cents: int | None = None,
    on: dt.date | None = None,
    reason: str = "",
) -> Enrolment:
    """Enrol ``resident`` for ``module`` and reserve every budget's part of the co-funding split.

    ``actor``: the resident themself (or None: the system). ``start``: a ``ModuleStart`` of the
    module, a date (one of its starts; any day from ``on`` when the module has no fixed starts) or
    None (the first start). ``price_cents``: the price the request names, if any; it must be the
    catalogue price. ``expected_left_to_pay_cents``: what the resident saw they would pay; when the
    split has changed since, nothing happens (409) so they can look again.

    All in one database transaction: when a budget turns out to be short, nothing is reserved. A
    retry with the same ``idempotency_key`` returns the first enrolment and reserves nothing more.
    """
    key = _key_check(idempotency_key)
    reason = _reason_check(reason)
    expected_left_to_pay_cents = _cents_check(expected_left_to_pay_cents)
    if not accounts_selectors.is_resident(user=resident) or not resident.is_active:
        raise ApplicationError(
            _("Alleen een inwoner kan zich inschrijven voor een module."),
            code="enrolment_not_a_resident",
            status=403,
        )
    if actor is not None and actor.pk != resident.pk:
        raise ApplicationError(
            _("U kunt alleen uzelf inschrijven."), code="enrolment_actor_not_resident", status=403
        )
    existing = _retry_result(resident=resident, key=key, module=module)
    if existing is not None:
        return existing
    module = selectors.module_for_enrolment(module_id=module.pk)  # the catalogue as it is now
    if module is None:
        raise ApplicationError(
            _("Voor deze module kunt u zich niet inschrijven. Zij staat niet in het aanbod."),
            code="enrolment_module_not_published",
            status=409,
        )
    price = price_check(module=module, price_cents=price_cents)
    on = on or timezone.localdate()
    module_start, start_date = _start_resolve(module=module, start=start, on=on)
    try:
        with transaction.atomic():
            # The lock every money operation of this resident takes first: enrolments of one resident
            # are made one after another, so the split below sees the balances it will reserve from.
            budgets_services.resident_budgets_lock(resident=resident)
            existing = _retry_result(resident=resident, key=key, module=module)
            if existing is not None:
                return existing
            if Enrolment.objects.filter(resident=resident, module=module, state__in=HOLDING_STATES).exists():
                raise _already_open()
            enrolment = Enrolment.objects.create(
                resident=resident,
                module=module,
                provider_id=module.provider_id,
                module_start=module_start,
                start_date=start_date,
                module_hours=module.hours,
                price_cents=price,
                covered_cents=0,
                left_to_pay_cents=price,
                state=EnrolmentState.REQUESTED,
                idempotency_key=key,
            )
            audit_record(
                action="enrolments.request",
                subject=enrolment,
                actor=actor,
                reason=reason,
                data={
                    "from": None,
                    "to": EnrolmentState.REQUESTED,
                    "by": ActorKind.SYSTEM if actor is None else ActorKind.RESIDENT,
                    "module": module.pk,
                    "start_date": start_date.isoformat(),
                    "price_cents": price,
                },
            )
            _reserve(
                enrolment=enrolment, actor=actor, on=on, expected=expected_left_to_pay_cents, reason=reason
            )
    except IntegrityError:
        # Another request with the same key (or for the same module) was stored first.
        existing = _retry_result(resident=resident, key=key, module=module)
        if existing is not None:
            return existing
        if Enrolment.objects.filter(resident=resident, module=module, state__in=HOLDING_STATES).exists():
            raise _already_open() from None
        raise
    return enrolment


def _reserve(
    *, enrolment: Enrolment, actor: User | None, on: dt.date, expected: int | None, reason: str
) -> None:
    """requested → reserved: reserve every budget's part of the split (inside ``enrolment_create``)."""
    kind = _kind_or_refuse(enrolment, actor)
    _require(enrolment=enrolment, target=EnrolmentState.RESERVED, kind=kind)
    split = selectors.enrolment_split(
        resident=enrolment.resident, module=enrolment.module, start_date=enrolment.start_date, on=on
    )
    item = split.items[0]
    if expected is not None and item.left_to_pay_cents != expected:
        raise ApplicationError(
            _("Wie wat betaalt is veranderd sinds u keek. Bekijk het opnieuw en bevestig dan."),
            code="enrolment_split_changed",
            status=409,
        )
    if item.item.cost_cents != enrolment.price_cents or item.covered_cents > enrolment.price_cents:
        raise ApplicationError(  # pragma: no cover - the split pays at most the price it is given
            _("Wij betalen nooit meer dan de prijs in het aanbod."), code="enrolment_price_above_catalogue"
        )
    parts = []
    for position, part in enumerate(item.parts, start=1):
        try:
            record = budgets_services.reservation_create(
                budget=part.budget,
                amount_cents=part.amount_cents,
                idempotency_key=f"enrolment-{enrolment.pk}-{position}",
                reason=_ledger_reason(enrolment, _("gereserveerd")),
                actor=actor,
            )
        except ApplicationError as error:
            if error.code == "ledger_insufficient_balance":  # pragma: no cover - the lock above prevents it
                raise ApplicationError(
                    _("Er staat niet genoeg geld meer op een van uw budgetten. Er is niets gereserveerd."),
                    code="enrolment_budget_insufficient",
                    status=409,
                ) from None
            raise
        parts.append(
            EnrolmentFunding(
                enrolment=enrolment,
                position=position,
                budget=part.budget,
                amount_cents=part.amount_cents,
                reservation=record,
            )
        )
    EnrolmentFunding.objects.bulk_create(parts)
    enrolment.covered_cents = item.covered_cents
    enrolment.left_to_pay_cents = item.left_to_pay_cents
    enrolment.state = EnrolmentState.RESERVED
    enrolment.save(update_fields=["covered_cents", "left_to_pay_cents", "state", "updated_at"])
    audit_record(
        action="enrolments.reserve",
        subject=enrolment,
        actor=actor,
        reason=reason,
        data={
            "from": EnrolmentState.REQUESTED,
            "to": EnrolmentState.RESERVED,
            "by": kind,
            "price_cents": enrolment.price_cents,
            "covered_cents": enrolment.covered_cents,
            "left_to_pay_cents": enrolment.left_to_pay_cents,
            "parts": [{"budget": p.budget_id, "amount_cents": p.amount_cents} for p in parts],
        },
    )


# --- the state machine ----------------------------------------------------------------------------


def _kind_or_refuse(enrolment: Enrolment, actor: User | None) -> str:
    kind = selectors.actor_kind(enrolment=enrolment, actor=actor)
    if kind is None:
        raise ApplicationError(
            _("U mag niets veranderen aan deze inschrijving."), code="enrolment_not_yours", status=403
        )
    return kind


def _who(kinds) -> str:
    labels = [str(ActorKind(kind).label) for kind in ActorKind.values if kind in kinds]
    if len(labels) == 1:
        return labels[0]
    return _("%(first)s of %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def _require(*, enrolment: Enrolment, target: str, kind: str) -> None:
    """Refuse (``ApplicationError``) unless ``TRANSITIONS`` allows ``enrolment.state`` → ``target`` by ``kind``."""
    state = EnrolmentState(enrolment.state)
    following = TRANSITIONS[state]
    if target not in following:
        if not following:
            message = _(
                "Dit kan niet meer. De inschrijving is %(state)s. Daarna verandert er niets meer."
            ) % {"state": state.label}
        else:
            message = _("Dit kan nu niet. De inschrijving is %(state)s. Wat nu nog kan: %(next)s.") % {
                "state": state.label,
                "next": ", ".join(str(EnrolmentState(s).label) for s in following),
            }
        raise ApplicationError(
            message,
            code="enrolment_transition_not_allowed",
            status=409,
            extra={"state": state.value, "to": target},
        )
    if kind not in following[target]:
        raise ApplicationError(
            _("U mag deze stap niet zetten. Dit mag alleen %(who)s.") % {"who": _who(following[target])},
            code="enrolment_actor_not_allowed",
            status=403,
        )


def _hours_check(value: object, *, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ApplicationError(
            _("Vul het aantal uren in dat de inwoner er was: %(low)d tot en met %(high)d.")
            % {"low": low, "high": high},
            code="enrolment_hours_invalid",
        )
    return value


def _step(
    *,
    enrolment: Enrolment,
    step: str,
    actor: User | None,
    reason: str,
    work: Callable[[Enrolment, str], dict] | None = None,
) -> Enrolment:
    """Take ``step`` under the locks (resident's budgets, then the enrolment row), check it against
    ``TRANSITIONS``, do ``work`` (it returns facts for the audit line) and log it."""
    target = STEP_TARGETS[step]
    reason = _reason_check(reason)
    with transaction.atomic():
        budgets_services.resident_budgets_lock(resident=enrolment.resident)
        locked = (
            Enrolment.objects.select_for_update(of=("self",))
            .select_related("module", "provider", "resident")
            .get(pk=enrolment.pk)
        )
        kind = _kind_or_refuse(locked, actor)
        _require(enrolment=locked, target=target, kind=kind)
        before = locked.state
        facts = work(locked, kind) if work is not None else {}
        locked.state = target
        if target in FINISHED_STATES and locked.finished_on is None:
            locked.finished_on = timezone.localdate()
        locked.save()
        audit_record(
            action=f"enrolments.{step}",
            subject=locked,
            actor=actor,
            reason=reason,
            data={"from": before, "to": target, "by": kind, **facts},
        )
    return locked


def _fundings(enrolment: Enrolment) -> list[EnrolmentFunding]:
    return list(enrolment.fundings.select_related("reservation").order_by("position"))


def enrolment_cancel(*, enrolment: Enrolment, actor: User | None, reason: str = "") -> Enrolment:
    """Before the start: cancel and give every reservation back to its budget. The resident pays nothing."""

    def work(locked: Enrolment, kind: str) -> dict:
        released = 0
        for funding in _fundings(locked):
            funding.release = budgets_services.reservation_release(
                reservation=funding.reservation,
                reason=_ledger_reason(locked, _("geannuleerd, geld terug naar het budget")),
                actor=actor,
            )
            funding.released_cents = funding.amount_cents
            funding.save(update_fields=["release", "released_cents"])
            released += funding.amount_cents
        locked.released_cents = released
        locked.resident_share_cents = 0
        return {"released_cents": released}

    return _step(enrolment=enrolment, step=Step.CANCEL, actor=actor, reason=reason, work=work)


def enrolment_confirm_start(*, enrolment: Enrolment, actor: User | None, reason: str = "") -> Enrolment:
    """The provider confirms the resident started. Nothing is paid yet."""
    return _step(enrolment=enrolment, step=Step.CONFIRM_START, actor=actor, reason=reason)


def enrolment_confirm_attendance(
    *, enrolment: Enrolment, actor: User | None, attended_hours: int, reason: str = ""
) -> Enrolment:
    """The provider confirms the resident finished the module and was there ``attended_hours``
    (1 up to the module's hours). After this the provider can be paid (``enrolment_pay``)."""
    hours = _hours_check(attended_hours, low=1, high=enrolment.module_hours)

    def work(locked: Enrolment, kind: str) -> dict:
        locked.attended_hours = hours
        return {"attended_hours": hours}

    return _step(enrolment=enrolment, step=Step.CONFIRM_ATTENDANCE, actor=actor, reason=reason, work=work)


def enrolment_pay(*, enrolment: Enrolment, actor: User | None, reason: str = "") -> Enrolment:
    """Only after the provider confirmed the start and the attendance: every reservation goes to what
    the funder owes the provider. The resident pays their own part (``left_to_pay_cents``) themselves."""

    def work(locked: Enrolment, kind: str) -> dict:
        paid = 0
        for funding in _fundings(locked):
            funding.payment = budgets_services.reservation_pay(
                reservation=funding.reservation,
                provider=locked.provider,
                reason=_ledger_reason(
                    locked, _("betaald aan %(provider)s") % {"provider": locked.provider.name}
                ),
                actor=actor,
            )
            funding.paid_cents = funding.amount_cents
            funding.save(update_fields=["payment", "paid_cents"])
            paid += funding.amount_cents
        if (
            paid + locked.left_to_pay_cents > locked.price_cents
        ):  # pragma: no cover - a database constraint too
            raise ApplicationError(
                _("Wij betalen nooit meer dan de prijs in het aanbod."), code="enrolment_overpay"
            )
        locked.provider_paid_cents = paid
        locked.resident_share_cents = locked.left_to_pay_cents
        return {"paid_cents": paid, "resident_share_cents": locked.left_to_pay_cents}

    return _step(enrolment=enrolment, step=Step.PAY, actor=actor, reason=reason, work=work)


def refund_shares(
    *, amounts: Sequence[int], left_to_pay_cents: int, attended_hours: int, module_hours: int
) -> tuple[list[int], int]:
    """The drop-out rule: what each budget part (``amounts``) and the resident (``left_to_pay_cents``)
    pay the provider: their own part × ``attended_hours`` / ``module_hours``, rounded down to whole
    cents. Never more than a part; the provider never gets more than the price."""
    if module_hours <= 0 or not 0 <= attended_hours <= module_hours:
        raise ValueError("attended hours must be 0 up to the module's hours")
    pays = [amount * attended_hours // module_hours for amount in amounts]
    return pays, left_to_pay_cents * attended_hours // module_hours


def enrolment_drop_out(
    *, enrolment: Enrolment, actor: User | None, attended_hours: int, reason: str = ""
) -> Enrolment:
    """After the start the resident stopped; the provider says how many hours they were there (0 up
    to the module's hours). The provider gets each part pro rata (``refund_shares``); the rest of every
    reservation goes back to its budget."""
    hours = _hours_check(attended_hours, low=0, high=enrolment.module_hours)

    def work(locked: Enrolment, kind: str) -> dict:
        fundings = _fundings(locked)
        pays, resident_share = refund_shares(
            amounts=[funding.amount_cents for funding in fundings],
            left_to_pay_cents=locked.left_to_pay_cents,
            attended_hours=hours,
            module_hours=locked.module_hours,
        )
        for funding, pay in zip(fundings, pays, strict=True):
            settlement = budgets_services.reservation_refund(
                reservation=funding.reservation,
                pay_cents=pay,
                provider=locked.provider,
                reason=_ledger_reason(
                    locked,
                    _("gestopt na %(hours)d van %(total)d uur")
                    % {"hours": hours, "total": locked.module_hours},
                ),
                actor=actor,
            )
            funding.payment, funding.release = settlement.payment, settlement.release
            funding.paid_cents, funding.released_cents = settlement.paid_cents, settlement.released_cents
            funding.save(update_fields=["payment", "release", "paid_cents", "released_cents"])
        locked.attended_hours = hours
        locked.provider_paid_cents = sum(pays)
        locked.released_cents = locked.covered_cents - sum(pays)
        locked.resident_share_cents = resident_share
        return {
            "attended_hours": hours,
            "paid_cents": sum(pays),
            "released_cents": locked.released_cents,
            "resident_share_cents": resident_share,
        }

    return _step(enrolment=enrolment, step=Step.DROP_OUT, actor=actor, reason=reason, work=work)


def enrolment_step(
    *,
    enrolment: Enrolment,
    step: str,
    actor: User | None,
    attended_hours: int | None = None,
    reason: str = "",
) -> Enrolment:
    """Take ``step`` (a ``Step`` value) by name, for the pages and the API."""
    if step == Step.CANCEL:
        return enrolment_cancel(enrolment=enrolment, actor=actor, reason=reason)
    if step == Step.CONFIRM_START:
        return enrolment_confirm_start(enrolment=enrolment, actor=actor, reason=reason)
    if step == Step.CONFIRM_ATTENDANCE:
        return enrolment_confirm_attendance(
            enrolment=enrolment, actor=actor, attended_hours=attended_hours, reason=reason
        )
    if step == Step.PAY:
        return enrolment_pay(enrolment=enrolment, actor=actor, reason=reason)
    if step == Step.DROP_OUT:
        return enrolment_drop_out(
            enrolment=enrolment, actor=actor, attended_hours=attended_hours, reason=reason
        )
    raise ApplicationError(_("Deze stap kennen wij niet."), code="enrolment_step_unknown")


# Signals for coaches (fraud and error checks): decisions about them, docs/enrolments.md "Signalen voor coaches".
from .services_anomalies import anomaly_review_create  # noqa: E402, F401 - re-exported

# --- privacy (docs/security-privacy.md) ------------------------------------------------------------


@transaction.atomic
def anomaly_reviews_purge(*, before, dry_run: bool = False) -> int:
    """Delete coaches' decisions on signals made before ``before`` (a datetime); the retention task
    (5 years). A signal that still shows up after that is simply reviewed again. Returns how many
    (would) go."""
    from .models import AnomalyReview

    old = AnomalyReview.objects.filter(created_at__lt=before)
    if dry_run:
        return old.count()
    return old.delete()[0]
