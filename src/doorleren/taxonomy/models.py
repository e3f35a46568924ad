"""ESCO concepts and the regional competency map.

ESCO concepts (``IscoGroup``, ``SkillGroup``, ``Skill``, ``Occupation``) are keyed by their ESCO URI.
Labels live in one table per concept type (``OccupationLabel``, ``SkillLabel``, ...), all built from
the same abstract ``ConceptLabel``: one row per (concept, language, kind, text), kind is
preferred/alternative/hidden. Descriptions are a JSON object per concept, ``{"nl": ..., "en": ...}``.
``label`` on a concept is the display label (Dutch preferred label, else English, else the label a
map gave it) kept up to date by the services.

The regional competency map (``Sector``, ``Competency``, ``CompetencyDemand``,
``RegionalOccupation``, ``RegionalOccupationCompetency``) is what the rest of doorleren refers to.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorleren.core.models import TimeStampedModel

from .levels import CompetencyLevel


class LabelKind(models.TextChoices):
    PREFERRED = "preferred", _("voorkeursnaam")
    ALTERNATIVE = "alternative", _("andere naam")
    HIDDEN = "hidden", _("verborgen zoekterm")


class ConceptStatus(models.TextChoices):
    RELEASED = "released", _("vrijgegeven")
    DRAFT = "draft", _("concept")
    OBSOLETE = "obsolete", _("vervallen")
    UNKNOWN = "", _("onbekend")


class EscoConcept(TimeStampedModel):
    uri = models.CharField(_("ESCO-URI"), max_length=255, unique=True)
    label = models.CharField(_("naam"), max_length=500, blank=True)
    descriptions = models.JSONField(_("beschrijvingen per taal"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ConceptStatus.choices, blank=True)

    class Meta:
        abstract = True
        ordering = ["label", "uri"]

    def __str__(self) -> str:
        return self.label or self.uri


class IscoGroup(EscoConcept):
    code = models.CharField(_("ISCO-code"), max_length=10, db_index=True, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("hoort bij"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta(EscoConcept.Meta):
        verbose_name = _("ISCO-groep")
        verbose_name_plural = _("ISCO-groepen")


class SkillGroup(EscoConcept):
    code = models.CharField(_("code"), max_length=20, db_index=True, blank=True)

    class Meta(EscoConcept.Meta):
        verbose_name = _("vaardigheidsgroep")
        verbose_name_plural = _("vaardigheidsgroepen")


class Skill(EscoConcept):
    class SkillType(models.TextChoices):
        SKILL = "skill", _("vaardigheid")
        KNOWLEDGE = "knowledge", _("kennis")
        UNKNOWN = "", _("onbekend")

    class ReuseLevel(models.TextChoices):
        TRANSVERSAL = "transversal", _("breed inzetbaar")
        CROSS_SECTOR = "cross-sector", _("in meer sectoren")
        SECTOR_SPECIFIC = "sector-specific", _("in één sector")
        OCCUPATION_SPECIFIC = "occupation-specific", _("voor één beroep")
        UNKNOWN = "", _("onbekend")

    skill_type = models.CharField(_("soort"), max_length=20, choices=SkillType.choices, blank=True)
    reuse_level = models.CharField(_("inzetbaarheid"), max_length=30, choices=ReuseLevel.choices, blank=True)

    class Meta(EscoConcept.Meta):
        verbose_name = _("vaardigheid")
        verbose_name_plural = _("vaardigheden")


class Occupation(EscoConcept):
    code = models.CharField(_("ESCO-code"), max_length=30, db_index=True, blank=True)
    isco_group = models.ForeignKey(
        IscoGroup,
        verbose_name=_("ISCO-groep"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="occupations",
    )
    skills = models.ManyToManyField(Skill, through="OccupationSkill", related_name="occupations", blank=True)

    class Meta(EscoConcept.Meta):
        verbose_name = _("beroep")
        verbose_name_plural = _("beroepen")


class ConceptLabel(models.Model):
    lang = models.CharField(_("taal"), max_length=10)
    kind = models.CharField(_("soort"), max_length=20, choices=LabelKind.choices)
    text = models.TextField(_("tekst"))

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.text} ({self.lang}, {self.kind})"


class IscoGroupLabel(ConceptLabel):
    concept = models.ForeignKey(IscoGroup, on_delete=models.CASCADE, related_name="labels")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["concept", "lang", "kind", "text"], name="uniq_iscogroup_label")
        ]


class SkillGroupLabel(ConceptLabel):
    concept = models.ForeignKey(SkillGroup, on_delete=models.CASCADE, related_name="labels")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["concept", "lang", "kind", "text"], name="uniq_skillgroup_label")
        ]


class SkillLabel(ConceptLabel):
    concept = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="labels")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["concept", "lang", "kind", "text"], name="uniq_skill_label")
        ]


class OccupationLabel(ConceptLabel):
    concept = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="labels")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["concept", "lang", "kind", "text"], name="uniq_occupation_label")
        ]


class OccupationSkill(models.Model):
    class Relation(models.TextChoices):
        ESSENTIAL = "essential", _("noodzakelijk")
        OPTIONAL = "optional", _("optioneel")

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="skill_relations")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="occupation_relations")
    relation = models.CharField(_("relatie"), max_length=20, choices=Relation.choices)
    skill_type = models.CharField(_("soort"), max_length=20, choices=Skill.SkillType.choices, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["occupation", "skill"], name="uniq_occupation_skill")]

    def __str__(self) -> str:
        return f"{self.occupation} → {self.skill} ({self.relation})"


class SkillBroader(models.Model):
    """One broader relation in the skill pillar: a skill or skill group → its broader skill or group.

    Exactly one of ``skill``/``skill_group`` is set (the narrower concept), and exactly one of
    ``broader_skill``/``broader_group``.
    """

    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, null=True, blank=True, related_name="broader_links"
    )
    skill_group = models.ForeignKey(
        SkillGroup, on_delete=models.CASCADE, null=True, blank=True, related_name="broader_links"
    )
    broader_skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, null=True, blank=True, related_name="narrower_links"
    )
    broader_group = models.ForeignKey(
        SkillGroup, on_delete=models.CASCADE, null=True, blank=True, related_name="narrower_links"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(skill__isnull=False, skill_group__isnull=True))
                | (models.Q(skill__isnull=True, skill_group__isnull=False)),
                name="skillbroader_one_narrower",
            ),
            models.CheckConstraint(
                condition=(models.Q(broader_skill__isnull=False, broader_group__isnull=True))
                | (models.Q(broader_skill__isnull=True, broader_group__isnull=False)),
                name="skillbroader_one_broader",
            ),
            *(
                models.UniqueConstraint(
                    fields=[narrower, broader],
                    condition=models.Q(**{f"{narrower}__isnull": False, f"{broader}__isnull": False}),
                    name=f"uniq_broader_{narrower}_{broader}",
                )
                for narrower in ("skill", "skill_group")
                for broader in ("broader_skill", "broader_group")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill or self.skill_group} ⊂ {self.broader_skill or self.broader_group}"


class TaxonomyVersion(models.Model):
    """One row per taxonomy part; ``version`` goes up whenever an import or map load changes it.

    The linking indexes use it as their fingerprint.
    """

    name = models.CharField(max_length=50, unique=True)
    version = models.PositiveIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class Sector(TimeStampedModel):
    code = models.CharField(_("code"), max_length=50, unique=True)
    label = models.CharField(_("naam"), max_length=200)
    explanation = models.TextField(_("uitleg"), blank=True)

    class Meta:
        ordering = ["label"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectoren")

    def __str__(self) -> str:
        return self.label


class Competency(TimeStampedModel):
    class Kind(models.TextChoices):
        BASIC = "basic", _("basisvaardigheid")
        VOCATIONAL = "vocational", _("vakvaardigheid")
        TRANSVERSAL = "transversal", _("brede vaardigheid")

    code = models.CharField(_("code"), max_length=80, unique=True)
    label = models.CharField(_("naam"), max_length=200)
    explanation = models.TextField(_("uitleg"), blank=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectoren"), related_name="competencies", blank=True
    )
    esco_skills = models.ManyToManyField(
        Skill, verbose_name=_("ESCO-vaardigheden"), related_name="competencies", blank=True
    )

    class Meta:
        ordering = ["label"]
        verbose_name = _("competentie")
        verbose_name_plural = _("competenties")

    def __str__(self) -> str:
        return self.label


class CompetencyDemand(TimeStampedModel):
    class Trend(models.TextChoices):
        GROWS = "grows", _("groeit")
        STABLE = "stable", _("blijft gelijk")
        SHRINKS = "shrinks", _("krimpt")

    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="demands")
    sector = models.ForeignKey(Sector, on_delete=models.CASCADE, related_name="competency_demands")
    trend = models.CharField(_("vraag"), max_length=20, choices=Trend.choices)
    source = models.TextField(_("bron"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["competency", "sector"], name="uniq_competency_demand")
        ]
        verbose_name = _("vraag naar competentie")
        verbose_name_plural = _("vraag naar competenties")

    def __str__(self) -> str:
        return f"{self.competency} in {self.sector}: {self.trend}"


class RegionalOccupation(TimeStampedModel):
    code = models.CharField(_("code"), max_length=80, unique=True)
    label = models.CharField(_("naam"), max_length=200)
    explanation = models.TextField(_("uitleg"), blank=True)
    occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("ESCO-beroep"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regional_occupations",
    )
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="regional_occupations"
    )
    competencies = models.ManyToManyField(
        Competency, through="RegionalOccupationCompetency", related_name="regional_occupations", blank=True
    )

    class Meta:
        ordering = ["label"]
        verbose_name = _("beroep in de regio")
        verbose_name_plural = _("beroepen in de regio")

    def __str__(self) -> str:
        return self.label


class RegionalOccupationCompetency(models.Model):
    regional_occupation = models.ForeignKey(
        RegionalOccupation, on_delete=models.CASCADE, related_name="competency_requirements"
    )
    competency = models.ForeignKey(
        Competency, on_delete=models.CASCADE, related_name="occupation_requirements"
    )
    level = models.PositiveSmallIntegerField(
        _("niveau"), choices=CompetencyLevel.choices, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    essential = models.BooleanField(_("noodzakelijk"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["regional_occupation", "competency"], name="uniq_regional_occupation_competency"
            ),
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=4), name="roc_level_1_4"),
        ]

    def __str__(self) -> str:
        return f"{self.regional_occupation}: {self.competency} ({self.level})"

    @property
    def level_label(self) -> str:
        """The level in words (``CompetencyLevel``), empty for a level outside 1-4."""
        return str(CompetencyLevel(self.level).label) if self.level in CompetencyLevel.values else ""
