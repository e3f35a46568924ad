"""What a resident can do, has done and wants: competencies with evidence, work, education, preferences.

A profile belongs to one user with role resident. Only the resident changes it (services);
others read it only through ``profiles.selectors.profile_for_viewer`` after consent.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorleren.core.models import TimeStampedModel
from doorleren.taxonomy.levels import CompetencyLevel

from .choices import (
    HOURS_MAX,
    HOURS_MIN,
    TRAVEL_KM_MAX,
    TRAVEL_KM_MIN,
    CompetencySource,
    EducationLevel,
    Evidence,
    ResidentStatus,
    SuggestionDecision,
)

BIRTH_YEAR_MIN = 1900
TITLE_MAX = 200
DESCRIPTION_MAX = 2000
SUGGESTION_WORDS_MAX = 200


class ResidentProfile(TimeStampedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="resident_profile",
        verbose_name=_("inwoner"),
    )
    status = models.CharField(_("situatie"), max_length=16, choices=ResidentStatus.choices)
    municipality = models.ForeignKey(
        "region.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    education_level = models.CharField(
        _("hoogste opleiding"), max_length=16, choices=EducationLevel.choices, blank=True
    )
    birth_year = models.PositiveSmallIntegerField(
        _("geboortejaar"), null=True, blank=True, validators=[MinValueValidator(BIRTH_YEAR_MIN)]
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("uren per week beschikbaar"),
        null=True,
        blank=True,
        validators=[MinValueValidator(HOURS_MIN), MaxValueValidator(HOURS_MAX)],
    )
    max_travel_km = models.PositiveSmallIntegerField(
        _("hoe ver reizen (km)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(TRAVEL_KM_MIN), MaxValueValidator(TRAVEL_KM_MAX)],
    )
    preferred_sectors = models.ManyToManyField(
        "taxonomy.Sector", blank=True, related_name="+", verbose_name=_("sectoren die u leuk vindt")
    )
    looking_for_work = models.BooleanField(_("zoekt werk"), default=False)
    looking_for_learning = models.BooleanField(_("wil iets leren"), default=False)

    class Meta:
        verbose_name = _("profiel van een inwoner")
        verbose_name_plural = _("profielen van inwoners")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_per_week__isnull=True)
                | models.Q(hours_per_week__gte=HOURS_MIN, hours_per_week__lte=HOURS_MAX),
                name="profiles_profile_hours_range",
            ),
            models.CheckConstraint(
                condition=models.Q(max_travel_km__isnull=True)
                | models.Q(max_travel_km__gte=TRAVEL_KM_MIN, max_travel_km__lte=TRAVEL_KM_MAX),
                name="profiles_profile_travel_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


class ResidentCompetency(TimeStampedModel):
    """A competency from the regional competency map that the resident has, at a level 1-4."""

    profile = models.ForeignKey(
        ResidentProfile, on_delete=models.CASCADE, related_name="competencies", verbose_name=_("profiel")
    )
    competency = models.ForeignKey(
        "taxonomy.Competency", on_delete=models.PROTECT, related_name="+", verbose_name=_("competentie")
    )
    level = models.PositiveSmallIntegerField(_("niveau"), choices=CompetencyLevel.choices)
    source = models.CharField(_("waar geleerd"), max_length=16, choices=CompetencySource.choices)
    evidence = models.CharField(_("bewijs"), max_length=24, choices=Evidence.choices)
    obtained_on = models.DateField(_("sinds wanneer"), null=True, blank=True)

    class Meta:
        verbose_name = _("competentie van een inwoner")
        verbose_name_plural = _("competenties van inwoners")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "competency"], name="profiles_competency_once_per_profile"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="profiles_competency_level_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency} ({self.level})"


class WorkExperience(TimeStampedModel):
    """A job the resident had or has. Months are stored as the first day of the month."""

    profile = models.ForeignKey(
        ResidentProfile, on_delete=models.CASCADE, related_name="work_experiences", verbose_name=_("profiel")
    )
    occupation = models.ForeignKey(
        "taxonomy.Occupation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beroep (ESCO)"),
    )
    job_title = models.CharField(_("functie"), max_length=TITLE_MAX)
    employer_name = models.CharField(_("werkgever"), max_length=TITLE_MAX, blank=True)
    started_on = models.DateField(_("begonnen in"))
    ended_on = models.DateField(_("gestopt in"), null=True, blank=True)
    description = models.TextField(
        _("wat deed u?"), blank=True, validators=[MaxLengthValidator(DESCRIPTION_MAX)]
    )

    class Meta:
        verbose_name = _("werkervaring")
        verbose_name_plural = _("werkervaring")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="profiles_work_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.job_title


class Education(TimeStampedModel):
    """A school or course the resident followed."""

    profile = models.ForeignKey(
        ResidentProfile, on_delete=models.CASCADE, related_name="educations", verbose_name=_("profiel")
    )
    title = models.CharField(_("naam van de opleiding"), max_length=TITLE_MAX)
    level = models.CharField(_("soort opleiding"), max_length=16, choices=EducationLevel.choices, blank=True)
    institution = models.CharField(_("school"), max_length=TITLE_MAX, blank=True)
    completed = models.BooleanField(_("afgemaakt"), default=False)
    year = models.PositiveSmallIntegerField(
        _("jaar"), null=True, blank=True, validators=[MinValueValidator(BIRTH_YEAR_MIN)]
    )

    class Meta:
        verbose_name = _("opleiding")
        verbose_name_plural = _("opleidingen")
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.title


class CompetencySuggestion(TimeStampedModel):
    """What the resident said about a competency the platform suggested from their own text.

    The text itself is not kept: only the competency, the decision and the few words of the text that
    supported the suggestion. A rejected competency is not suggested again.
    """

    profile = models.ForeignKey(
        ResidentProfile, on_delete=models.CASCADE, related_name="suggestions", verbose_name=_("profiel")
    )
    competency = models.ForeignKey(
        "taxonomy.Competency", on_delete=models.PROTECT, related_name="+", verbose_name=_("competentie")
    )
    decision = models.CharField(_("besluit"), max_length=12, choices=SuggestionDecision.choices)
    words = models.CharField(_("woorden uit de tekst"), max_length=SUGGESTION_WORDS_MAX, blank=True)

    class Meta:
        verbose_name = _("voorgestelde competentie")
        verbose_name_plural = _("voorgestelde competenties")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "competency"], name="profiles_suggestion_once_per_profile"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency}: {self.decision}"


class StatusChange(models.Model):
    """The resident's situation (``ResidentStatus``) from ``changed_on``: one row when the profile is
    made and one each time the situation changes. Monitoring reads it to know someone's situation on
    a past date (docs/monitoring.md). Only ``profiles.services`` writes these rows."""

    profile = models.ForeignKey(
        ResidentProfile, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("profiel")
    )
    status = models.CharField(_("situatie"), max_length=16, choices=ResidentStatus.choices)
    changed_on = models.DateField(_("vanaf"))

    class Meta:
        ordering = ["profile", "changed_on", "id"]
        verbose_name = _("verandering van situatie")
        verbose_name_plural = _("veranderingen van situatie")
        indexes = [models.Index(fields=["profile", "changed_on"])]

    def __str__(self) -> str:
        return f"{self.profile_id}: {self.status} ({self.changed_on})"
