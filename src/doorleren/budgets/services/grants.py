"""Grant rules and grants: ``grant_rule_create`` and ``budget_grant``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.accounts import selectors as accounts_selectors
from doorleren.audit.services import audit_record
from doorleren.core.errors import ApplicationError
from doorleren.learning.services.modules import PROVIDER_KINDS
from doorleren.profiles import selectors as profiles_selectors

from ..models import (
    EDUCATION_LEVEL_CHOICES,
    EMPLOYER_SIZE_ORDER,
    MAX_AMOUNT_CENTS,
    REASON_MAX,
    AccountKind,
    Budget,
    Funder,
    GrantRule,
    LedgerAccount,
    TransactionKind,
)
from ..selectors.eligibility import rule_eligibility, rule_employer
from .funders import _description_check, _name_check, funder_account
from .ledger import amount_check, ledger_transfer

if TYPE_CHECKING:
    from doorleren.accounts.models import User
    from doorleren.fund.models import ProgrammeLine
    from doorleren.organisations.models import Organisation
    from doorleren.region.models import Municipality
    from doorleren.taxonomy.models import Sector

MAX_ORDER = 1000
_EDUCATION_LEVELS = {value for value, _label in EDUCATION_LEVEL_CHOICES}


def _date_check(value: object, *, what: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ApplicationError(_("Vul een geldige datum in."), code=f"grant_rule_{what}_invalid")
    return value


def _level_check(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or value not in range(1, 9):
        raise ApplicationError(
            _("Het NLQF-niveau is 1 tot en met 8, of leeg."), code="grant_rule_nlqf_invalid"
        )
    return value


def _programme_line_check(value: object) -> ProgrammeLine | None:
    """None, or a programme line that exists (``fund.ProgrammeLine``)."""
    if value is None:
        return None
    from doorleren.fund import selectors as fund_selectors  # fund uses budgets: import when needed

    meta = getattr(value, "_meta", None)
    pk = getattr(value, "pk", None)
    if (
        meta is None
        or meta.label != "fund.ProgrammeLine"
        or pk is None
        or not fund_selectors.programme_lines().filter(pk=pk).exists()
    ):
        raise ApplicationError(
            _("Deze programmalijn kennen wij niet. Kies een programmalijn uit de lijst."),
            code="grant_rule_programme_line_invalid",
        )
    return value


def grant_rule_create(
    *,
    funder: Funder,
    name: str,
    amount_cents: int,
    valid_from: dt.date,
    valid_until: dt.date,
    description: str = "",
    for_workers: bool = True,
    for_job_seekers: bool = True,
    for_students: bool = True,
    municipalities: Iterable[Municipality] = (),
    max_education_level: str = "",
    max_employer_size: str = "",
    min_nlqf_level: int | None = None,
    max_nlqf_level: int | None = None,
    pays_without_level: bool = True,
    sectors: Iterable[Sector] = (),
    providers: Iterable[Organisation] = (),
    order: int = 100,
    programme_line: ProgrammeLine | None = None,
) -> GrantRule:
    """A funder's regulation (see ``GrantRule``). Empty municipalities, sectors or providers mean all.
    ``programme_line``: the regional plan's programme line the money counts for in the reports (or None)."""
    name = _name_check(name, code="grant_rule")
    description = _description_check(description, code="grant_rule")
    amount_cents = amount_check(amount_cents)
    valid_from = _date_check(valid_from, what="valid_from")
    valid_until = _date_check(valid_until, what="valid_until")
    if valid_until < valid_from:
        raise ApplicationError(
            _("De einddatum ligt voor de begindatum. Kies een einddatum na de begindatum."),
            code="grant_rule_dates_reversed",
        )
    if not (for_workers or for_job_seekers or for_students):
        raise ApplicationError(
            _("Kies voor wie de regeling is: werkenden, werkzoekenden of studenten."),
            code="grant_rule_no_target_group",
        )
    if max_education_level and max_education_level not in _EDUCATION_LEVELS:
        raise ApplicationError(
            _("Dit opleidingsniveau kennen wij niet."), code="grant_rule_education_invalid"
        )
    if max_employer_size and max_employer_size not in EMPLOYER_SIZE_ORDER:
        raise ApplicationError(
            _("Deze grootte van een werkgever kennen wij niet."), code="grant_rule_size_invalid"
        )
    min_nlqf_level, max_nlqf_level = _level_check(min_nlqf_level), _level_check(max_nlqf_level)
    if min_nlqf_level and max_nlqf_level and min_nlqf_level > max_nlqf_level:
        raise ApplicationError(
            _("Het laagste niveau is hoger dan het hoogste niveau."), code="grant_rule_nlqf_reversed"
        )
    if isinstance(order, bool) or not isinstance(order, int) or not 0 <= order <= MAX_ORDER:
        raise ApplicationError(
            _("De volgorde is een heel getal van 0 tot en met %(max)d.") % {"max": MAX_ORDER},
            code="grant_rule_order_invalid",
        )
    programme_line = _programme_line_check(programme_line)
    municipalities, sectors, providers = list(municipalities), list(sectors), list(providers)
    former = [m.name for m in municipalities if not m.is_current]
    if former:
        raise ApplicationError(
            _("De gemeente %(name)s bestaat niet meer. Kies de gemeente waarin zij is opgegaan.")
            % {"name": former[0]},
            code="grant_rule_municipality_former",
        )
    if any(provider.kind not in PROVIDER_KINDS for provider in providers):
        raise ApplicationError(
            _("Alleen een school of een bedrijf kan modules aanbieden."), code="grant_rule_provider_invalid"
        )
    try:
        with transaction.atomic():
            rule = GrantRule.objects.create(
                funder=funder,
                name=name,
                description=description,
                amount_cents=amount_cents,
                valid_from=valid_from,
                valid_until=valid_until,
                for_workers=bool(for_workers),
                for_job_seekers=bool(for_job_seekers),
                for_students=bool(for_students),
                max_education_level=max_education_level,
                max_employer_size=max_employer_size,
                min_nlqf_level=min_nlqf_level,
                max_nlqf_level=max_nlqf_level,
                pays_without_level=bool(pays_without_level),
                order=order,
                programme_line=programme_line,
            )
            rule.municipalities.set(municipalities)
            rule.sectors.set(sectors)
            rule.providers.set(providers)
    except IntegrityError:
        if GrantRule.objects.filter(funder=funder, name=name).exists():
            raise ApplicationError(
                _("%(funder)s heeft al een regeling met de naam %(name)s.")
                % {"funder": funder.name, "name": name},
                code="grant_rule_name_taken",
                status=409,
            ) from None
        raise
    return rule


