"""Placement of learners in practical assignments, and the teams and outcomes of innovation workshops
and area cooperatives (docs/placement.md, "In het platform").

- ``CooperativeMember``: a school, firm or government that is a member of a cooperative (an
  innovation workshop or gebiedscoöperatie).
- ``PlacementRound``: an organiser (a cooperative or any host) opens a round of practical
  assignments (``RoundAssignment``); learners list the ones they want (``LearnerChoice``), hosts rank
  their applicants (``HostRanking``); after closing, the organiser places everyone once with the
  placement engine (``PlacementResult``, with the explanation as code and parameters).
- ``Team`` (one per assignment with learners) and ``TeamOutcome`` (per team member: completed, and the
  competencies the host confirmed, ``ConfirmedCompetency``; those go to the learner's profile).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorleren.core.models import TimeStampedModel

NAME_MAX = 200
MAX_CHOICES = 10
CAPACITY_MAX = 30


class CooperativeMember(TimeStampedModel):
    cooperative = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("coöperatie of innovatiewerkplaats"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    member = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("lid"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["cooperative", "member__name"]
        verbose_name = _("lid van een coöperatie")
        verbose_name_plural = _("leden van coöperaties")
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "member"], name="placement_member_once"),
            models.CheckConstraint(
                condition=~models.Q(cooperative=models.F("member")), name="placement_member_not_itself"
            ),
        ]


class RoundState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Gesloten")
    ALLOCATED = "allocated", _("Geplaatst")


class PlacementRound(TimeStampedModel):
    """A round of practical assignments. Reserved seats per assignment (team mix) are soft: a seat
    goes to someone else when no learner of that kind wants the assignment and is ranked by it."""

    organiser = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisator"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("naam"), max_length=NAME_MAX)
    description = models.TextField(_("uitleg"), blank=True, default="")
    apply_from = models.DateField(_("kiezen vanaf"))
    apply_until = models.DateField(_("kiezen tot en met"))
    for_students = models.BooleanField(_("voor studenten"), default=True)
    for_workers = models.BooleanField(_("voor werkenden"), default=True)
    for_job_seekers = models.BooleanField(_("voor werkzoekenden"), default=True)
    reserved_students = models.PositiveSmallIntegerField(_("plaatsen per team voor studenten"), default=0)
    reserved_workers = models.PositiveSmallIntegerField(
        _("plaatsen per team voor werkenden of werkzoekenden"), default=0
    )
    state = models.CharField(_("stand"), max_length=16, choices=RoundState.choices, default=RoundState.OPEN)
    allocated_at = models.DateTimeField(_("geplaatst op"), null=True, blank=True)
    blocking_pairs = models.PositiveIntegerField(
        _("blokkerende paren na het plaatsen"), null=True, blank=True
    )

    class Meta:
        ordering = ["-apply_until", "-id"]
        verbose_name = _("plaatsingsronde")
        verbose_name_plural = _("plaatsingsrondes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(apply_until__gte=models.F("apply_from")),
                name="placement_round_until_after_from",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=RoundState.values), name="placement_round_state_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(state=RoundState.ALLOCATED) | models.Q(blocking_pairs=0),
                name="placement_round_allocated_is_stable",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RoundAssignment(models.Model):
    round = models.ForeignKey(
        PlacementRound, verbose_name=_("ronde"), on_delete=models.CASCADE, related_name="assignments"
    )
    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        verbose_name=_("praktijkopdracht"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    capacity = models.PositiveSmallIntegerField(_("aantal plaatsen"))
    # The host made a list (possibly empty). Without one every applicant counts, by the tie rule.
    ranked = models.BooleanField(_("gerangschikt door de aanbieder"), default=False)

    class Meta:
        ordering = ["round", "id"]
        verbose_name = _("opdracht in een ronde")
        verbose_name_plural = _("opdrachten in een ronde")
        constraints = [
            models.UniqueConstraint(fields=["round", "opportunity"], name="placement_assignment_once"),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1, capacity__lte=CAPACITY_MAX),
                name="placement_assignment_capacity_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.opportunity)


class LearnerChoice(models.Model):
    """One assignment on a learner's list; ``rank`` 1 is the one they want most."""

    round = models.ForeignKey(PlacementRound, on_delete=models.CASCADE, related_name="choices")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    assignment = models.ForeignKey(RoundAssignment, on_delete=models.CASCADE, related_name="choices")
    rank = models.PositiveSmallIntegerField(_("plaats op de lijst"))

    class Meta:
        ordering = ["round", "learner", "rank"]
        verbose_name = _("keuze van een lerende")
        verbose_name_plural = _("keuzes van lerenden")
        constraints = [
            models.UniqueConstraint(fields=["learner", "assignment"], name="placement_choice_once"),
            models.UniqueConstraint(fields=["round", "learner", "rank"], name="placement_choice_rank_once"),
            models.CheckConstraint(
                condition=models.Q(rank__gte=1, rank__lte=MAX_CHOICES), name="placement_choice_rank_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id}: {self.rank}. {self.assignment_id}"


class HostRanking(models.Model):
    """One applicant on the host's list for an assignment; ``rank`` 1 is the host's favourite. When the
    host gave scores, ``score`` keeps them and ``rank`` is the order after the tie rule."""

    assignment = models.ForeignKey(RoundAssignment, on_delete=models.CASCADE, related_name="rankings")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveIntegerField(_("plaats"))
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)

    class Meta:
        ordering = ["assignment", "rank"]
        verbose_name = _("rangorde van de aanbieder")
        verbose_name_plural = _("rangordes van aanbieders")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "learner"], name="placement_ranking_once"),
            models.UniqueConstraint(fields=["assignment", "rank"], name="placement_ranking_rank_once"),
            models.CheckConstraint(condition=models.Q(rank__gte=1), name="placement_ranking_rank_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id}: {self.rank}. {self.learner_id}"


class PlacementResult(models.Model):
    """Where a learner was placed (or not) and why: the engine's explanation as code and parameters
    (assignment ids and ranks), so the sentence is made in the reader's language when shown."""

    round = models.ForeignKey(PlacementRound, on_delete=models.CASCADE, related_name="results")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    assignment = models.ForeignKey(
        RoundAssignment, on_delete=models.PROTECT, related_name="results", null=True, blank=True
    )
    choice = models.PositiveSmallIntegerField(_("nummer op de eigen lijst"), null=True, blank=True)
    code = models.CharField(_("uitkomst"), max_length=32)
    params = models.JSONField(_("gegevens van de uitkomst"), default=dict)
    reasons = models.JSONField(_("redenen"), default=list)

    class Meta:
        ordering = ["round", "learner"]
        verbose_name = _("plaatsing")
        verbose_name_plural = _("plaatsingen")
        constraints = [
            models.UniqueConstraint(fields=["round", "learner"], name="placement_result_once"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.learner_id} → {self.assignment_id}"


class Team(models.Model):
    """The learners placed at one assignment of a round (members: its ``PlacementResult`` rows)."""

    assignment = models.OneToOneField(RoundAssignment, on_delete=models.CASCADE, related_name="team")

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return str(self.assignment)


class TeamOutcome(TimeStampedModel):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="outcomes")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    completed = models.BooleanField(_("afgerond"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, related_name="+", null=True, blank=True
    )

    class Meta:
        verbose_name = _("resultaat van een teamlid")
        verbose_name_plural = _("resultaten van teamleden")
        constraints = [models.UniqueConstraint(fields=["team", "learner"], name="placement_outcome_once")]


class ConfirmedCompetency(models.Model):
    outcome = models.ForeignKey(TeamOutcome, on_delete=models.CASCADE, related_name="competencies")
    competency = models.ForeignKey("taxonomy.Competency", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("niveau"))

    class Meta:
        verbose_name = _("bevestigde competentie")
        verbose_name_plural = _("bevestigde competenties")
        constraints = [
            models.UniqueConstraint(fields=["outcome", "competency"], name="placement_confirmed_once"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="placement_confirmed_level_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency_id} ({self.level})"
