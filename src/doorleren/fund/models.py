"""The regional fund (docs/fund.md): calls, consortium applications, reviews and spending reports.

- ``ProgrammeLine`` and ``Indicator``: the regional plan's six programme lines and the countable
  indicators a project aims at (seeded from ``plan.py``); ``is_theme`` marks the overarching
  theme "infrastructuur". Measures (``monitoring.Measure``) belong to a line.
- ``FundCall``: a call of one fund (a ``budgets.Funder``) for one programme line, with a ceiling
  (all money of the call), a maximum per application, dates and the criteria reviewers score.
- ``FundApplication``: a consortium's application, with its members (``ConsortiumMember``: at least
  one school and one employer when it is submitted), the indicators it targets with target values
  (``ApplicationTarget``) and its state (``ApplicationState``; the transitions are in
  ``services.TRANSITIONS``).
- ``Review`` with one ``ReviewScore`` per criterion; ``SpendingReport`` with one
  ``IndicatorResult`` per targeted indicator.

Money is whole cents. Payment goes through the budgets ledger (``payment_transaction``). Only
``services`` writes these rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorleren.core.models import TimeStampedModel

# The largest amount of money anywhere in the fund: 10^12 cents, as in the budgets ledger.
MAX_AMOUNT_CENTS = 10**12
# The largest target or result value of an indicator (a count of people, firms, ...).
MAX_INDICATOR_VALUE = 10**9
TITLE_MAX = 200
TEXT_MAX = 4000
REASON_MAX = 500
CRITERION_WEIGHT_MAX = 100
CRITERION_SCORE_MAX = 10


class ProgrammeLine(models.Model):
    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=TITLE_MAX)
    description = models.TextField(_("omschrijving"), blank=True, default="")
    is_theme = models.BooleanField(
        _("overkoepelend thema"),
        default=False,
        help_text=_("Geen programmalijn, maar een thema boven alle lijnen."),
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("programmalijn")
        verbose_name_plural = _("programmalijnen")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Indicator(models.Model):
    """Something a project can count and report, e.g. "Inwoners die (ander) werk vonden" (personen)."""

    programme_line = models.ForeignKey(
        ProgrammeLine, verbose_name=_("programmalijn"), on_delete=models.PROTECT, related_name="indicators"
    )
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=TITLE_MAX)
    unit = models.CharField(_("eenheid"), max_length=50)
    plan_indicator = models.CharField(
        _("draagt bij aan (indicator van het Nationaal Programma Groningen)"),
        max_length=TITLE_MAX,
        blank=True,
        default="",
    )

    class Meta:
        ordering = ["programme_line__number", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self) -> str:
        return self.name


class FundCall(TimeStampedModel):
    """A call for applications: money of ``funder`` for one programme line, open from ``opens_on``
    to ``closes_on`` (both included)."""

    funder = models.ForeignKey(
        "budgets.Funder", verbose_name=_("fonds"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("titel"), max_length=TITLE_MAX)
    description = models.TextField(_("omschrijving"), blank=True, default="")
    programme_line = models.ForeignKey(
        ProgrammeLine, verbose_name=_("programmalijn"), on_delete=models.PROTECT, related_name="calls"
    )
    indicators = models.ManyToManyField(Indicator, verbose_name=_("indicatoren"), related_name="calls")
    ceiling_cents = models.BigIntegerField(_("plafond in centen"))
    max_per_application_cents = models.BigIntegerField(_("hoogstens per aanvraag in centen"))
    opens_on = models.DateField(_("open vanaf"))
    closes_on = models.DateField(_("open tot en met"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemaakt door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["-opens_on", "title", "id"]
        verbose_name = _("oproep")
        verbose_name_plural = _("oproepen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ceiling_cents__gte=1, ceiling_cents__lte=MAX_AMOUNT_CENTS),
                name="fund_call_ceiling_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(max_per_application_cents__gte=1)
                & models.Q(max_per_application_cents__lte=models.F("ceiling_cents")),
                name="fund_call_max_per_application_within_ceiling",
            ),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="fund_call_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CallCriterion(models.Model):
    """What reviewers score, from 0 to ``max_score``; ``weight`` says how much it counts."""

    call = models.ForeignKey(
        FundCall, verbose_name=_("oproep"), on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(_("naam"), max_length=TITLE_MAX)
    description = models.TextField(_("uitleg"), blank=True, default="")
    weight = models.PositiveSmallIntegerField(_("gewicht"))
    max_score = models.PositiveSmallIntegerField(_("hoogste score"))
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["call", "position", "id"]
        verbose_name = _("beoordelingspunt")
        verbose_name_plural = _("beoordelingspunten")
        constraints = [
            models.UniqueConstraint(fields=["call", "name"], name="fund_criterion_name_unique_per_call"),
            models.CheckConstraint(
                condition=models.Q(weight__gte=1, weight__lte=CRITERION_WEIGHT_MAX),
                name="fund_criterion_weight_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(max_score__gte=1, max_score__lte=CRITERION_SCORE_MAX),
                name="fund_criterion_max_score_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Ingediend")
    IN_REVIEW = "in_review", _("Wordt beoordeeld")
    GRANTED = "granted", _("Toegekend")
    REJECTED = "rejected", _("Afgewezen")
    PAID = "paid", _("Betaald")
    ACCOUNTED_FOR = "accounted_for", _("Verantwoord en afgesloten")


# States in which the granted money counts against the call's ceiling.
GRANTED_STATES = (ApplicationState.GRANTED, ApplicationState.PAID, ApplicationState.ACCOUNTED_FOR)


class FundApplication(TimeStampedModel):
    call = models.ForeignKey(
        FundCall, verbose_name=_("oproep"), on_delete=models.PROTECT, related_name="applications"
    )
    title = models.CharField(_("titel"), max_length=TITLE_MAX)
    summary = models.TextField(_("samenvatting"), blank=True, default="")
    requested_cents = models.BigIntegerField(_("gevraagd in centen"))
    lead_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("penvoerder"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("status"), max_length=16, choices=ApplicationState.choices, default=ApplicationState.DRAFT
    )
    granted_cents = models.BigIntegerField(_("toegekend in centen"), null=True, blank=True)
    decision_reason = models.TextField(_("reden van het besluit"), blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemaakt door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    review_started_at = models.DateTimeField(_("beoordeling begonnen op"), null=True, blank=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    paid_at = models.DateTimeField(_("betaald op"), null=True, blank=True)
    accounted_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    payment_transaction = models.OneToOneField(
        "budgets.LedgerTransaction",
        verbose_name=_("betaling"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["call", "-created_at", "-id"]
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=ApplicationState.values), name="fund_application_state_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(requested_cents__gte=1, requested_cents__lte=MAX_AMOUNT_CENTS),
                name="fund_application_requested_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(granted_cents__isnull=True)
                | (models.Q(granted_cents__gte=1) & models.Q(granted_cents__lte=models.F("requested_cents"))),
                name="fund_application_granted_within_requested",
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=GRANTED_STATES) | models.Q(granted_cents__isnull=False),
                name="fund_application_granted_has_amount",
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=[ApplicationState.PAID, ApplicationState.ACCOUNTED_FOR])
                | models.Q(payment_transaction__isnull=False),
                name="fund_application_paid_has_payment",
            ),
        ]
        indexes = [models.Index(fields=["call", "state"])]

    def __str__(self) -> str:
        return self.title


class ConsortiumRole(models.TextChoices):
    LEAD = "lead", _("Penvoerder")
    PARTNER = "partner", _("Partner")


class ConsortiumMember(models.Model):
    application = models.ForeignKey(
        FundApplication, verbose_name=_("aanvraag"), on_delete=models.CASCADE, related_name="members"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("rol"), max_length=8, choices=ConsortiumRole.choices)
    created_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        ordering = ["application", "role", "organisation__name"]
        verbose_name = _("lid van het samenwerkingsverband")
        verbose_name_plural = _("leden van het samenwerkingsverband")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "organisation"], name="fund_member_once_per_application"
            ),
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(role=ConsortiumRole.LEAD),
                name="fund_member_one_lead_per_application",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=ConsortiumRole.values), name="fund_member_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class ApplicationTarget(models.Model):
    """An indicator the application aims at, with the value it promises (e.g. 40 personen)."""

    application = models.ForeignKey(
        FundApplication, verbose_name=_("aanvraag"), on_delete=models.CASCADE, related_name="targets"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="targets"
    )
    target_value = models.PositiveIntegerField(_("streefwaarde"))

    class Meta:
        ordering = ["application", "indicator__code"]
        verbose_name = _("doel van een aanvraag")
        verbose_name_plural = _("doelen van aanvragen")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "indicator"], name="fund_target_once_per_indicator"
            ),
            models.CheckConstraint(
                condition=models.Q(target_value__gte=1, target_value__lte=MAX_INDICATOR_VALUE),
                name="fund_target_value_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.target_value}"


class Review(models.Model):
    application = models.ForeignKey(
        FundApplication, verbose_name=_("aanvraag"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("beoordelaar"), on_delete=models.PROTECT, related_name="+"
    )
    comment = models.TextField(_("toelichting"), blank=True, default="")
    created_at = models.DateTimeField(_("beoordeeld op"), auto_now_add=True)

    class Meta:
        ordering = ["application", "created_at", "id"]
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="fund_review_once_per_reviewer"),
        ]

    def __str__(self) -> str:
        return f"{self.application} – {self.reviewer}"


class ReviewScore(models.Model):
    review = models.ForeignKey(
        Review, verbose_name=_("beoordeling"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        CallCriterion, verbose_name=_("beoordelingspunt"), on_delete=models.PROTECT, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        ordering = ["review", "criterion__position", "criterion_id"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="fund_score_once_per_criterion"),
            models.CheckConstraint(
                condition=models.Q(score__lte=CRITERION_SCORE_MAX), name="fund_score_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class SpendingReport(models.Model):
    """What the consortium spent in a period and what it achieved per targeted indicator."""

    application = models.ForeignKey(
        FundApplication, verbose_name=_("aanvraag"), on_delete=models.PROTECT, related_name="reports"
    )
    period_start = models.DateField(_("periode vanaf"))
    period_end = models.DateField(_("periode tot en met"))
    spent_cents = models.BigIntegerField(_("uitgegeven in centen"))
    text = models.TextField(_("toelichting"), blank=True, default="")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingediend door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)

    class Meta:
        ordering = ["application", "period_start", "id"]
        verbose_name = _("verantwoording")
        verbose_name_plural = _("verantwoordingen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(spent_cents__gte=0, spent_cents__lte=MAX_AMOUNT_CENTS),
                name="fund_report_spent_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="fund_report_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.period_start} – {self.period_end}"


class IndicatorResult(models.Model):
    report = models.ForeignKey(
        SpendingReport, verbose_name=_("verantwoording"), on_delete=models.CASCADE, related_name="results"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="results"
    )
    value = models.PositiveIntegerField(_("behaald"))

    class Meta:
        ordering = ["report", "indicator__code"]
        verbose_name = _("resultaat")
        verbose_name_plural = _("resultaten")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="fund_result_once_per_indicator"),
            models.CheckConstraint(
                condition=models.Q(value__lte=MAX_INDICATOR_VALUE), name="fund_result_value_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"
