"""A resident's budgets: what they have, and the rules they may still ask for, in plain Dutch."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.accounts import selectors as accounts_selectors
from doorleren.core.templatetags.money import format_euro
from doorleren.profiles import selectors as profiles_selectors

from ..models import AccountKind, Budget, FunderKind, GrantRule, LedgerAccount
from .eligibility import conditions_sentences, day, pays_for_sentences, rule_eligibility, rule_employer

if TYPE_CHECKING:
    from doorleren.accounts.models import User
    from doorleren.profiles.models import ResidentProfile


@dataclass(frozen=True)
class BudgetView:
    """A budget the resident has. ``usable``: valid today, not withdrawn, money left."""

    budget: Budget
    balance_cents: int
    expired: bool
    not_started: bool
    withdrawn: bool
    pays_for: tuple[str, ...]
    sentence: str

    @property
    def funder(self):
        return self.budget.rule.funder

    @property
    def rule(self) -> GrantRule:
        return self.budget.rule

    @property
    def valid_until(self) -> dt.date:
        return self.budget.valid_until

    @property
    def usable(self) -> bool:
        return not (self.expired or self.not_started or self.withdrawn) and self.balance_cents > 0


@dataclass(frozen=True)
class RuleView:
    """A rule the resident may ask for (and did not get yet)."""

    rule: GrantRule
    pays_for: tuple[str, ...]
    for_whom: tuple[str, ...]
    conditions: tuple[str, ...]
    sentence: str
    how_to_ask: str

    @property
    def funder(self):
        return self.rule.funder


@dataclass(frozen=True)
class ResidentBudgets:
    granted: tuple[BudgetView, ...]
    available: tuple[RuleView, ...]
    has_profile: bool

    @property
    def usable_cents(self) -> int:
        """Money the resident can use today, over all budgets."""
        return sum(view.balance_cents for view in self.granted if view.usable)


def _rules_prefetched(queryset: QuerySet[GrantRule]) -> QuerySet[GrantRule]:
    return queryset.select_related("funder__organisation").prefetch_related(
        "municipalities", "sectors", "providers"
    )


def budgets_of_resident(*, resident: User) -> QuerySet[Budget]:
    """The resident's budgets with their rule, funder and account (balance), soonest end date first."""
    return (
        Budget.objects.filter(resident=resident)
        .select_related("account", "grant_transaction__reversed_by", "employer", "rule__funder__organisation")
        .prefetch_related("rule__municipalities", "rule__sectors", "rule__providers")
        .order_by("valid_until", "pk")
    )


def _withdrawn(budget: Budget) -> bool:
    return hasattr(budget.grant_transaction, "reversed_by")


def _budget_sentence(
    *, budget: Budget, balance: int, expired: bool, not_started: bool, withdrawn: bool
) -> str:
    funder = budget.rule.funder.name
    if withdrawn:
        return _("Dit budget van %(funder)s is ingetrokken. U kunt het niet gebruiken.") % {"funder": funder}
    if expired:
        return _("Dit budget van %(funder)s is verlopen op %(date)s. U kunt het niet meer gebruiken.") % {
            "funder": funder,
            "date": day(budget.valid_until),
        }
    if not_started:
        return _("U kunt dit budget van %(funder)s gebruiken vanaf %(date)s.") % {
            "funder": funder,
            "date": day(budget.valid_from),
        }
    if balance <= 0:
        return _("Het budget van %(funder)s is op.") % {"funder": funder}
    return _("U heeft nog %(amount)s van %(funder)s. U kunt dit geld gebruiken tot en met %(date)s.") % {
        "amount": format_euro(balance),
        "funder": funder,
        "date": day(budget.valid_until),
    }


def _budget_view(budget: Budget, *, on: dt.date) -> BudgetView:
    balance = budget.account.balance_cents
    expired = on > budget.valid_until
    not_started = on < budget.valid_from
    withdrawn = _withdrawn(budget)
    return BudgetView(
        budget=budget,
        balance_cents=balance,
        expired=expired,
        not_started=not_started,
        withdrawn=withdrawn,
        pays_for=tuple(pays_for_sentences(rule=budget.rule)),
        sentence=_budget_sentence(
            budget=budget, balance=balance, expired=expired, not_started=not_started, withdrawn=withdrawn
        ),
    )


def _how_to_ask(rule: GrantRule) -> str:
    employer = rule_employer(rule=rule)
    if employer is not None:
        return _("Vraag dit aan bij %(employer)s of bij het leerwerkloket.") % {"employer": employer.name}
    if rule.funder.kind == FunderKind.OWN_BUDGET:
        return _("Vraag uw ontwikkelbudget aan bij het leerwerkloket.")
    return _("Vraag dit aan bij het leerwerkloket. Een coach helpt u.")


def _rule_view(rule: GrantRule, *, conditions: tuple[str, ...]) -> RuleView:
    return RuleView(
        rule=rule,
        pays_for=tuple(pays_for_sentences(rule=rule)),
        for_whom=tuple(conditions_sentences(rule=rule)),
        conditions=conditions,
        sentence=_("%(funder)s kan u %(amount)s geven om te leren. U kunt dit aanvragen tot en met %(date)s.")
        % {
            "funder": rule.funder.name,
            "amount": format_euro(rule.amount_cents),
            "date": day(rule.valid_until),
        },
        how_to_ask=_how_to_ask(rule),
    )


def rules_available_for(*, resident: User, profile: ResidentProfile | None, on: dt.date) -> list[RuleView]:
    """Rules valid on ``on`` that the resident fits, did not get yet, and that still have money.

    A rule of an employer shows only to residents who gave that employer consent (their own
    employer, as far as we can tell); it says "Alleen als u bij ... werkt".
    """
    if profile is None:
        return []
    pools = dict(
        LedgerAccount.objects.filter(kind=AccountKind.FUNDER_POOL).values_list("funder_id", "balance_cents")
    )
    consented = set(
        accounts_selectors.consents_for_resident(resident=resident, active_only=True).values_list(
            "organisation_id", flat=True
        )
    )
    rules = _rules_prefetched(
        GrantRule.objects.filter(valid_from__lte=on, valid_until__gte=on)
        .exclude(budgets__resident=resident)
        # A rule divided in allocation rounds is applied for in a round, never first come first served.
        .exclude(allocation_rounds__isnull=False)
    ).order_by("order", "funder__name", "name", "pk")
    views = []
    for rule in rules:
        if pools.get(rule.funder_id, 0) < rule.amount_cents:
            continue
        employer = rule_employer(rule=rule)
        if employer is not None and employer.pk not in consented:
            continue
        eligibility = rule_eligibility(rule=rule, profile=profile, on=on)
        if eligibility.eligible:
            views.append(_rule_view(rule, conditions=eligibility.conditions))
    return views


def budgets_for_resident(*, resident: User, on: dt.date | None = None) -> ResidentBudgets:
    """Every budget the resident has (with balance, funder, end date and what it pays for) and the
    rules they may still ask for, with plain Dutch sentences. ``on``: the day to judge (default today)."""
    on = on or timezone.localdate()
    profile = profiles_selectors.profile_for_user(user=resident)
    granted = tuple(_budget_view(budget, on=on) for budget in budgets_of_resident(resident=resident))
    return ResidentBudgets(
        granted=granted,
        available=tuple(rules_available_for(resident=resident, profile=profile, on=on)),
        has_profile=profile is not None,
    )
