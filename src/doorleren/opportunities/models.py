"""Work and assignments offered in the region: vacancies, practical assignments and basic jobs.

An opportunity belongs to an organisation (an employer, or a cooperative that hosts a practical
assignment) and asks for competencies of the regional competency map at a level 1-4.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorleren.core.models import TimeStampedModel
from doorleren.taxonomy.levels import CompetencyLevel

HOURS_MIN, HOURS_MAX = 1, 40
TEAM_SIZE_MIN, TEAM_SIZE_MAX = 2, 30
TITLE_MAX = 200
DESCRIPTION_MAX = 5000


class OpportunityKind(models.TextChoices):
    VACANCY = "vacancy", _("Vacature")
    PRACTICAL_ASSIGNMENT = "practical_assignment", _("Praktijkopdracht")
    BASIC_JOB = "basic_job", _("Basisbaan")


class OpportunityStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Gesloten")


class Opportunity(TimeStampedModel):
    kind = models.CharField(_("soort"), max_length=24, choices=OpportunityKind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="opportunities",
        verbose_name=_("organisatie"),
    )
    title = models.CharField(_("titel"), max_length=TITLE_MAX)
    description = models.TextField(_("omschrijving"), max_length=DESCRIPTION_MAX)
    municipality = models.ForeignKey(
        "region.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("uren per week"), validators=[MinValueValidator(HOURS_MIN), MaxValueValidator(HOURS_MAX)]
    )
    occupation = models.ForeignKey(
        "taxonomy.Occupation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beroep (ESCO)"),
    )
    sector = models.ForeignKey(
        "taxonomy.Sector",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sector"),
    )
    starts_on = models.DateField(_("begint op"), null=True, blank=True)
    ends_on = models.DateField(_("eindigt op"), null=True, blank=True)
    team_size = models.PositiveSmallIntegerField(
        _("aantal mensen in het team"),
        null=True,
        blank=True,
        validators=[MinValueValidator(TEAM_SIZE_MIN), MaxValueValidator(TEAM_SIZE_MAX)],
        help_text=_("Alleen bij een praktijkopdracht: hoeveel lerenden samen aan de opdracht werken."),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=OpportunityStatus.choices, default=OpportunityStatus.OPEN
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("werk of opdracht")
        verbose_name_plural = _("werk en opdrachten")
        indexes = [models.Index(fields=["status", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_per_week__gte=HOURS_MIN, hours_per_week__lte=HOURS_MAX),
                name="opportunities_hours_range",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="opportunities_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(team_size__isnull=True) | models.Q(kind="practical_assignment"),
                name="opportunities_team_only_for_assignments",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CompetencyPurpose(models.TextChoices):
    """Why an opportunity names a competency: you need it (apply), or you learn it there (learn).

    Only a practical assignment has competencies to learn; they are never essential (docs/opportunities.md).
    """

    APPLY = "apply", _("Nodig om mee te doen")
    LEARN = "learn", _("Leert u in de opdracht")


class OpportunityCompetency(models.Model):
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="competency_requirements", verbose_name=_("werk")
    )
    competency = models.ForeignKey(
        "taxonomy.Competency", on_delete=models.PROTECT, related_name="+", verbose_name=_("competentie")
    )
    level = models.PositiveSmallIntegerField(_("niveau"), choices=CompetencyLevel.choices)
    essential = models.BooleanField(_("noodzakelijk"), default=True)
    purpose = models.CharField(
        _("doel"), max_length=8, choices=CompetencyPurpose.choices, default=CompetencyPurpose.APPLY
    )

    class Meta:
        ordering = ["-essential", "competency__label"]
        verbose_name = _("gevraagde competentie")
        verbose_name_plural = _("gevraagde competenties")
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "competency"], name="opportunities_competency_once"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="opportunities_level_range"
            ),
            models.CheckConstraint(
                condition=models.Q(purpose__in=["apply", "learn"]), name="opportunities_purpose_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency} ({self.level})"
