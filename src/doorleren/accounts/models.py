from django.contrib.auth.models import AbstractUser
from django.db import models
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
