"""The labour-market region: subregions, municipalities (current and former) and their mergers.

A municipality row exists for every CBS code we know, current or former. A former municipality
points to its ``successor``; following that chain always ends at a current municipality
(see ``region.selectors.municipality_resolve``).
"""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorleren.core.models import TimeStampedModel

cbs_code_validator = RegexValidator(
    regex=r"^GM\d{4}$",
    message=_("Een CBS-gemeentecode is GM met 4 cijfers, bijvoorbeeld GM0014."),
    code="invalid_cbs_code",
)


class Province(models.TextChoices):
    GRONINGEN = "groningen", _("Groningen")
    DRENTHE = "drenthe", _("Drenthe")


class Subregion(models.Model):
    """A subregion of the labour-market region, as the regional plan (2020) names them."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("naam"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("subregio")
        verbose_name_plural = _("subregio's")

    def __str__(self) -> str:
        return self.name


class Municipality(TimeStampedModel):
    """A municipality with its CBS code; ``is_current`` is False for municipalities that merged away."""

    code = models.CharField(_("CBS-code"), max_length=6, unique=True, validators=[cbs_code_validator])
    name = models.CharField(_("naam"), max_length=100)
    subregion = models.ForeignKey(
        Subregion,
        verbose_name=_("subregio"),
        on_delete=models.PROTECT,
        related_name="municipalities",
        null=True,
        blank=True,
    )
    province = models.CharField(_("provincie"), max_length=16, choices=Province.choices)
    main_town = models.CharField(
        _("hoofdplaats"),
        max_length=100,
        blank=True,
        default="",
        help_text=_("De plaats met het gemeentehuis. De coördinaten zijn het centrum van deze plaats."),
    )
    latitude = models.FloatField(
        _("breedtegraad"), validators=[MinValueValidator(-90.0), MaxValueValidator(90.0)]
    )
    longitude = models.FloatField(
        _("lengtegraad"), validators=[MinValueValidator(-180.0), MaxValueValidator(180.0)]
    )
    is_current = models.BooleanField(_("bestaat nu"), default=True)
    dissolved_on = models.DateField(_("opgeheven op"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("opgegaan in"),
        on_delete=models.PROTECT,
        related_name="predecessors",
        null=True,
        blank=True,
        help_text=_(
            "De gemeente waarin deze gemeente is opgegaan. Alleen bij gemeenten die niet meer bestaan."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_current=True, successor__isnull=True, dissolved_on__isnull=True)
                | models.Q(is_current=False, successor__isnull=False, dissolved_on__isnull=False),
                name="region_municipality_current_xor_successor",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180
                ),
                name="region_municipality_coordinates_valid",
            ),
        ]
        indexes = [models.Index(fields=["is_current", "name"])]

    def __str__(self) -> str:
        return self.name


class MunicipalityMerger(models.Model):
    """A merger (herindeling): on ``effective_on`` the ``sources`` became ``result``.

    A source can be ``partial``: only part of it went into ``result`` (Winsum 2019: most went to
    Het Hogeland, a part to Westerkwartier). A former municipality's ``successor`` is the
    municipality that got its main part; that is where its old code resolves to.
    """

    effective_on = models.DateField(_("ingangsdatum"))
    result = models.ForeignKey(
        Municipality, verbose_name=_("nieuwe gemeente"), on_delete=models.PROTECT, related_name="mergers_into"
    )
    sources = models.ManyToManyField(
        Municipality,
        verbose_name=_("oude gemeenten"),
        through="MunicipalityMergerSource",
        related_name="mergers_from",
    )
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["-effective_on", "result__name"]
        verbose_name = _("gemeentelijke herindeling")
        verbose_name_plural = _("gemeentelijke herindelingen")
        constraints = [
            models.UniqueConstraint(
                fields=["effective_on", "result"], name="region_merger_unique_result_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.result} ({self.effective_on:%Y-%m-%d})"


class MunicipalityMergerSource(models.Model):
    merger = models.ForeignKey(MunicipalityMerger, on_delete=models.CASCADE, related_name="source_links")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="merger_source_links"
    )
    partial = models.BooleanField(_("gedeeltelijk"), default=False)

    class Meta:
        verbose_name = _("oude gemeente in herindeling")
        verbose_name_plural = _("oude gemeenten in herindeling")
        constraints = [
            models.UniqueConstraint(fields=["merger", "municipality"], name="region_merger_source_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} → {self.merger}"
