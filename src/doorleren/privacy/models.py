"""Privacy (docs/security-privacy.md): the log of who saw a resident's personal data.

A ``ProfileView`` is written by ``privacy.services.profile_view_record`` when a staff user (employer,
school or coach) sees a resident's data. It keeps a copy of the viewer's name and organisation name,
so the resident still reads who it was after the staff account or the organisation is gone.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorleren.accounts.models import ConsentPurpose

NAME_MAX = 200

# Why someone saw the data: a consent purpose, or "provider": the resident enrolled for a module of
# that organisation (the provider sees the enrolment without a separate consent, docs/enrolments.md).
PURPOSE_PROVIDER = "provider"
PURPOSE_CHOICES = [
    *ConsentPurpose.choices,
    (PURPOSE_PROVIDER, _("U schreef zich in voor een module van deze organisatie")),
]


class ViewedWhat(models.TextChoices):
    PROFILE = "profile", _("Uw profiel")
    CANDIDATES = "candidates", _("Uw profiel in een lijst met kandidaten voor werk")
    DEVELOPMENT_PLAN = "development_plan", _("Uw ontwikkelplan")
    GRANT = "grant", _("Uw budgetten (om een budget toe te kennen)")
    ENROLMENT = "enrolment", _("Uw inschrijving voor een module")
    PLACEMENT = "placement", _("Uw keuze voor een praktijkopdracht")


class ProfileView(models.Model):
    """One time a staff user saw a resident's personal data. Repeats within 10 minutes are one row."""

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bekeken door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    viewer_name = models.CharField(_("naam van wie keek"), max_length=NAME_MAX)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation_name = models.CharField(_("naam van de organisatie"), max_length=NAME_MAX, blank=True)
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("inwoner"), on_delete=models.CASCADE, related_name="+"
    )
    purpose = models.CharField(_("waarom"), max_length=32, choices=PURPOSE_CHOICES)
    what = models.CharField(_("wat"), max_length=32, choices=ViewedWhat.choices)
    viewed_at = models.DateTimeField(_("bekeken op"), db_index=True)

    class Meta:
        ordering = ["-viewed_at", "-id"]
        verbose_name = _("keer bekeken")
        verbose_name_plural = _("wie bekeek een profiel")
        indexes = [
            models.Index(fields=["resident", "-viewed_at"]),
            models.Index(fields=["viewer", "resident", "what", "viewed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.viewed_at:%Y-%m-%d %H:%M} {self.viewer_name} → {self.resident_id} ({self.what})"