def _require_may_grant(*, actor: User | None, rule: GrantRule, resident: User) -> Organisation | None:
    """``None`` is the system (the demo, a command). A coach may grant to a resident who gave their
    organisation consent; an employer user only their own firm's budgets, with the same consent.

    Returns the employer the grant itself vouches for: an employer user who grants their firm's
    top-up says the resident works there.
    """
    if actor is None:
        return None
    if accounts_selectors.can_view_resident(viewer=actor, resident=resident):
        if accounts_selectors.has_role(user=actor, role="coach"):
            return None
        own = rule.funder.organisation_id is not None and (
            accounts_selectors.user_organisations(user=actor).filter(pk=rule.funder.organisation_id).exists()
        )
        if accounts_selectors.has_role(user=actor, role="employer") and own:
            return rule_employer(rule=rule)
    raise ApplicationError(_("U mag dit budget niet toekennen."), code="budget_grant_not_allowed", status=403)


def budget_grant(
    *,
    rule: GrantRule,
    resident: User,
    actor: User | None,
    employer: Organisation | None = None,
    today: dt.date | None = None,
    reason: str = "",
) -> Budget:
    """Give ``resident`` the budget of ``rule``: a resident budget account, filled from the funder's pool.

    Checks who may grant it, that the resident fits the rule on ``today`` (default: today), that the
    rule is valid today, and that the resident did not get this rule before (409). ``employer``: the
    resident's employer, needed when the rule depends on it. The budget is valid until the rule's end.
    ``reason``: why (at most ``REASON_MAX`` characters); it goes into the audit log with who and when.
    """
    today = today or timezone.localdate()
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX or "\x00" in reason:
        raise ApplicationError(
            _("Schrijf de reden in hoogstens %(max)d tekens.") % {"max": REASON_MAX},
            code="budget_reason_too_long",
        )
    if not accounts_selectors.is_resident(user=resident) or not resident.is_active:
        raise ApplicationError(_("Alleen inwoners kunnen een budget krijgen."), code="budget_not_a_resident")
    employer = employer or _require_may_grant(actor=actor, rule=rule, resident=resident)
    if Budget.objects.filter(rule=rule, resident=resident).exists():
        raise _already_granted()
    profile = profiles_selectors.profile_for_user(user=resident)
    eligibility = rule_eligibility(rule=rule, profile=profile, employer=employer, on=today)
    if not eligibility.eligible:
        raise ApplicationError(" ".join(eligibility.reasons), code="budget_not_eligible")
    if eligibility.conditions:
        raise ApplicationError(
            _("Kies de werkgever van deze inwoner. Deze regeling hangt af van de werkgever."),
            code="budget_employer_missing",
        )
    if rule.amount_cents > MAX_AMOUNT_CENTS:  # pragma: no cover - the database refuses such rules
        raise ApplicationError(_("Het bedrag is te hoog."), code="budget_amount_too_high")
    try:
        with transaction.atomic():
            account = LedgerAccount.objects.create(
                funder=rule.funder,
                kind=AccountKind.RESIDENT_BUDGET,
                resident=resident,
                name=_("Budget %(rule)s (inwoner %(id)s)") % {"rule": rule.name, "id": resident.pk},
            )
            try:
                grant = ledger_transfer(
                    from_account=funder_account(funder=rule.funder, kind=AccountKind.FUNDER_POOL),
                    to_account=account,
                    amount_cents=rule.amount_cents,
                    kind=TransactionKind.GRANT,
                    reason=_("Toegekend: %(rule)s") % {"rule": rule.name},
                    actor=actor,
                )
            except ApplicationError as error:
                if error.code == "ledger_insufficient_balance":
                    raise ApplicationError(
                        _("Het geld van deze regeling is op. Vraag of er een andere regeling is."),
                        code="budget_pool_empty",
                        status=409,
                    ) from None
                raise
            budget = Budget.objects.create(
                rule=rule,
                resident=resident,
                account=account,
                grant_transaction=grant,
                amount_cents=rule.amount_cents,
                valid_from=max(today, rule.valid_from),
                valid_until=rule.valid_until,
                employer=employer or rule_employer(rule=rule),
                granted_by=actor,
            )
            audit_record(
                action="budgets.budget_grant",
                subject=budget,
                actor=actor,
                reason=reason or grant.reason,
                data={
                    "amount_cents": rule.amount_cents,
                    "rule": rule.pk,
                    "funder": rule.funder_id,
                    "resident": resident.pk,
                    "transaction": grant.pk,
                },
            )
    except IntegrityError:
        if Budget.objects.filter(rule=rule, resident=resident).exists():
            raise _already_granted() from None
        raise
    return budget


def _already_granted() -> ApplicationError:
    return ApplicationError(
        _("Deze inwoner heeft dit budget al gekregen."), code="budget_already_granted", status=409
    )
