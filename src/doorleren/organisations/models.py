"""Organisations in the region: employers, schools, governments, cooperatives and funders.

Only organisation data lives here, never data about persons; ``Membership`` links a user to the
organisation they work for and is what consent (``accounts.Consent``) is checked against.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from doorleren.core.models import TimeStampedModel
from doorleren.organisations.validators import (
    IBAN_MAX,
    validate_brin_code,
    validate_iban,
    validate_kvk_number,
)


class OrganisationKind(models.TextChoices):
    EMPLOYER = "employer", _("Werkgever")
    SCHOOL = "school", _("Onderwijsinstelling")
    GOVERNMENT = "government", _("Overheid")
    COOPERATIVE = "cooperative", _("Coöperatie of innovatiewerkplaats")
    FUNDER = "funder", _("Financier")


class SchoolLevel(models.TextChoices):
    MBO = "mbo", _("MBO")
    HBO = "hbo", _("HBO")
    WO = "wo", _("WO")
    OTHER = "other", _("Anders")


class SizeClass(models.TextChoices):
    MICRO = "micro", _("1 tot 10 medewerkers")
    SMALL = "small", _("10 tot 50 medewerkers")
    MEDIUM = "medium", _("50 tot 250 medewerkers")
    LARGE = "large", _("250 medewerkers of meer")


class SectorCode(models.TextChoices):
    """The sectors of the regional competency map (``taxonomy.Sector.code`` uses the same codes)."""

    ENERGY_HYDROGEN = "energie-waterstof", _("Energie en waterstof")
    WASTE_CIRCULAR = "afval-circulair", _("Afval en circulaire economie")
    CARE_WELFARE = "zorg-welzijn", _("Zorg en welzijn")
    ICT_DIGITAL = "ict-digitalisering", _("ICT en digitalisering")
    AGRIFOOD_PROTEIN = "agrifood-eiwit", _("Agrifood en eiwittransitie")
    LOGISTICS_PORTS = "logistiek-havens", _("Logistiek en havens")
    ENGINEERING_INSTALLATION = "techniek-installatie", _("Techniek en installatie")
    CONSTRUCTION = "bouw", _("Bouw")
    EDUCATION_CHILDCARE = "onderwijs-kinderopvang", _("Onderwijs en kinderopvang")


class Organisation(TimeStampedModel):
    kind = models.CharField(_("soort"), max_length=16, choices=OrganisationKind.choices)
    name = models.CharField(_("naam"), max_length=200)
    kvk_number = models.CharField(
        _("KvK-nummer"), max_length=8, blank=True, default="", validators=[validate_kvk_number]
    )
    brin_code = models.CharField(
        _("BRIN-code"), max_length=4, blank=True, default="", validators=[validate_brin_code]
    )
    school_level = models.CharField(
        _("onderwijsniveau"), max_length=8, choices=SchoolLevel.choices, blank=True, default=""
    )
    is_innovation_workshop = models.BooleanField(_("innovatiewerkplaats"), default=False)
    municipality = models.ForeignKey(
        "region.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
    )
    sector_code = models.CharField(
        _("sector"), max_length=32, choices=SectorCode.choices, blank=True, default=""
    )
    size_class = models.CharField(
        _("grootte"), max_length=8, choices=SizeClass.choices, blank=True, default=""
    )
    website = models.URLField(_("website"), blank=True, default="")
    description = models.TextField(_("omschrijving"), blank=True, default="")
    joined_cooperative_at = models.DateField(_("lid van de coöperatie sinds"), null=True, blank=True)
    # The account a school or company that offers modules is paid on. Set only through
    # ``services.organisation_iban_set`` (checked, normalised, in the audit log); shown in full only to
    # the organisation's own staff (docs/enrolments.md, "Signalen voor coaches").
    iban = models.CharField(
        _("IBAN voor uitbetaling"), max_length=IBAN_MAX, blank=True, default="", validators=[validate_iban]
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="employer") | models.Q(Exact(Length("kvk_number"), 8)),
                name="organisations_employer_has_kvk",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="school") | models.Q(Exact(Length("brin_code"), 4)),
                name="organisations_school_has_brin",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="school") | models.Q(brin_code="", school_level=""),
                name="organisations_brin_only_for_schools",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="employer") | models.Q(size_class=""),
                name="organisations_size_only_for_employers",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="cooperative") | models.Q(is_innovation_workshop=False),
                name="organisations_workshop_is_cooperative",
            ),
            models.UniqueConstraint(
                fields=["kvk_number"], condition=~models.Q(kvk_number=""), name="organisations_kvk_unique"
            ),
            models.UniqueConstraint(
                fields=["brin_code"], condition=~models.Q(brin_code=""), name="organisations_brin_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "name"]),
            models.Index(fields=["iban"], condition=~models.Q(iban=""), name="organisations_iban_set"),
        ]

    def __str__(self) -> str:
        return self.name


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Beheerder van de organisatie")
    MEMBER = "member", _("Medewerker")


class Membership(TimeStampedModel):
    """A user works for (or on behalf of) an organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("rol in de organisatie"),
        max_length=8,
        choices=MembershipRole.choices,
        default=MembershipRole.MEMBER,
    )

    class Meta:
        ordering = ["organisation__name", "user__username"]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="organisations_membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"
