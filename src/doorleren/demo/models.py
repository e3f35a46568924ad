"""A record of each demo build, so ``doorleren demo`` can refuse a second build and ``--reset`` can
find exactly the organisations it made.

Demo users are recognised by their e-mail domain (``DEMO_EMAIL_DOMAIN``, a reserved ``.invalid``
domain no mail is ever delivered to); demo organisations through ``DemoRun.organisations``.
Everything else the demo makes hangs off those two (profiles, memberships, consents, modules,
certificates, diplomas, practical offers, opportunities).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

DEMO_EMAIL_DOMAIN = "demo.doorleren.invalid"


class DemoRun(models.Model):
    seed = models.BigIntegerField(_("seed"))
    options = models.JSONField(_("opties"), default=dict)
    counts = models.JSONField(_("aantallen"), default=dict)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    organisations = models.ManyToManyField(
        "organisations.Organisation", verbose_name=_("organisaties"), related_name="+", blank=True
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("demo")
        verbose_name_plural = _("demo's")

    def __str__(self) -> str:
        return f"demo seed {self.seed} ({self.created_at:%Y-%m-%d %H:%M})"
