"""Learning routes a resident keeps ("Mijn leerroutes").

A ``SavedRoute`` is a snapshot: the goal, the resident's hours per week and end date, and the
modules in route order with their price, hours and dates *at the time of saving* (the offer may
change later; ``SavedRouteModule.module`` becomes empty when a module is removed from the offer).
Money is whole cents. Only ``matching.services`` writes these rows; only the resident reads them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorleren.core.models import TimeStampedModel


class GoalKind(models.TextChoices):
    OCCUPATION = "occupation", _("beroep")
    OPPORTUNITY = "opportunity", _("werk of opdracht")
    COMPETENCIES = "competencies", _("competenties")


class SavedRoute(TimeStampedModel):
    """A learning route a resident saved.

    ``goal_reference``: the regional occupation's code, the opportunity's id, or ``code:level``
    pairs joined by commas (see ``matching.selectors.goal_query``). ``start_date`` and ``end_date``
    are the expected dates (empty without hours per week). ``uncovered``: the competencies the
    regional offer could not teach, as ``[{"code", "label", "level"}]``.
    """

    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inwoner"),
        on_delete=models.CASCADE,
        related_name="saved_routes",
    )
    goal_kind = models.CharField(_("soort doel"), max_length=16, choices=GoalKind.choices)
    goal_reference = models.CharField(_("doel"), max_length=500)
    goal_label = models.CharField(_("naam van het doel"), max_length=500)
    hours_per_week = models.PositiveSmallIntegerField(_("uren per week"), null=True, blank=True)
    finish_by = models.DateField(_("klaar op"), null=True, blank=True)
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("verwachte einddatum"), null=True, blank=True)
    cost_cents = models.BigIntegerField(_("kosten in centen"))
    hours = models.PositiveIntegerField(_("uren"))
    proven_optimal = models.BooleanField(_("zeker de goedkoopste"))
    fits = models.BooleanField(_("past in de tijd"), default=True)
    uncovered = models.JSONField(_("niet in het aanbod"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("bewaarde leerroute")
        verbose_name_plural = _("bewaarde leerroutes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cost_cents__gte=0), name="matching_savedroute_cost_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(goal_kind__in=GoalKind.values), name="matching_savedroute_goal_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="matching_savedroute_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["resident", "-created_at"])]

    def __str__(self) -> str:
        return self.goal_label


class SavedRouteModule(models.Model):
    """One module of a saved route, at ``position`` (0 first), as it was when the route was saved."""

    saved_route = models.ForeignKey(SavedRoute, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("volgorde"))
    module = models.ForeignKey(
        "learning.Module",
        verbose_name=_("module"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("titel"), max_length=200)
    provider_name = models.CharField(_("aanbieder"), max_length=300, blank=True, default="")
    cost_cents = models.BigIntegerField(_("prijs in centen"))
    hours = models.PositiveIntegerField(_("uren"))
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    fixed_start = models.BooleanField(_("startdatum van de aanbieder"), default=False)

    class Meta:
        ordering = ["saved_route", "position"]
        verbose_name = _("module van een bewaarde leerroute")
        verbose_name_plural = _("modules van bewaarde leerroutes")
        constraints = [
            models.UniqueConstraint(
                fields=["saved_route", "position"], name="matching_savedroutemodule_position"
            ),
            models.CheckConstraint(
                condition=models.Q(cost_cents__gte=0), name="matching_savedroutemodule_cost_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.saved_route}: {self.position + 1}. {self.title}"
