"""Programme monitoring and evaluation (docs/monitoring.md).

The programme as data:

- ``Measure``: one measure of a programme line (``fund.ProgrammeLine``; the overarching theme
  "infrastructuur" is a line too, with ``number`` 0): who is responsible, partners, budget, dates,
  target groups, municipalities. Each change by the programme office is kept as a ``MeasureVersion``
  (a full copy, who, when and why). ``MeasureTarget``: the regional indicator a measure aims at,
  with a target value and year. ``Activity`` with its ``ActivityResult``s. ``MeasureJudgement``:
  the recurring verdict (continue, adjust, stop, too early).
- ``MeasureParticipation``: a resident takes part in a measure from a date. Derived from enrolments
  paid from the measure's grant rules (``Measure.grant_rules``), or registered by a coach.
- ``WorkStart``: a resident started work (a job, a basisbaan, own business) on a date; the outcome
  "in work within 6 and 12 months" counts these.

Regional statistics:

- ``StatIndicator``: a statistic of the plan's goals (net labour participation, ...), with how
  figures of merged municipalities combine (``aggregation``).
- ``StatValue``: its value for one municipality (or the whole region) and year, from CBS, a CSV
  file or the demo; figures reported under an old municipality code are stored under the current
  municipality with ``reported_codes`` saying so.

Materialised aggregates, rebuilt by ``doorleren monitoring refresh``:

- ``OutcomeFigure``: one platform outcome per period (quarter, year, all years), measure (or all),
  municipality (or the region) and target group (or all), with the number of persons behind it
  (for the small-cell rule).
- ``EffectEstimate``: the latest effect estimate of a measure on work within 12 months.

Money is whole cents. Only ``services`` writes these rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorleren.core.models import TimeStampedModel

TITLE_MAX = 200
TEXT_MAX = 4000
REASON_MAX = 500
MAX_AMOUNT_CENTS = 10**12
# The largest indicator value (a count of jobs, a percentage, euros): 10^12.
MAX_STAT_VALUE = 10**12


class TargetGroup(models.TextChoices):
    """Who a measure is for; a participant's target group is their situation when they started."""

    WORKERS = "worker", _("Werkenden")
    JOB_SEEKERS = "job_seeker", _("Werkzoekenden")
    STUDENTS = "student", _("Studenten")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    RUNNING = "running", _("Loopt")
    ADJUSTED = "adjusted", _("Loopt, aangepast")
    STOPPED = "stopped", _("Gestopt")
    FINISHED = "finished", _("Afgerond")


