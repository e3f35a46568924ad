"""Money for learning: funders, a double-entry ledger in whole cents, grant rules and budgets.

The ledger (docs/budgets.md):

- ``LedgerAccount``: one pot of money. Every account belongs to one ``Funder``; money never moves
  between funders. Kinds: the funder's external source (its bank: the only account that may go
  negative), the funder's pool, a resident's budget, a reservation, what is owed to a provider.
  ``balance_cents`` is stored and changed in the same database transaction as the entries; the
  database refuses a negative balance where that is not allowed (``CheckConstraint``).
- ``LedgerTransaction``: one movement of money, with a unique ``correlation_key`` (UUID), a kind,
  a reason, who did it, an optional unique ``idempotency_key`` (a retry returns the first
  transaction) and ``reverses`` for a reversing transaction (at most one per transaction).
- ``LedgerEntry``: one line of a transaction: an account and a signed, non-zero amount in cents.
  A transfer is exactly two entries, ``-amount`` and ``+amount``; they sum to zero.

Entries and transactions are never changed or deleted by the services; a correction is a reversing
transaction. ``save()`` and ``delete()`` refuse changes as a safety net only (``LedgerImmutableError``);
the rules themselves live in ``budgets.services``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorleren.organisations.models import SizeClass
from doorleren.profiles.models import EducationLevel

# The largest amount one transfer or grant may move: 10^12 cents (10 billion euros). More is a typing error.
MAX_AMOUNT_CENTS = 10**12
NAME_MAX = 200
DESCRIPTION_MAX = 2000
REASON_MAX = 500
IDEMPOTENCY_KEY_MAX = 100
# Employer sizes from small to large (``organisations.SizeClass``), for "at most this size".
EMPLOYER_SIZE_ORDER = (SizeClass.MICRO, SizeClass.SMALL, SizeClass.MEDIUM, SizeClass.LARGE)
EMPLOYER_SIZE_CHOICES = SizeClass.choices
EDUCATION_LEVEL_CHOICES = EducationLevel.choices


class LedgerImmutableError(Exception):
    """Someone tried to change or delete a ledger entry or transaction. Make a reversing transaction."""


class FunderKind(models.TextChoices):
    REGIONAL_LLO = "regional_llo", _("Regionaal budget Leven Lang Ontwikkelen")
    MUNICIPALITY = "municipality", _("Gemeente")
    EMPLOYER = "employer", _("Werkgever")
    SECTOR_FUND = "sector_fund", _("Opleidingsfonds van een sector")
    UWV = "uwv", _("UWV")
    OWN_BUDGET = "own_budget", _("Eigen ontwikkelbudget")


class AccountKind(models.TextChoices):
    EXTERNAL = "external", _("Geld van buiten (bank van de financier)")
    FUNDER_POOL = "funder_pool", _("Pot van de financier")
    RESIDENT_BUDGET = "resident_budget", _("Budget van een inwoner")
    RESERVATION = "reservation", _("Gereserveerd voor een opleiding")
    PROVIDER_PAYABLE = "provider_payable", _("Te betalen aan een aanbieder")


class TransactionKind(models.TextChoices):
    POOL_FUNDING = "pool_funding", _("Geld in de pot")
    GRANT = "grant", _("Budget toegekend")
    RESERVATION = "reservation", _("Geld gereserveerd")
    RELEASE = "release", _("Reservering vrijgegeven")
    PAYMENT = "payment", _("Betaling aan een aanbieder")
    EXPIRY = "expiry", _("Budget verlopen")
    REVERSAL = "reversal", _("Terugdraaiing")


class Funder(models.Model):
    """Who pays: the regional LLO budget, a municipality, an employer, a sector fund, UWV, or the
    pool of residents' own development budgets (``ontwikkelbudget``)."""

    name = models.CharField(_("naam"), max_length=NAME_MAX, unique=True)
    kind = models.CharField(_("soort"), max_length=16, choices=FunderKind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    municipality = models.ForeignKey(
        "region.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    description = models.TextField(_("omschrijving"), blank=True, default="")
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("financier")
        verbose_name_plural = _("financiers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=FunderKind.values), name="budgets_funder_kind_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=FunderKind.MUNICIPALITY) | models.Q(municipality__isnull=False),
                name="budgets_funder_municipality_has_municipality",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=FunderKind.EMPLOYER) | models.Q(organisation__isnull=False),
                name="budgets_funder_employer_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.name


_RESIDENT_KINDS = [AccountKind.RESIDENT_BUDGET, AccountKind.RESERVATION]


class LedgerAccount(models.Model):
    funder = models.ForeignKey(
        Funder, verbose_name=_("financier"), on_delete=models.PROTECT, related_name="accounts"
    )
    kind = models.CharField(_("soort"), max_length=16, choices=AccountKind.choices)
    name = models.CharField(_("naam"), max_length=NAME_MAX)
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inwoner"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    provider = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("aanbieder"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    may_go_negative = models.BooleanField(_("mag negatief"), default=False)
    balance_cents = models.BigIntegerField(_("saldo in centen"), default=0)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["funder__name", "kind", "id"]
        verbose_name = _("rekening")
        verbose_name_plural = _("rekeningen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=AccountKind.values), name="budgets_account_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(may_go_negative=True) | models.Q(balance_cents__gte=0),
                name="budgets_account_balance_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(kind=AccountKind.EXTERNAL) | models.Q(may_go_negative=False),
                name="budgets_account_only_external_may_go_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=_RESIDENT_KINDS, resident__isnull=False)
                | (~models.Q(kind__in=_RESIDENT_KINDS) & models.Q(resident__isnull=True)),
                name="budgets_account_resident_matches_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(kind=AccountKind.PROVIDER_PAYABLE, provider__isnull=False)
                | (~models.Q(kind=AccountKind.PROVIDER_PAYABLE) & models.Q(provider__isnull=True)),
                name="budgets_account_provider_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["funder"],
                condition=models.Q(kind=AccountKind.EXTERNAL),
                name="budgets_one_external_per_funder",
            ),
            models.UniqueConstraint(
                fields=["funder"],
                condition=models.Q(kind=AccountKind.FUNDER_POOL),
                name="budgets_one_pool_per_funder",
            ),
            models.UniqueConstraint(
                fields=["funder", "provider"],
                condition=models.Q(kind=AccountKind.PROVIDER_PAYABLE),
                name="budgets_one_payable_per_funder_and_provider",
            ),
        ]
        indexes = [models.Index(fields=["kind", "funder"])]

    def __str__(self) -> str:
        return self.name


