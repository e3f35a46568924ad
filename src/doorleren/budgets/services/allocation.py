"""Fair allocation when money is scarce: rounds, applications and the allocation itself.

No first-come queue (docs/budgets.md, "Schaars geld eerlijk verdelen"): residents apply within a
period; after it closes, ``allocation_round_allocate`` ranks the applications by need-based points
and a published seeded lottery (``engine.allocation``) and grants budgets with ``budget_grant`` in
that order while the round's money lasts. The time of applying is stored but never used.

- ``allocation_round_create``: the programme office (or the system) opens a round for one grant
  rule, with the money, the period, the points per criterion and a fresh secret seed whose SHA-256
  is published at once; the seed itself is published when the period is over.
- ``budget_application_submit`` / ``budget_application_withdraw``: the resident, while the round
  is open; the facts that count for points are captured when applying.
- ``allocation_round_close``: after the period; reveals the seed (also done by allocate).
- ``allocation_round_allocate``: after the period, once; a second call does nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.accounts import selectors as accounts_selectors
from doorleren.audit.services import audit_record
from doorleren.core.errors import ApplicationError
from doorleren.engine import allocation as engine
from doorleren.profiles import selectors as profiles_selectors
from doorleren.region import selectors as region_selectors

from ..models import (
    SEED_MAX,
    AccountKind,
    AllocationRound,
    AllocationRoundState,
    Budget,
    BudgetApplication,
    BudgetApplicationState,
    GrantRule,
    LedgerAccount,
)
from ..selectors.allocation import allocation_round_phase
from ..selectors.eligibility import day, rule_eligibility, rule_employer
from .funders import _description_check, _name_check, funder_account
from .grants import budget_grant
from .ledger import amount_check

if TYPE_CHECKING:
    from doorleren.accounts.models import User
    from doorleren.profiles.models import ResidentProfile

# Who may open and allocate rounds.
ROUND_ROLES = ("programme_office", "administrator")
# The earthquake area (aardbevingsgebied) of the Nationaal Programma Groningen, as current
# municipalities (CBS codes): Eemsdelta (Appingedam, Delfzijl, Loppersum), Groningen, Het Hogeland,
# Midden-Groningen, Oldambt, Pekela, Veendam and Westerkwartier. A round stores its own copy.
EARTHQUAKE_AREA_CODES = ("GM1979", "GM0014", "GM1966", "GM1952", "GM1895", "GM0765", "GM0047", "GM1969")
# Education levels that are a start qualification (startkwalificatie): a havo or vwo diploma, or
# mbo level 2 or higher; hbo and wo are above it. None, primary school, vmbo and mbo 1 are not.
START_QUALIFICATION_LEVELS = frozenset({"mbo2", "mbo3", "mbo4", "havo", "vwo", "hbo", "wo"})


def _engine_error(error: engine.AllocationError) -> ApplicationError:
    return ApplicationError(_(engine.MESSAGES_NL[error.code]) % error.params, code=f"allocation_{error.code}")


def _date_check(value: object, *, code: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ApplicationError(_("Vul een geldige datum in."), code=code)
    return value


def _require_round_role(actor: User | None) -> None:
    if actor is None:
        return
    if not any(accounts_selectors.has_role(user=actor, role=role) for role in ROUND_ROLES):
        raise ApplicationError(
            _("Alleen het programmabureau mag geld verdelen."), code="allocation_not_allowed", status=403
        )


def _require_self(actor: User | None, resident: User) -> None:
    """Only the resident themself applies or withdraws (``None``: the system, e.g. the demo)."""
    if actor is not None and actor.pk != resident.pk:
        raise ApplicationError(
            _("U kunt alleen voor uzelf aanvragen."), code="budget_application_not_allowed", status=403
        )


def _earthquake_codes(codes: Iterable[str] | None) -> list[str]:
    codes = list(EARTHQUAKE_AREA_CODES if codes is None else codes)
    if any(not isinstance(code, str) for code in codes):
        raise ApplicationError(
            _("Deze gemeente kennen wij niet."), code="allocation_round_municipality_unknown"
        )
    known = set(
        region_selectors.municipalities_current().filter(code__in=codes).values_list("code", flat=True)
    )
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise ApplicationError(
            _("Er is geen gemeente met code “%(code)s”.") % {"code": unknown[0][:20]},
            code="allocation_round_municipality_unknown",
        )
    return sorted(set(codes))


def allocation_round_create(
    *,
    rule: GrantRule,
    name: str,
    opens_on: dt.date,
    closes_on: dt.date,
    money_cents: int,
    actor: User | None,
    description: str = "",
    points: Mapping[str, int] | None = None,
    earthquake_area: Iterable[str] | None = None,
    today: dt.date | None = None,
    seed: str | None = None,
) -> AllocationRound:
    """Open a round for ``rule``: residents apply from ``opens_on`` to ``closes_on`` (inclusive);
    afterwards ``money_cents`` is allocated. ``points``: criterion → points (default
    ``engine.allocation.DEFAULT_POINTS``); ``earthquake_area``: CBS codes (default the NPG area).

    A fresh random seed is made now; only its SHA-256 is shown until the period is over. ``seed``:
    a fixed seed instead, for the system only (the deterministic demo); never from a person.
    """
    _require_round_role(actor)
    if seed is not None and (
        actor is not None or not isinstance(seed, str) or not 1 <= len(seed) <= SEED_MAX
    ):
        raise ApplicationError(
            _("Het zaad van de loting wordt altijd door het systeem gekozen."),
            code="allocation_round_seed_fixed",
        )
    today = today or timezone.localdate()
    name = _name_check(name, code="allocation_round")
    description = _description_check(description, code="allocation_round")
    opens_on = _date_check(opens_on, code="allocation_round_opens_invalid")
    closes_on = _date_check(closes_on, code="allocation_round_closes_invalid")
    money_cents = amount_check(money_cents)
    if closes_on < opens_on:
        raise ApplicationError(
            _("De einddatum ligt voor de begindatum. Kies een einddatum na de begindatum."),
            code="allocation_round_dates_reversed",
        )
    if closes_on < today:
        raise ApplicationError(
            _("De aanvraagperiode is al voorbij. Kies een einddatum vanaf vandaag."),
            code="allocation_round_closes_in_past",
        )
    if opens_on < rule.valid_from or closes_on >= rule.valid_until:
        raise ApplicationError(
            _(
                "De aanvraagperiode moet binnen de regeling vallen: van %(start)s tot voor %(end)s. "
                "Na de periode moet er nog tijd zijn om het geld te verdelen."
            )
            % {"start": day(rule.valid_from), "end": day(rule.valid_until)},
            code="allocation_round_outside_rule",
        )
    if rule_employer(rule=rule) is not None or rule.max_employer_size:
        raise ApplicationError(
            _("Een regeling die van de werkgever afhangt, kan niet in een verdeelronde."),
            code="allocation_round_rule_employer",
        )
    try:
        points = engine.check_points(engine.DEFAULT_POINTS if points is None else points)
    except engine.AllocationError as error:
        raise _engine_error(error) from None
    codes = _earthquake_codes(earthquake_area)
    seed = seed if seed is not None else secrets.token_hex(16)
    try:
        with transaction.atomic():
            round_ = AllocationRound.objects.create(
                rule=rule,
                name=name,
                description=description,
                opens_on=opens_on,
                closes_on=closes_on,
                money_cents=money_cents,
                points=points,
                earthquake_area=codes,
                seed=seed,
                seed_hash=hashlib.sha256(seed.encode()).hexdigest(),
                created_by=actor if actor is not None and actor.is_authenticated else None,
            )
            audit_record(
                action="budgets.allocation_round_create",
                subject=round_,
                actor=actor,
                reason=_("Verdeelronde geopend: %(name)s") % {"name": name},
                data={
                    "rule": rule.pk,
                    "money_cents": money_cents,
                    "opens_on": opens_on.isoformat(),
                    "closes_on": closes_on.isoformat(),
                    "points": points,
                    "earthquake_area": codes,
                    "seed_hash": round_.seed_hash,
                },
            )
    except IntegrityError:
        if AllocationRound.objects.filter(name=name).exists():
            raise ApplicationError(
                _("Er is al een verdeelronde met de naam %(name)s.") % {"name": name},
                code="allocation_round_name_taken",
                status=409,
            ) from None
        raise
    return round_


def application_facts(
    *, round: AllocationRound, profile: ResidentProfile | None, risk_of_job_loss: bool
) -> dict:
    """What counts for points, from the profile now: ``criteria`` (criterion → true/false/null for
    unknown) and the profile values they came from (no names, no free text)."""
    status = profile.status if profile else ""
    education = profile.education_level if profile else ""
    municipality = (
        region_selectors.municipality_current_for(municipality=profile.municipality)
        if profile is not None and profile.municipality is not None
        else None
    )
    criteria = {
        "no_start_qualification": (education not in START_QUALIFICATION_LEVELS) if education else None,
        "job_seeker": status == "job_seeker" if status else None,
        # Only someone who works can lose their job; a job seeker gets points for that instead.
        "risk_of_job_loss": bool(risk_of_job_loss) and status == "worker",
        "earthquake_area": (municipality.code in round.earthquake_area) if municipality else None,
    }
    return {
        "criteria": criteria,
        "status": status,
        "education_level": education,
        "municipality_code": municipality.code if municipality else "",
        "municipality_name": municipality.name if municipality else "",
        "risk_of_job_loss_declared": bool(risk_of_job_loss),
    }


def _locked_round(round: AllocationRound) -> AllocationRound:
    return AllocationRound.objects.select_for_update().select_related("rule__funder").get(pk=round.pk)


def budget_application_submit(
    *,
    round: AllocationRound,
    resident: User,
    actor: User | None,
    risk_of_job_loss: bool = False,
    today: dt.date | None = None,
) -> BudgetApplication:
    """Apply for the round's budget while the round is open.

    The resident must fit the rule now (``rule_eligibility``, the check ``budget_grant`` uses) and
    not have it yet. ``risk_of_job_loss``: the resident declares their job is at risk (counts for
    workers only). A second application in the same round is refused (409); after a withdrawal the
    resident may apply again (the same application, with the facts of now).
    """
    _require_self(actor, resident)
    today = today or timezone.localdate()
    if not isinstance(risk_of_job_loss, bool):
        raise ApplicationError(_("Kies ja of nee."), code="budget_application_risk_invalid")
    if not accounts_selectors.is_resident(user=resident) or not resident.is_active:
        raise ApplicationError(
            _("Alleen inwoners kunnen een budget aanvragen."), code="budget_not_a_resident"
        )
    with transaction.atomic():
        locked = _locked_round(round)
        phase = allocation_round_phase(round=locked, today=today)
        if phase == "upcoming":
            raise ApplicationError(
                _("U kunt pas aanvragen vanaf %(date)s.") % {"date": day(locked.opens_on)},
                code="allocation_round_not_open_yet",
                status=409,
            )
        if phase != "open":
            raise ApplicationError(
                _("U kunt niet meer aanvragen. De aanvraagperiode is voorbij."),
                code="allocation_round_closed",
                status=409,
            )
        existing = (
            BudgetApplication.objects.select_for_update().filter(round=locked, resident=resident).first()
        )
        if existing is not None and existing.state != BudgetApplicationState.WITHDRAWN:
            raise ApplicationError(
                _("U heeft al aangevraagd in deze ronde. U hoeft niets meer te doen."),
                code="budget_application_exists",
                status=409,
            )
        if Budget.objects.filter(rule=locked.rule, resident=resident).exists():
            raise ApplicationError(
                _("U heeft dit budget al gekregen."), code="budget_already_granted", status=409
            )
        profile = profiles_selectors.profile_for_user(user=resident)
        eligibility = rule_eligibility(rule=locked.rule, profile=profile, on=today)
        if not eligibility.eligible:
            raise ApplicationError(" ".join(eligibility.reasons), code="budget_not_eligible")
        facts = application_facts(round=locked, profile=profile, risk_of_job_loss=risk_of_job_loss)
        now = timezone.now()
        if existing is None:
            last = BudgetApplication.objects.filter(round=locked).aggregate(last=Max("number"))["last"] or 0
            try:
                with transaction.atomic():
                    application = BudgetApplication.objects.create(
                        round=locked,
                        resident=resident,
                        number=last + 1,
                        requested_cents=locked.rule.amount_cents,
                        facts=facts,
                        submitted_at=now,
                    )
            except IntegrityError:  # pragma: no cover - the row lock above makes this a near-impossible race
                raise ApplicationError(
                    _("U heeft al aangevraagd in deze ronde. U hoeft niets meer te doen."),
                    code="budget_application_exists",
                    status=409,
                ) from None
        else:
            application = existing
            application.state = BudgetApplicationState.SUBMITTED
            application.facts = facts
            application.requested_cents = locked.rule.amount_cents
            application.submitted_at = now
            application.save(update_fields=["state", "facts", "requested_cents", "submitted_at"])
        audit_record(
            action="budgets.budget_application_submit",
            subject=application,
            actor=actor,
            data={
                "round": locked.pk,
                "number": application.number,
                "requested_cents": application.requested_cents,
                "criteria": facts["criteria"],
                "again": existing is not None,
            },
        )
    return application


def budget_application_withdraw(
    *, application: BudgetApplication, actor: User | None, reason: str = ""
) -> BudgetApplication:
    """The resident takes their application back, any time before the money is allocated."""
    _require_self(actor, application.resident)
    with transaction.atomic():
        locked_round = _locked_round(application.round)
        locked = BudgetApplication.objects.select_for_update().get(pk=application.pk)
        if (
            locked_round.state == AllocationRoundState.ALLOCATED
            or locked.state != BudgetApplicationState.SUBMITTED
        ):
            raise ApplicationError(
                _("Deze aanvraag kunt u niet meer intrekken."),
                code="budget_application_not_withdrawable",
                status=409,
            )
        locked.state = BudgetApplicationState.WITHDRAWN
        locked.save(update_fields=["state"])
        audit_record(
            action="budgets.budget_application_withdraw",
            subject=locked,
            actor=actor,
            reason=reason,
            data={"round": locked_round.pk, "old_state": "submitted", "new_state": "withdrawn"},
        )
    return locked


def allocation_round_close(
    *, round: AllocationRound, actor: User | None, today: dt.date | None = None
) -> AllocationRound:
    """After the period: the round is closed and its seed is public. Idempotent."""
    _require_round_role(actor)
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = _locked_round(round)
        if locked.state != AllocationRoundState.OPEN:
            return locked
        if today <= locked.closes_on:
            raise ApplicationError(
                _("De aanvraagperiode loopt nog tot en met %(date)s. Verdeel het geld daarna.")
                % {"date": day(locked.closes_on)},
                code="allocation_round_still_open",
                status=409,
            )
        locked.state = AllocationRoundState.CLOSED
        locked.save(update_fields=["state"])
        audit_record(
            action="budgets.allocation_round_close",
            subject=locked,
            actor=actor,
            data={
                "old_state": "open",
                "new_state": "closed",
                "seed": locked.seed,
                "seed_hash": locked.seed_hash,
            },
        )
    return locked


def _exclusion(application: BudgetApplication, *, rule: GrantRule, today: dt.date) -> dict | None:
    """Why an application cannot get the budget now, as a reason dict; None when it can."""
    resident = application.resident
    if not resident.is_active or not accounts_selectors.is_resident(user=resident):
        return {"code": "not_a_resident", "params": {}}
    if Budget.objects.filter(rule=rule, resident=resident).exists():
        return {"code": "already_granted", "params": {}}
    profile = profiles_selectors.profile_for_user(user=resident)
    eligibility = rule_eligibility(rule=rule, profile=profile, on=today)
    if not eligibility.eligible:
        return {"code": "not_eligible", "params": {"details": list(eligibility.reasons)}}
    return None


def allocation_round_allocate(
    *, round: AllocationRound, actor: User | None, today: dt.date | None = None
) -> AllocationRound:
    """After the period: rank the applications and grant budgets in that order while the money lasts.

    One transaction: every decision, every budget (``budget_grant``, by the system on the round's
    published rules) and the audit lines are stored together or not at all. The money is the
    round's ``money_cents``, or what is left in the funder's pool when that is less. Applications
    of residents who no longer fit the rule (or got the budget meanwhile) are not ranked. Idempotent:
    a second call returns the allocated round and changes nothing.
    """
    _require_round_role(actor)
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = _locked_round(round)
        if locked.state == AllocationRoundState.ALLOCATED:
            return locked
        rule = locked.rule
        if today > rule.valid_until:
            raise ApplicationError(
                _("De regeling is gestopt op %(date)s. Er kan geen geld meer uit.")
                % {"date": day(rule.valid_until)},
                code="allocation_rule_ended",
                status=409,
            )
        locked = allocation_round_close(round=locked, actor=actor, today=today)
        applications = list(
            locked.applications.select_for_update()
            .filter(state=BudgetApplicationState.SUBMITTED)
            .select_related("resident")
            .order_by("pk")
        )
        excluded, ranked = {}, []
        for application in applications:
            why = _exclusion(application, rule=rule, today=today)
            if why is None:
                ranked.append(application)
            else:
                excluded[application.pk] = why
        pool = LedgerAccount.objects.select_for_update().get(
            pk=funder_account(funder=rule.funder, kind=AccountKind.FUNDER_POOL).pk
        )
        available = min(locked.money_cents, pool.balance_cents)
        try:
            result = engine.allocate(
                applicants=[
                    engine.Applicant(
                        application_id=application.number,
                        requested_cents=application.requested_cents,
                        facts=application.facts.get("criteria", {}),
                    )
                    for application in ranked
                ],
                points=locked.points,
                available_cents=available,
                seed=locked.seed,
            )
        except (
            engine.AllocationError
        ) as error:  # pragma: no cover - rounds and facts are checked when written
            raise _engine_error(error) from None
        decisions = result.by_application()
        now = timezone.now()
        for application in applications:
            decision = decisions.get(application.number) if application.pk not in excluded else None
            application.decided_at = now
            if decision is None:
                application.state = BudgetApplicationState.NOT_GRANTED
                application.reasons = [excluded[application.pk]]
            else:
                application.position = decision.position
                application.points = decision.points
                application.lottery_number = decision.lottery_number
                application.reasons = [reason.as_dict() for reason in decision.reasons]
                if decision.granted:
                    application.budget = budget_grant(
                        rule=rule, resident=application.resident, actor=None, today=today
                    )
                    application.state = BudgetApplicationState.GRANTED
                else:
                    application.state = BudgetApplicationState.NOT_GRANTED
            application.save(
                update_fields=[
                    "decided_at",
                    "state",
                    "position",
                    "points",
                    "lottery_number",
                    "reasons",
                    "budget",
                ]
            )
            audit_record(
                action="budgets.budget_application_decide",
                subject=application,
                actor=actor,
                data={
                    "round": locked.pk,
                    "number": application.number,
                    "old_state": "submitted",
                    "new_state": application.state,
                    "position": application.position,
                    "points": application.points,
                    "lottery_number": application.lottery_number,
                    "granted_cents": decision.granted_cents if decision else 0,
                    "budget": application.budget_id,
                },
            )
        locked.state = AllocationRoundState.ALLOCATED
        locked.allocated_at = now
        locked.available_cents = available
        locked.granted_cents = result.granted_cents
        locked.save(update_fields=["state", "allocated_at", "available_cents", "granted_cents"])
        audit_record(
            action="budgets.allocation_round_allocate",
            subject=locked,
            actor=actor,
            data={
                "old_state": "closed",
                "new_state": "allocated",
                "seed": locked.seed,
                "available_cents": available,
                "granted_cents": result.granted_cents,
                "ranked": len(ranked),
                "granted": sum(1 for d in result.decisions if d.granted),
                "not_ranked": len(excluded),
            },
        )
    return locked
