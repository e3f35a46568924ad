"""The employer's journey (docs/workforce.md): the company scan and development plans.

- ``CompanyRole``: a role in a firm ("Sorteerder"), optionally tied to a regional occupation.
- ``RoleCompetency``: what the role needs, now or in 3-5 years, proposed from the regional competency
  map (``source=map``) or set by the employer (``source=edited``).
- ``RoleHolder``: the employer invites a person by e-mail; only when that resident confirms ("Ik werk
  bij ...") is the role linked to their account.
- ``DevelopmentPlan`` with ``DevelopmentPlanItem`` and ``DevelopmentPlanFunding``: the modules, dates,
  hours and cost the engine found, and who pays, stored as a snapshot when the plan is proposed, so
  the employee agrees to exact figures. Integer cents everywhere.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorleren.core.models import TimeStampedModel
from doorleren.taxonomy.levels import CompetencyLevel

TITLE_MAX = 120
DESCRIPTION_MAX = 2000
REASON_MAX = 500
HOURS_PER_WEEK_MIN = 1
HOURS_PER_WEEK_MAX = 40


class Horizon(models.TextChoices):
    NOW = "now", _("Nu")
    FUTURE = "future", _("Over 3 tot 5 jaar")


class CompetencySource(models.TextChoices):
    MAP = "map", _("Uit de competentiekaart")
    EDITED = "edited", _("Aangepast door de werkgever")


class HolderState(models.TextChoices):
    PENDING = "pending", _("Wacht op antwoord")
    ACCEPTED = "accepted", _("Bevestigd")
    REFUSED = "refused", _("Geweigerd")


class PlanState(models.TextChoices):
    DRAFT = "draft", _("Concept")
    PROPOSED = "proposed", _("Voorgesteld")
    AGREED = "agreed", _("Akkoord")
    DECLINED = "declined", _("Niet akkoord")
    WITHDRAWN = "withdrawn", _("Vervangen door een nieuw plan")


class CompanyRole(TimeStampedModel):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="workforce_roles",
    )
    title = models.CharField(_("naam van de rol"), max_length=TITLE_MAX)
    regional_occupation = models.ForeignKey(
        "taxonomy.RegionalOccupation",
        verbose_name=_("beroep in de regio"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.TextField(_("omschrijving"), blank=True, default="")

    class Meta:
        ordering = ["organisation_id", "title", "pk"]
        verbose_name = _("rol in het bedrijf")
        verbose_name_plural = _("rollen in het bedrijf")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "title"], name="workforce_role_title_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class RoleCompetency(models.Model):
    role = models.ForeignKey(CompanyRole, on_delete=models.CASCADE, related_name="competencies")
    competency = models.ForeignKey(
        "taxonomy.Competency", verbose_name=_("competentie"), on_delete=models.CASCADE, related_name="+"
    )
    level = models.PositiveSmallIntegerField(
        _("niveau"), choices=CompetencyLevel.choices, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    horizon = models.CharField(_("wanneer"), max_length=8, choices=Horizon.choices)
    source = models.CharField(_("bron"), max_length=8, choices=CompetencySource.choices)

    class Meta:
        ordering = ["role_id", "horizon", "competency__label"]
        verbose_name = _("competentie van een rol")
        verbose_name_plural = _("competenties van rollen")
        constraints = [
            models.UniqueConstraint(
                fields=["role", "competency", "horizon"], name="workforce_role_competency_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="workforce_role_level_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.competency} ({self.level}, {self.horizon})"


class RoleHolder(TimeStampedModel):
    """Who holds a role. ``employee`` stays empty until the resident confirms the invitation."""

    role = models.ForeignKey(CompanyRole, on_delete=models.CASCADE, related_name="holders")
    email = models.EmailField(_("e-mailadres"))
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medewerker"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    state = models.CharField(
        _("stand"), max_length=10, choices=HolderState.choices, default=HolderState.PENDING
    )
    since = models.DateField(_("in deze rol sinds"), null=True, blank=True)
    responded_at = models.DateTimeField(_("antwoord gegeven op"), null=True, blank=True)

    class Meta:
        ordering = ["role_id", "email"]
        verbose_name = _("medewerker in een rol")
        verbose_name_plural = _("medewerkers in rollen")
        constraints = [
            models.UniqueConstraint(fields=["role", "email"], name="workforce_holder_email_unique"),
            models.UniqueConstraint(
                fields=["role", "employee"],
                condition=models.Q(employee__isnull=False),
                name="workforce_holder_employee_unique",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="accepted") | models.Q(employee__isnull=False),
                name="workforce_holder_accepted_has_employee",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.email} ({self.state})"


class DevelopmentPlan(TimeStampedModel):
    """A development plan for one employee in one role. The figures are a snapshot: ``total_cents`` =
    ``covered_cents`` (budgets and subsidies) + ``own_contribution_cents`` (what the firm still pays)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="workforce_plans",
    )
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("medewerker"), on_delete=models.CASCADE, related_name="+"
    )
    role = models.ForeignKey(
        CompanyRole,
        verbose_name=_("rol"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans",
    )
    role_title = models.CharField(_("rol"), max_length=TITLE_MAX)
    state = models.CharField(_("stand"), max_length=10, choices=PlanState.choices, default=PlanState.DRAFT)
    hours_per_week = models.PositiveSmallIntegerField(
        _("uren per week"),
        validators=[MinValueValidator(HOURS_PER_WEEK_MIN), MaxValueValidator(HOURS_PER_WEEK_MAX)],
    )
    start_date = models.DateField(_("begint op"), null=True, blank=True)
    end_date = models.DateField(_("klaar op"), null=True, blank=True)
    total_hours = models.PositiveIntegerField(_("uren in totaal"), default=0)
    total_cents = models.BigIntegerField(_("kosten in centen"), default=0)
    covered_cents = models.BigIntegerField(_("betaald door budgetten in centen"), default=0)
    own_contribution_cents = models.BigIntegerField(_("eigen bijdrage in centen"), default=0)
    gap = models.JSONField(_("wat er nog te leren is"), default=list, blank=True)
    uncovered = models.JSONField(_("nog geen module voor"), default=list, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_at = models.DateTimeField(_("voorgesteld op"), null=True, blank=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decline_reason = models.CharField(_("waarom niet akkoord"), max_length=REASON_MAX, blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ontwikkelplan")
        verbose_name_plural = _("ontwikkelplannen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    total_cents=models.F("covered_cents") + models.F("own_contribution_cents")
                ),
                name="workforce_plan_figures_add_up",
            ),
            models.CheckConstraint(
                condition=models.Q(covered_cents__gte=0, own_contribution_cents__gte=0),
                name="workforce_plan_amounts_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "state"]), models.Index(fields=["employee", "state"])]

    def __str__(self) -> str:
        return f"{self.role_title}: {self.employee} ({self.state})"


class DevelopmentPlanItem(models.Model):
    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("volgorde"))
    module = models.ForeignKey(
        "learning.Module", verbose_name=_("module"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    module_title = models.CharField(_("module"), max_length=300)
    provider_name = models.CharField(_("aanbieder"), max_length=200, blank=True, default="")
    start_date = models.DateField(_("begint op"))
    end_date = models.DateField(_("klaar op"))
    hours = models.PositiveIntegerField(_("uren"))
    price_cents = models.BigIntegerField(_("prijs in centen"))
    covered_cents = models.BigIntegerField(_("betaald door budgetten in centen"))
    own_contribution_cents = models.BigIntegerField(_("eigen bijdrage in centen"))

    class Meta:
        ordering = ["plan_id", "position"]
        verbose_name = _("module in een ontwikkelplan")
        verbose_name_plural = _("modules in ontwikkelplannen")
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="workforce_item_position_unique"),
            models.CheckConstraint(
                condition=models.Q(
                    price_cents=models.F("covered_cents") + models.F("own_contribution_cents")
                ),
                name="workforce_item_figures_add_up",
            ),
        ]

    def __str__(self) -> str:
        return self.module_title


class DevelopmentPlanFunding(models.Model):
    """Who pays what for one item, as the co-funding split said when the plan was proposed. Names are
    copied so the plan still reads the same when a budget is gone."""

    item = models.ForeignKey(DevelopmentPlanItem, on_delete=models.CASCADE, related_name="funding")
    budget = models.ForeignKey(
        "budgets.Budget", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    funder_name = models.CharField(_("financier"), max_length=200)
    rule_name = models.CharField(_("regeling"), max_length=200)
    amount_cents = models.BigIntegerField(_("bedrag in centen"))

    class Meta:
        ordering = ["item_id", "pk"]
        verbose_name = _("betaling in een ontwikkelplan")
        verbose_name_plural = _("betalingen in ontwikkelplannen")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_cents__gt=0), name="workforce_funding_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.funder_name}: {self.amount_cents}"