class AppendOnlyQuerySet(models.QuerySet):
    """``update()`` is refused: ledger rows are written once. (Deleting whole demo ledgers stays possible.)"""

    def update(self, **kwargs):
        raise LedgerImmutableError(
            f"{self.model.__name__} rows cannot be changed; make a reversing transaction."
        )


class _AppendOnly(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise LedgerImmutableError(
                f"{type(self).__name__} {self.pk} cannot be changed; make a reversing transaction."
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerImmutableError(
            f"{type(self).__name__} {self.pk} cannot be deleted; make a reversing transaction."
        )


class LedgerTransaction(_AppendOnly):
    correlation_key = models.UUIDField(
        _("correlatiesleutel"), unique=True, default=uuid.uuid4, editable=False
    )
    kind = models.CharField(_("soort"), max_length=16, choices=TransactionKind.choices)
    reason = models.TextField(_("reden"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gedaan door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("gedaan op"), auto_now_add=True)
    idempotency_key = models.CharField(
        _("sleutel tegen dubbel boeken"), max_length=IDEMPOTENCY_KEY_MAX, unique=True, null=True, blank=True
    )
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("draait terug"),
        on_delete=models.PROTECT,
        related_name="reversed_by",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("boeking")
        verbose_name_plural = _("boekingen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=TransactionKind.values), name="budgets_transaction_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(kind=TransactionKind.REVERSAL, reverses__isnull=False)
                | (~models.Q(kind=TransactionKind.REVERSAL) & models.Q(reverses__isnull=True)),
                name="budgets_transaction_reversal_has_original",
            ),
            models.CheckConstraint(
                condition=~models.Q(reverses=models.F("pk")), name="budgets_transaction_not_reversing_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.correlation_key}"


class LedgerEntry(_AppendOnly):
    transaction = models.ForeignKey(
        LedgerTransaction, verbose_name=_("boeking"), on_delete=models.PROTECT, related_name="entries"
    )
    account = models.ForeignKey(
        LedgerAccount, verbose_name=_("rekening"), on_delete=models.PROTECT, related_name="entries"
    )
    amount_cents = models.BigIntegerField(_("bedrag in centen"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("boekingsregel")
        verbose_name_plural = _("boekingsregels")
        constraints = [
            models.CheckConstraint(condition=~models.Q(amount_cents=0), name="budgets_entry_not_zero"),
            models.CheckConstraint(
                condition=models.Q(amount_cents__gte=-MAX_AMOUNT_CENTS, amount_cents__lte=MAX_AMOUNT_CENTS),
                name="budgets_entry_amount_in_range",
            ),
        ]
        indexes = [models.Index(fields=["account", "id"])]

    def __str__(self) -> str:
        return f"{self.account}: {self.amount_cents}"


class GrantRule(models.Model):
    """A funder's regulation: who may get how much, until when, and what it pays for.

    Eligibility: the resident's situation (``for_workers``/``for_job_seekers``/``for_students``),
    municipality (``municipalities``; empty is every municipality), highest education
    (``max_education_level``: at most this level; empty is any) and, for money through an employer,
    the employer's size (``max_employer_size``: at most this size; empty is any size).
    What it pays for: modules with an NLQF level from ``min_nlqf_level`` to ``max_nlqf_level``
    (empty: no bound), modules without a level only when ``pays_without_level``; sectors and
    providers (empty: all). ``order``: lower pays first when several budgets pay one route
    (see docs/budgets.md); the resident's own development budget always pays last.
    """

    funder = models.ForeignKey(
        Funder, verbose_name=_("financier"), on_delete=models.PROTECT, related_name="grant_rules"
    )
    name = models.CharField(_("naam"), max_length=NAME_MAX)
    description = models.TextField(_("uitleg"), blank=True, default="")
    amount_cents = models.BigIntegerField(
        _("bedrag in centen"), validators=[MinValueValidator(1), MaxValueValidator(MAX_AMOUNT_CENTS)]
    )
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot en met"))
    for_workers = models.BooleanField(_("voor werkenden"), default=True)
    for_job_seekers = models.BooleanField(_("voor werkzoekenden"), default=True)
    for_students = models.BooleanField(_("voor studenten"), default=True)
    municipalities = models.ManyToManyField(
        "region.Municipality", verbose_name=_("gemeenten"), related_name="+", blank=True
    )
    max_education_level = models.CharField(
        _("hoogste opleiding, hoogstens"),
        max_length=16,
        choices=EDUCATION_LEVEL_CHOICES,
        blank=True,
        default="",
    )
    max_employer_size = models.CharField(
        _("grootte van de werkgever, hoogstens"),
        max_length=8,
        choices=EMPLOYER_SIZE_CHOICES,
        blank=True,
        default="",
    )
    min_nlqf_level = models.PositiveSmallIntegerField(
        _("NLQF-niveau van de module, minstens"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )
    max_nlqf_level = models.PositiveSmallIntegerField(
        _("NLQF-niveau van de module, hoogstens"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )
    pays_without_level = models.BooleanField(_("betaalt ook modules zonder niveau"), default=True)
    sectors = models.ManyToManyField(
        "taxonomy.Sector", verbose_name=_("sectoren"), related_name="+", blank=True
    )
    providers = models.ManyToManyField(
        "organisations.Organisation", verbose_name=_("aanbieders"), related_name="+", blank=True
    )
    order = models.PositiveSmallIntegerField(
        _("volgorde bij samen betalen"), default=100, validators=[MaxValueValidator(1000)]
    )
    # The regional plan's programme line this money counts for, in the reports (docs/budgets.md, "Rapporten").
    programme_line = models.ForeignKey(
        "fund.ProgrammeLine",
        verbose_name=_("programmalijn"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["order", "funder__name", "name", "id"]
        verbose_name = _("regeling")
        verbose_name_plural = _("regelingen")
        constraints = [
            models.UniqueConstraint(fields=["funder", "name"], name="budgets_rule_name_unique_per_funder"),
            models.CheckConstraint(
                condition=models.Q(amount_cents__gte=1, amount_cents__lte=MAX_AMOUNT_CENTS),
                name="budgets_rule_amount_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")),
                name="budgets_rule_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(for_workers=True)
                | models.Q(for_job_seekers=True)
                | models.Q(for_students=True),
                name="budgets_rule_has_target_group",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(min_nlqf_level__isnull=True)
                    | models.Q(min_nlqf_level__gte=1, min_nlqf_level__lte=8)
                )
                & (
                    models.Q(max_nlqf_level__isnull=True)
                    | models.Q(max_nlqf_level__gte=1, max_nlqf_level__lte=8)
                ),
                name="budgets_rule_nlqf_1_8",
            ),
            models.CheckConstraint(
                condition=models.Q(min_nlqf_level__isnull=True)
                | models.Q(max_nlqf_level__isnull=True)
                | models.Q(max_nlqf_level__gte=models.F("min_nlqf_level")),
                name="budgets_rule_nlqf_min_below_max",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.funder}: {self.name}"


class Budget(models.Model):
    """A grant of ``rule`` to one resident: a resident budget account, filled from the funder's pool
    by ``grant_transaction``. ``valid_until`` is copied from the rule when granted."""

    rule = models.ForeignKey(
        GrantRule, verbose_name=_("regeling"), on_delete=models.PROTECT, related_name="budgets"
    )
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("inwoner"), on_delete=models.PROTECT, related_name="+"
    )
    account = models.OneToOneField(
        LedgerAccount, verbose_name=_("rekening"), on_delete=models.PROTECT, related_name="budget"
    )
    grant_transaction = models.OneToOneField(
        LedgerTransaction,
        verbose_name=_("boeking van de toekenning"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    amount_cents = models.BigIntegerField(_("toegekend bedrag in centen"))
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot en met"))
    employer = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("werkgever"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegekend door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("toegekend op"), auto_now_add=True)

    class Meta:
        ordering = ["valid_until", "id"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgetten")
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "resident"], name="budgets_budget_once_per_rule_and_resident"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_cents__gte=1, amount_cents__lte=MAX_AMOUNT_CENTS),
                name="budgets_budget_amount_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")),
                name="budgets_budget_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} → {self.resident}"


# --- Fair allocation when money is scarce (issue 4, item 4; docs/budgets.md "Schaars geld eerlijk verdelen")

SEED_MAX = 64
SHA256_HEX = 64


class AllocationRoundState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Gesloten")
    ALLOCATED = "allocated", _("Verdeeld")


class AllocationRound(models.Model):
    """A period in which residents apply for one grant rule when there is not enough money for all.

    No queue: after ``closes_on`` the applications are ranked by the published ``points`` per
    criterion (``engine.allocation``), ties by a lottery from ``seed``, and granted in that order
    while ``money_cents`` lasts. ``seed_hash`` (SHA-256 of the seed) is shown from the start; the
    seed itself only after the period, so nobody can know a lottery number in advance and nobody
    can change the seed later. ``earthquake_area``: the CBS codes that count as the earthquake
    area for this round. Rules, period, money and seed do not change after creation.
    """

    rule = models.ForeignKey(
        GrantRule, verbose_name=_("regeling"), on_delete=models.PROTECT, related_name="allocation_rounds"
    )
    name = models.CharField(_("naam"), max_length=NAME_MAX, unique=True)
    description = models.TextField(_("uitleg"), blank=True, default="")
    opens_on = models.DateField(_("aanvragen vanaf"))
    closes_on = models.DateField(_("aanvragen tot en met"))
    money_cents = models.BigIntegerField(
        _("te verdelen geld in centen"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_AMOUNT_CENTS)],
    )
    points = models.JSONField(_("punten per voorwaarde"), default=dict)
    earthquake_area = models.JSONField(_("gemeenten in het aardbevingsgebied (CBS-codes)"), default=list)
    seed = models.CharField(_("zaad van de loting"), max_length=SEED_MAX, editable=False)
    seed_hash = models.CharField(_("SHA-256 van het zaad"), max_length=SHA256_HEX, editable=False)
    state = models.CharField(
        _("stand"), max_length=16, choices=AllocationRoundState.choices, default=AllocationRoundState.OPEN
    )
    allocated_at = models.DateTimeField(_("verdeeld op"), null=True, blank=True)
    available_cents = models.BigIntegerField(_("geld bij het verdelen in centen"), null=True, blank=True)
    granted_cents = models.BigIntegerField(_("toegekend in centen"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["-closes_on", "-id"]
        verbose_name = _("verdeelronde")
        verbose_name_plural = _("verdeelrondes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=AllocationRoundState.values), name="budgets_round_state_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="budgets_round_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(money_cents__gte=1, money_cents__lte=MAX_AMOUNT_CENTS),
                name="budgets_round_money_in_range",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=AllocationRoundState.ALLOCATED)
                | models.Q(allocated_at__isnull=False),
                name="budgets_round_allocated_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class BudgetApplicationState(models.TextChoices):
    SUBMITTED = "submitted", _("Aangevraagd")
    GRANTED = "granted", _("Toegekend")
    NOT_GRANTED = "not_granted", _("Niet toegekend")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


class BudgetApplication(models.Model):
    """One resident's application in one round (at most one per round).

    ``facts``: what counted for the points, captured when the resident applied (criterion code →
    true, false or null for unknown, plus the profile values they came from), so later changes to
    the profile do not change a round. ``number``: the application number within the round (1, 2,
    3, ... in the order of applying; kept after a withdrawal), the public input of the lottery
    (``SHA-256(seed:number)``); it gives no advantage because the seed is secret until the period is
    over. ``submitted_at`` is stored but never used for the ranking.
    After the allocation: ``position``, ``points``, ``lottery_number``, ``reasons`` (codes with
    parameters, see ``engine.allocation``) and, when granted, the ``budget``.
    """

    round = models.ForeignKey(
        AllocationRound, verbose_name=_("verdeelronde"), on_delete=models.PROTECT, related_name="applications"
    )
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("inwoner"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.PositiveIntegerField(_("aanvraagnummer"))
    requested_cents = models.BigIntegerField(_("gevraagd bedrag in centen"))
    facts = models.JSONField(_("gegevens bij de aanvraag"), default=dict)
    state = models.CharField(
        _("stand"),
        max_length=16,
        choices=BudgetApplicationState.choices,
        default=BudgetApplicationState.SUBMITTED,
    )
    submitted_at = models.DateTimeField(_("aangevraagd op"))
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    position = models.PositiveIntegerField(_("plaats"), null=True, blank=True)
    points = models.PositiveSmallIntegerField(_("punten"), null=True, blank=True)
    lottery_number = models.BigIntegerField(_("lotnummer"), null=True, blank=True)
    reasons = models.JSONField(_("waarom"), default=list, blank=True)
    budget = models.OneToOneField(
        Budget,
        verbose_name=_("toegekend budget"),
        on_delete=models.PROTECT,
        related_name="application",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["round", "position", "id"]
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")
        constraints = [
            models.UniqueConstraint(fields=["round", "resident"], name="budgets_application_once_per_round"),
            models.UniqueConstraint(fields=["round", "number"], name="budgets_application_number_unique"),
            models.CheckConstraint(
                condition=models.Q(state__in=BudgetApplicationState.values),
                name="budgets_application_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(requested_cents__gte=1, requested_cents__lte=MAX_AMOUNT_CENTS),
                name="budgets_application_amount_in_range",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=BudgetApplicationState.GRANTED) | models.Q(budget__isnull=False),
                name="budgets_application_granted_has_budget",
            ),
        ]
        indexes = [models.Index(fields=["round", "state"])]

    def __str__(self) -> str:
        return f"{self.round} #{self.number}"
