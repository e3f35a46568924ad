"""The learning offer: modules, certificates, diplomas and practical learning at companies.

Stackable: modules → certificate (all its modules are required) → diploma (rules over
certificates, see ``Diploma``). Modules and practical offers refer to the regional competency map
(``taxonomy.Competency``) with a level 1-4: the level a learner reaches.

Money is always whole cents (``price_cents``), never floats.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorleren.core.models import TimeStampedModel
from doorleren.taxonomy.levels import CompetencyLevel


class DeliveryMode(models.TextChoices):
    ON_SITE = "on_site", _("op locatie")
    ONLINE = "online", _("online")
    BLENDED = "blended", _("gemengd: op locatie en online")


class PublicationStatus(models.TextChoices):
    PUBLISHED = "published", _("gepubliceerd")
    DRAFT = "draft", _("concept")


class Language(models.TextChoices):
    DUTCH = "nl", _("Nederlands")
    ENGLISH = "en", _("Engels")
    GERMAN = "de", _("Duits")
    FRISIAN = "fy", _("Fries")


class DiplomaLevel(models.TextChoices):
    MBO = "mbo", _("MBO")
    HBO = "hbo", _("HBO")
    WO = "wo", _("WO")


class PracticalOfferKind(models.TextChoices):
    KNOWLEDGE = "knowledge", _("kennis")
    STAFF = "staff", _("mensen die begeleiden")
    MACHINES = "machines", _("machines en ruimte")


NLQF_CHOICES = [(level, str(level)) for level in range(1, 9)]


class Module(TimeStampedModel):
    """A module a provider (a school, or a company that gives training) offers.

    ``municipality`` is where it takes place: empty for online modules, required otherwise
    (database constraint ``learning_module_location_matches_mode``).
    """

    provider = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("aanbieder"),
        on_delete=models.PROTECT,
        related_name="modules",
    )
    code = models.CharField(
        _("code"), max_length=40, help_text=_("De code van de aanbieder. Uniek per aanbieder.")
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True, default="")
    hours = models.PositiveIntegerField(_("uren"), validators=[MinValueValidator(1)])
    price_cents = models.BigIntegerField(_("prijs in centen"), validators=[MinValueValidator(0)])
    nlqf_level = models.PositiveSmallIntegerField(
        _("NLQF-niveau"),
        choices=NLQF_CHOICES,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
        help_text=_("Leeg bij leren zonder niveau, bijvoorbeeld een cursus van een bedrijf."),
    )
    mode = models.CharField(_("vorm"), max_length=16, choices=DeliveryMode.choices)
    municipality = models.ForeignKey(
        "region.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="modules",
        null=True,
        blank=True,
    )
    language = models.CharField(_("taal"), max_length=8, choices=Language.choices, default=Language.DUTCH)
    status = models.CharField(
        _("status"), max_length=16, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    competencies = models.ManyToManyField(
        "taxonomy.Competency", through="ModuleCompetency", related_name="modules", blank=True
    )
    prerequisites = models.ManyToManyField(
        "self",
        verbose_name=_("voorkennis"),
        through="ModulePrerequisite",
        through_fields=("module", "required"),
        symmetrical=False,
        related_name="required_for",
        blank=True,
    )

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "code"], name="learning_module_code_unique_per_provider"
            ),
            models.CheckConstraint(
                condition=models.Q(price_cents__gte=0), name="learning_module_price_not_negative"
            ),
            models.CheckConstraint(condition=models.Q(hours__gte=1), name="learning_module_hours_positive"),
            models.CheckConstraint(
                condition=models.Q(nlqf_level__isnull=True) | models.Q(nlqf_level__gte=1, nlqf_level__lte=8),
                name="learning_module_nlqf_1_8",
            ),
            models.CheckConstraint(
                condition=models.Q(mode__in=DeliveryMode.values), name="learning_module_mode_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(mode=DeliveryMode.ONLINE, municipality__isnull=True)
                | (~models.Q(mode=DeliveryMode.ONLINE) & models.Q(municipality__isnull=False)),
                name="learning_module_location_matches_mode",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=PublicationStatus.values), name="learning_module_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["status", "title"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.code})"


class ModuleCompetency(models.Model):
    """A competency a module teaches, and the level (1-4) it brings a learner to."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="competency_links")
    competency = models.ForeignKey(
        "taxonomy.Competency",
        verbose_name=_("competentie"),
        on_delete=models.PROTECT,
        related_name="module_links",
    )
    level = models.PositiveSmallIntegerField(_("niveau"), choices=CompetencyLevel.choices)

    class Meta:
        ordering = ["-level", "competency__label"]
        verbose_name = _("competentie van een module")
        verbose_name_plural = _("competenties van modules")
        constraints = [
            models.UniqueConstraint(fields=["module", "competency"], name="learning_modulecompetency_unique"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="learning_modulecompetency_level_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.module}: {self.competency} ({self.level})"


class ModulePrerequisite(models.Model):
    """``module`` needs ``required`` first. Never itself (database constraint); no cycles (services)."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="prerequisite_links")
    required = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="required_for_links")

    class Meta:
        verbose_name = _("voorkennis")
        verbose_name_plural = _("voorkennis")
        constraints = [
            models.UniqueConstraint(fields=["module", "required"], name="learning_prerequisite_unique"),
            models.CheckConstraint(
                condition=~models.Q(module=models.F("required")), name="learning_prerequisite_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.module} ← {self.required}"


class ModuleStart(models.Model):
    """A moment a module starts. ``end_date`` and ``seats`` are empty when not known."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="starts")
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    seats = models.PositiveIntegerField(_("plaatsen"), null=True, blank=True)

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("start van een module")
        verbose_name_plural = _("starts van modules")
        constraints = [
            models.UniqueConstraint(fields=["module", "start_date"], name="learning_modulestart_unique"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="learning_modulestart_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.module} – {self.start_date:%Y-%m-%d}"


class Certificate(TimeStampedModel):
    """A stack of modules. A learner gets the certificate after all its modules."""

    provider = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("aanbieder"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True, default="")
    modules = models.ManyToManyField(Module, verbose_name=_("modules"), related_name="certificates")

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("certificaat")
        verbose_name_plural = _("certificaten")

    def __str__(self) -> str:
        return self.title


class Diploma(TimeStampedModel):
    """A diploma built from certificates.

    The rule: a learner gets the diploma when

    1. every certificate in ``required_certificates`` is complete, and
    2. at least ``min_certificates`` of the listed ``certificates`` are complete (required ones
       count too). When ``min_certificates`` is empty, all listed certificates are needed.

    ``required_certificates`` is always a part of ``certificates``, and
    ``len(required) <= min_certificates <= len(certificates)`` (checked by ``diploma_create``).
    """

    provider = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("aanbieder"),
        on_delete=models.PROTECT,
        related_name="diplomas",
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True, default="")
    level = models.CharField(_("niveau"), max_length=8, choices=DiplomaLevel.choices)
    certificates = models.ManyToManyField(
        Certificate, verbose_name=_("certificaten"), related_name="diplomas"
    )
    required_certificates = models.ManyToManyField(
        Certificate,
        verbose_name=_("verplichte certificaten"),
        related_name="required_by_diplomas",
        blank=True,
    )
    min_certificates = models.PositiveSmallIntegerField(
        _("minimaal aantal certificaten"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leeg: alle certificaten zijn nodig."),
    )

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("diploma")
        verbose_name_plural = _("diploma's")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_certificates__isnull=True) | models.Q(min_certificates__gte=1),
                name="learning_diploma_min_certificates_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(level__in=DiplomaLevel.values), name="learning_diploma_level_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PracticalLearningOffer(TimeStampedModel):
    """Learning a company offers: its knowledge, people who guide, or its machines and space."""

    provider = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("bedrijf"),
        on_delete=models.PROTECT,
        related_name="practical_learning_offers",
    )
    kind = models.CharField(_("soort"), max_length=16, choices=PracticalOfferKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True, default="")
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"),
        validators=[MinValueValidator(1)],
        help_text=_("Hoeveel mensen tegelijk kunnen leren."),
    )
    municipality = models.ForeignKey(
        "region.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="practical_offers",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PublicationStatus.choices, default=PublicationStatus.PUBLISHED
    )
    competencies = models.ManyToManyField(
        "taxonomy.Competency", through="PracticalOfferCompetency", related_name="practical_offers", blank=True
    )

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("leren in de praktijk")
        verbose_name_plural = _("leren in de praktijk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="learning_practical_capacity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=PracticalOfferKind.values), name="learning_practical_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PracticalOfferCompetency(models.Model):
    offer = models.ForeignKey(
        PracticalLearningOffer, on_delete=models.CASCADE, related_name="competency_links"
    )
    competency = models.ForeignKey(
        "taxonomy.Competency",
        verbose_name=_("competentie"),
        on_delete=models.PROTECT,
        related_name="practical_offer_links",
    )
    level = models.PositiveSmallIntegerField(_("niveau"), choices=CompetencyLevel.choices)

    class Meta:
        ordering = ["-level", "competency__label"]
        verbose_name = _("competentie bij leren in de praktijk")
        verbose_name_plural = _("competenties bij leren in de praktijk")
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "competency"], name="learning_practicalcompetency_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="learning_practicalcompetency_level_1_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer}: {self.competency} ({self.level})"