class Measure(TimeStampedModel):
    programme_line = models.ForeignKey(
        "fund.ProgrammeLine",
        verbose_name=_("programmalijn"),
        on_delete=models.PROTECT,
        related_name="measures",
    )
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=TITLE_MAX)
    description = models.TextField(_("omschrijving"), blank=True, default="")
    responsible = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("verantwoordelijk"),
        on_delete=models.PROTECT,
        related_name="measures_responsible",
        null=True,
        blank=True,
    )
    responsible_name = models.CharField(
        _("verantwoordelijk (als de organisatie niet op het platform staat)"),
        max_length=TITLE_MAX,
        blank=True,
    )
    partners = models.ManyToManyField(
        "organisations.Organisation", verbose_name=_("partners"), related_name="measures_partner", blank=True
    )
    partner_names = models.CharField(
        _("andere partners"),
        max_length=TEXT_MAX,
        blank=True,
        help_text=_("Partners die niet op het platform staan."),
    )
    budget_cents = models.BigIntegerField(_("budget, in centen"), default=0)
    starts_on = models.DateField(_("begint op"))
    ends_on = models.DateField(_("eindigt op"), null=True, blank=True)
    target_groups = models.JSONField(_("doelgroepen"), default=list, blank=True)
    municipalities = models.ManyToManyField(
        "region.Municipality", verbose_name=_("gemeenten"), related_name="+", blank=True
    )
    status = models.CharField(
        _("stand"), max_length=16, choices=MeasureStatus.choices, default=MeasureStatus.RUNNING
    )
    grant_rules = models.ManyToManyField(
        "budgets.GrantRule",
        verbose_name=_("regelingen"),
        related_name="+",
        blank=True,
        help_text=_("Wie een module volgt die uit deze regelingen wordt betaald, doet mee aan de maatregel."),
    )
    version = models.PositiveIntegerField(_("versie"), default=1)

    class Meta:
        ordering = ["programme_line__number", "code"]
        verbose_name = _("maatregel")
        verbose_name_plural = _("maatregelen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget_cents__gte=0, budget_cents__lte=MAX_AMOUNT_CENTS),
                name="monitoring_measure_budget_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="monitoring_measure_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MeasureVersion(models.Model):
    """A copy of a measure as it was after one change (``snapshot``, JSON), with who and why."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("maatregel"), on_delete=models.CASCADE, related_name="versions"
    )
    version = models.PositiveIntegerField(_("versie"))
    changed_at = models.DateTimeField(_("gewijzigd op"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    reason = models.CharField(_("waarom"), max_length=REASON_MAX, blank=True)
    changed_fields = models.JSONField(_("wat veranderde"), default=list)
    snapshot = models.JSONField(_("de maatregel na de wijziging"))

    class Meta:
        ordering = ["measure", "-version"]
        verbose_name = _("versie van een maatregel")
        verbose_name_plural = _("versies van maatregelen")
        constraints = [
            models.UniqueConstraint(fields=["measure", "version"], name="monitoring_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} v{self.version}"


class StatAggregation(models.TextChoices):
    """How figures of several (old) municipalities make one figure."""

    SUM = "sum", _("Optellen (aantallen)")
    WEIGHTED_MEAN = "weighted_mean", _("Gewogen gemiddelde (percentages en gemiddelden)")


class StatIndicator(models.Model):
    """A regional statistic from the plan's goals, e.g. "Netto arbeidsparticipatie" (%)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=TITLE_MAX)
    description = models.TextField(_("omschrijving"), blank=True, default="")
    unit = models.CharField(_("eenheid"), max_length=40)
    is_main_goal = models.BooleanField(_("hoofddoel van het plan"), default=False)
    higher_is_better = models.BooleanField(_("hoger is beter"), default=True)
    decimals = models.PositiveSmallIntegerField(_("decimalen"), default=0)
    aggregation = models.CharField(
        _("samenvoegen"), max_length=16, choices=StatAggregation.choices, default=StatAggregation.SUM
    )
    weight_indicator = models.ForeignKey(
        "self",
        verbose_name=_("weegt met"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Voor een gewogen gemiddelde: de indicator die het gewicht geeft, zoals de bevolking."),
    )
    cbs_table = models.CharField(_("CBS-tabel"), max_length=20, blank=True)
    cbs_measure = models.CharField(_("CBS-onderwerp"), max_length=60, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("regionale indicator")
        verbose_name_plural = _("regionale indicatoren")

    def __str__(self) -> str:
        return self.name


class StatSource(models.TextChoices):
    CBS = "cbs", _("CBS StatLine")
    CSV = "csv", _("CSV-bestand")
    DEMO = "demo", _("Voorbeeldcijfer (demo)")
    PLAN = "plan", _("Uit het regionale plan")


class StatValue(models.Model):
    indicator = models.ForeignKey(
        StatIndicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    municipality = models.ForeignKey(
        "region.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leeg: de hele regio."),
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    value = models.DecimalField(_("waarde"), max_digits=18, decimal_places=4)
    source = models.CharField(_("bron"), max_length=8, choices=StatSource.choices)
    source_detail = models.CharField(_("bron, precies"), max_length=TITLE_MAX, blank=True)
    reported_codes = models.CharField(
        _("gemeld onder de codes"),
        max_length=TITLE_MAX,
        blank=True,
        help_text=_("Gevuld als het cijfer onder oude gemeentecodes is gemeld en is omgerekend."),
    )
    imported_at = models.DateTimeField(_("ingelezen op"))

    class Meta:
        ordering = ["indicator", "year", "municipality__name"]
        verbose_name = _("cijfer")
        verbose_name_plural = _("cijfers")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "municipality", "year"],
                condition=models.Q(municipality__isnull=False),
                name="monitoring_stat_once_per_municipality_year",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=models.Q(municipality__isnull=True),
                name="monitoring_stat_once_per_region_year",
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=-MAX_STAT_VALUE, value__lte=MAX_STAT_VALUE),
                name="monitoring_stat_value_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.municipality_id or 'regio'} {self.year}: {self.value}"

    @property
    def is_merged(self) -> bool:
        return bool(self.reported_codes)


class MeasureTarget(models.Model):
    """A measure aims at a regional indicator: ``target_value`` in ``target_year``, and in words how
    much the measure itself adds (``contribution``)."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("maatregel"), on_delete=models.CASCADE, related_name="targets"
    )
    indicator = models.ForeignKey(
        StatIndicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="targets"
    )
    target_value = models.DecimalField(_("streefwaarde"), max_digits=18, decimal_places=4)
    target_year = models.PositiveSmallIntegerField(_("in het jaar"))
    contribution = models.CharField(_("bijdrage van de maatregel"), max_length=REASON_MAX, blank=True)

    class Meta:
        ordering = ["measure", "indicator__position"]
        verbose_name = _("doel van een maatregel")
        verbose_name_plural = _("doelen van maatregelen")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "indicator", "target_year"], name="monitoring_target_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure_id}: {self.indicator_id} {self.target_value} ({self.target_year})"


class Activity(models.Model):
    measure = models.ForeignKey(
        Measure, verbose_name=_("maatregel"), on_delete=models.CASCADE, related_name="activities"
    )
    name = models.CharField(_("naam"), max_length=TITLE_MAX)
    description = models.TextField(_("omschrijving"), blank=True, default="")
    starts_on = models.DateField(_("begint op"))
    ends_on = models.DateField(_("eindigt op"), null=True, blank=True)
    cost_cents = models.BigIntegerField(_("kosten, in centen"), default=0)

    class Meta:
        ordering = ["measure", "starts_on", "id"]
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cost_cents__gte=0, cost_cents__lte=MAX_AMOUNT_CENTS),
                name="monitoring_activity_cost_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="monitoring_activity_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ActivityResult(models.Model):
    """What an activity delivered in one year, e.g. 120 "deelnemers" in 2026."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activiteit"), on_delete=models.CASCADE, related_name="results"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    description = models.CharField(_("resultaat"), max_length=TITLE_MAX)
    value = models.PositiveIntegerField(_("aantal"))
    unit = models.CharField(_("eenheid"), max_length=40)

    class Meta:
        ordering = ["activity", "year", "id"]
        verbose_name = _("resultaat van een activiteit")
        verbose_name_plural = _("resultaten van activiteiten")

    def __str__(self) -> str:
        return f"{self.activity_id} {self.year}: {self.value} {self.unit}"


class Verdict(models.TextChoices):
    CONTINUE = "continue", _("Doorgaan")
    ADJUST = "adjust", _("Aanpassen")
    STOP = "stop", _("Stoppen")
    TOO_EARLY = "too_early", _("Te vroeg om te zeggen")


class MeasureJudgement(models.Model):
    """The programme office's recurring judgement of a measure."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("maatregel"), on_delete=models.CASCADE, related_name="judgements"
    )
    judged_on = models.DateField(_("beoordeeld op"))
    verdict = models.CharField(_("oordeel"), max_length=16, choices=Verdict.choices)
    reason = models.TextField(_("waarom"), max_length=TEXT_MAX)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    estimate = models.JSONField(_("effectschatting op dat moment"), null=True, blank=True)

    class Meta:
        ordering = ["measure", "-judged_on", "-id"]
        verbose_name = _("oordeel over een maatregel")
        verbose_name_plural = _("oordelen over maatregelen")

    def __str__(self) -> str:
        return f"{self.measure_id} {self.judged_on}: {self.verdict}"


class ParticipationSource(models.TextChoices):
    ENROLMENT = "enrolment", _("Inschrijving voor een module uit een regeling van de maatregel")
    COACH = "coach", _("Aangemeld door een coach")
    IMPORT = "import", _("Ingelezen uit een bestand")


class MeasureParticipation(models.Model):
    measure = models.ForeignKey(
        Measure, verbose_name=_("maatregel"), on_delete=models.CASCADE, related_name="participations"
    )
    resident = models.ForeignKey(
        "profiles.ResidentProfile", verbose_name=_("inwoner"), on_delete=models.CASCADE, related_name="+"
    )
    started_on = models.DateField(_("doet mee vanaf"))
    status_at_start = models.CharField(_("situatie bij de start"), max_length=16, choices=TargetGroup.choices)
    source = models.CharField(_("hoe bekend"), max_length=16, choices=ParticipationSource.choices)

    class Meta:
        ordering = ["measure", "started_on", "id"]
        verbose_name = _("deelname aan een maatregel")
        verbose_name_plural = _("deelnames aan maatregelen")
        constraints = [
            models.UniqueConstraint(fields=["measure", "resident"], name="monitoring_participation_once"),
        ]
        indexes = [models.Index(fields=["measure", "started_on"]), models.Index(fields=["resident"])]

    def __str__(self) -> str:
        return f"{self.measure_id} ← {self.resident_id} ({self.started_on})"


class WorkKind(models.TextChoices):
    JOB = "job", _("Betaalde baan")
    BASISBAAN = "basisbaan", _("Basisbaan")
    OWN_BUSINESS = "own_business", _("Eigen bedrijf")


class WorkStart(TimeStampedModel):
    resident = models.ForeignKey(
        "profiles.ResidentProfile", verbose_name=_("inwoner"), on_delete=models.CASCADE, related_name="+"
    )
    started_on = models.DateField(_("begonnen op"))
    kind = models.CharField(_("soort werk"), max_length=16, choices=WorkKind.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("doorgegeven door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        ordering = ["resident", "started_on", "id"]
        verbose_name = _("start in werk")
        verbose_name_plural = _("starts in werk")
        indexes = [models.Index(fields=["resident", "started_on"])]

    def __str__(self) -> str:
        return f"{self.resident_id}: {self.kind} ({self.started_on})"


class Metric(models.TextChoices):
    REACHED = "reached", _("Inwoners bereikt")
    ROUTES_STARTED = "routes_started", _("Modules begonnen")
    ROUTES_COMPLETED = "routes_completed", _("Modules afgerond")
    COMPETENCIES_GAINED = "competencies_gained", _("Competenties erbij (met bewijs)")
    COHORT_6M = "cohort_6m", _("Deelnemers die al 6 maanden meedoen")
    WORK_6M = "work_6m", _("Binnen 6 maanden aan het werk")
    COHORT_12M = "cohort_12m", _("Deelnemers die al 12 maanden meedoen")
    WORK_12M = "work_12m", _("Binnen 12 maanden aan het werk")
    WORK_STARTED = "work_started", _("Aan het werk gegaan (alle inwoners)")
    SPENT_CENTS = "spent_cents", _("Geld uitgegeven")


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("Kwartaal")
    YEAR = "year", _("Jaar")
    ALL = "all", _("Alle jaren")


# ``OutcomeFigure.period_start`` of the figures over all years.
ALL_PERIODS_START = "2000-01-01"


class OutcomeFigure(models.Model):
    """One platform outcome over one period: a quarter, a calendar year or all years
    (``period_kind``; ``period_start`` is its first day, ``ALL_PERIODS_START`` for all years).
    ``measure``/``municipality`` empty and ``target_group`` "" mean "all".

    ``value`` counts the metric (persons, modules, competencies, cents); ``persons`` is the number of
    different residents behind it, counted over the whole period: below 10 the figure is not shown
    (small-cell rule). Years and "all years" are counted again, not summed from quarters, so the
    number of persons is exact for every period a page can show."""

    period_kind = models.CharField(max_length=8, choices=PeriodKind.choices)
    period_start = models.DateField()
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    municipality = models.ForeignKey(
        "region.Municipality", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    target_group = models.CharField(max_length=16, blank=True)
    metric = models.CharField(max_length=24, choices=Metric.choices)
    value = models.BigIntegerField()
    persons = models.PositiveIntegerField()

    class Meta:
        ordering = ["period_kind", "period_start", "metric"]
        verbose_name = _("uitkomst")
        verbose_name_plural = _("uitkomsten")
        indexes = [
            models.Index(
                fields=["period_kind", "measure", "municipality", "target_group", "period_start"],
                name="monitoring_outcome_cell",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_kind} {self.period_start} {self.metric}: {self.value}"


class EffectEstimate(models.Model):
    """The latest effect estimate of a measure (``doorleren monitoring refresh``). ``effect`` and its
    interval are differences in the share of people in work within ``horizon_months``, as fractions
    (0.05 = 5 percentage points)."""

    measure = models.OneToOneField(Measure, on_delete=models.CASCADE, related_name="effect_estimate")
    computed_at = models.DateTimeField()
    horizon_months = models.PositiveSmallIntegerField(default=12)
    participants = models.PositiveIntegerField(help_text=_("Deelnemers met genoeg tijd na de start."))
    matched_participants = models.PositiveIntegerField()
    comparison_persons = models.PositiveIntegerField()
    participant_rate = models.FloatField(null=True)
    comparison_rate = models.FloatField(null=True)
    effect = models.FloatField(null=True)
    ci_low = models.FloatField(null=True)
    ci_high = models.FloatField(null=True)
    verdict = models.CharField(max_length=16, choices=Verdict.choices)
    details = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("effectschatting")
        verbose_name_plural = _("effectschattingen")

    def __str__(self) -> str:
        return f"{self.measure_id}: {self.effect} ({self.verdict})"
