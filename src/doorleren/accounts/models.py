from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "resident", _("Inwoner")
    EMPLOYER = "employer", _("Werkgever")
    SCHOOL = "school", _("School")
    COACH = "coach", _("Coach")
    PROGRAMME_OFFICE = "programme_office", _("Programmabureau")
    ADMINISTRATOR = "administrator", _("Beheerder")


class User(AbstractUser):
    """A person who logs in. What they may see follows from ``role`` and, for residents' data, consent."""

    role = models.CharField(_("rol"), max_length=32, choices=Role.choices, default=Role.RESIDENT)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class ConsentPurpose(models.TextChoices):
    VIEW_PROFILE = "view_profile", _("Mijn profiel bekijken voor werk of leren")
    CONTACT = "contact", _("Contact met mij opnemen")
    SHARE_DEVELOPMENT_PLAN = "share_development_plan", _("Mijn ontwikkelplan bekijken")


# The version of the consent text residents agree to. Raise it when the text on the consent page
# changes; consents keep the version they were given under.
CONSENT_TEXT_VERSION = "2026-1"


class Consent(models.Model):
    """A resident allows one organisation one thing (``purpose``) until they revoke it.

    Revoking sets ``revoked_at``; the row stays as a record. Granting again makes a new row.
    At most one active (not revoked) consent exists per resident, organisation and purpose.
    """

    resident = models.ForeignKey(
        User, verbose_name=_("inwoner"), on_delete=models.CASCADE, related_name="consents_given"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="consents_received",
    )
    purpose = models.CharField(_("waarvoor"), max_length=32, choices=ConsentPurpose.choices)
    granted_at = models.DateTimeField(_("gegeven op"))
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    version = models.CharField(_("versie van de tekst"), max_length=16, default=CONSENT_TEXT_VERSION)

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "organisation", "purpose"],
                condition=models.Q(revoked_at__isnull=True),
                name="accounts_consent_one_active",
            ),
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True)
                | models.Q(revoked_at__gte=models.F("granted_at")),
                name="accounts_consent_revoked_after_granted",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "purpose", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.resident} → {self.organisation} ({self.get_purpose_display()})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class OidcIdentity(models.Model):
    """A staff member's account at their organisation's identity provider (OpenID Connect), linked to
    one user here. The provider names the person with ``subject`` (the ``sub`` claim), unique per
    ``issuer``. Made at the first login through the provider (docs/security-oidc.md); a user has at most
    one identity per provider. Deleting the row unlinks it; the next login links again by e-mail."""

    user = models.ForeignKey(
        User, verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="oidc_identities"
    )
    issuer = models.CharField(_("inlogdienst"), max_length=255)
    subject = models.CharField(_("kenmerk bij de inlogdienst"), max_length=255)
    created_at = models.DateTimeField(_("gekoppeld op"), default=timezone.now)
    last_login_at = models.DateTimeField(_("laatst ingelogd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("koppeling met een inlogdienst")
        verbose_name_plural = _("koppelingen met een inlogdienst")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="accounts_oidcidentity_one_per_subject"
            ),
            models.UniqueConstraint(fields=["issuer", "user"], name="accounts_oidcidentity_one_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.issuer})"
