"""Enrolments: a resident signs up for a module; budgets reserve the money, the provider is paid later.

The life cycle (docs/enrolments.md) is an explicit state machine: ``TRANSITIONS`` says, for every
state, which states may follow and who may take that step. ``enrolments.services`` refuses anything
else with a Dutch message. The history (who, when, why) is the audit log (``doorleren.audit``): every
step writes one line about the enrolment.

Money is whole cents. ``price_cents`` is the catalogue price when the resident enrolled and never
changes; ``covered_cents`` is what budgets reserved (one ``EnrolmentFunding`` per budget) and
``left_to_pay_cents`` what the resident pays the provider themselves (no ledger for that).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doorleren.core.models import TimeStampedModel

IDEMPOTENCY_KEY_MAX = 80
REASON_MAX = 500


class EnrolmentState(models.TextChoices):
    REQUESTED = "requested", _("aangevraagd")
    RESERVED = "reserved", _("ingeschreven, geld gereserveerd")
    STARTED = "started", _("begonnen")
    ATTENDED = "attended", _("afgerond")
    PAID = "paid", _("betaald aan de aanbieder")
    CANCELLED = "cancelled", _("geannuleerd")
    DROPPED_OUT = "dropped_out", _("gestopt")


class ActorKind(models.TextChoices):
    """Who takes a step, seen from one enrolment."""

    RESIDENT = "resident", _("de inwoner zelf")
    PROVIDER = "provider", _("de aanbieder van de module")
    COACH = "coach", _("een coach")
    SYSTEM = "system", _("het systeem")


_S, _A = EnrolmentState, ActorKind
# state → {next state: who may take that step}. Everything not listed is refused. Coaches only read.
TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    _S.REQUESTED: {
        _S.RESERVED: frozenset({_A.RESIDENT, _A.SYSTEM}),  # inside ``enrolment_create``
        _S.CANCELLED: frozenset({_A.RESIDENT, _A.SYSTEM}),
    },
    _S.RESERVED: {
        _S.STARTED: frozenset({_A.PROVIDER, _A.SYSTEM}),  # the provider confirms the start
        _S.CANCELLED: frozenset({_A.RESIDENT, _A.PROVIDER, _A.SYSTEM}),  # before the start: all released
    },
    _S.STARTED: {
        _S.ATTENDED: frozenset({_A.PROVIDER, _A.SYSTEM}),  # the provider confirms attendance (hours)
        _S.DROPPED_OUT: frozenset({_A.PROVIDER, _A.SYSTEM}),  # refund rule: pro rata to hours attended
    },
    _S.ATTENDED: {
        _S.PAID: frozenset({_A.PROVIDER, _A.SYSTEM}),  # only now the provider is paid
    },
    _S.PAID: {},
    _S.CANCELLED: {},
    _S.DROPPED_OUT: {},
}
FINAL_STATES = frozenset(state for state, following in TRANSITIONS.items() if not following)
# States in which the module is over for the resident: completed (attended, then paid) or dropped out.
# ``Enrolment.finished_on`` is set on the step into ATTENDED or DROPPED_OUT (monitoring counts routes
# completed per quarter with it).
FINISHED_STATES = frozenset({_S.ATTENDED, _S.PAID, _S.DROPPED_OUT})
# States in which budget money is still reserved for the enrolment.
HOLDING_STATES = frozenset({_S.REQUESTED, _S.RESERVED, _S.STARTED, _S.ATTENDED})


class Enrolment(TimeStampedModel):
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inwoner"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    module = models.ForeignKey(
        "learning.Module", verbose_name=_("module"), on_delete=models.PROTECT, related_name="enrolments"
    )
    provider = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("aanbieder"),
        on_delete=models.PROTECT,
        related_name="enrolments",
        help_text=_("De aanbieder van de module toen de inwoner zich inschreef."),
    )
    module_start = models.ForeignKey(
        "learning.ModuleStart",
        verbose_name=_("start"),
        on_delete=models.SET_NULL,
        related_name="enrolments",
        null=True,
        blank=True,
    )
    start_date = models.DateField(_("startdatum"))
    module_hours = models.PositiveIntegerField(_("uren van de module"))
    price_cents = models.BigIntegerField(
        _("prijs in centen"), help_text=_("De prijs in het aanbod bij inschrijving.")
    )
    covered_cents = models.BigIntegerField(_("betaald uit budgetten, in centen"), default=0)
    left_to_pay_cents = models.BigIntegerField(_("betaalt de inwoner zelf, in centen"), default=0)
    state = models.CharField(
        _("status"), max_length=16, choices=EnrolmentState.choices, default=EnrolmentState.REQUESTED
    )
    idempotency_key = models.CharField(_("sleutel tegen dubbel inschrijven"), max_length=IDEMPOTENCY_KEY_MAX)
    attended_hours = models.PositiveIntegerField(_("aanwezig, in uren"), null=True, blank=True)
    finished_on = models.DateField(_("afgerond of gestopt op"), null=True, blank=True)
    provider_paid_cents = models.BigIntegerField(
        _("aan de aanbieder betaald uit budgetten, in centen"), default=0
    )
    released_cents = models.BigIntegerField(_("terug naar de budgetten, in centen"), default=0)
    resident_share_cents = models.BigIntegerField(
        _("deel van de inwoner, in centen"),
        null=True,
        blank=True,
        help_text=_("Wat de inwoner de aanbieder zelf betaalt, als de inschrijving klaar is."),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "idempotency_key"], name="enrolments_key_unique_per_resident"
            ),
            models.UniqueConstraint(
                fields=["resident", "module"],
                condition=models.Q(state__in=sorted(HOLDING_STATES)),
                name="enrolments_one_open_per_module",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=EnrolmentState.values), name="enrolments_state_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(price_cents__gte=0, covered_cents__gte=0, left_to_pay_cents__gte=0),
                name="enrolments_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(price_cents=models.F("covered_cents") + models.F("left_to_pay_cents")),
                name="enrolments_split_adds_up",
            ),
            models.CheckConstraint(
                condition=models.Q(provider_paid_cents__gte=0, released_cents__gte=0)
                & models.Q(covered_cents__gte=models.F("provider_paid_cents") + models.F("released_cents")),
                name="enrolments_settled_within_reserved",
            ),
        ]
        indexes = [
            models.Index(fields=["provider", "state"]),
            models.Index(fields=["resident", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.module_id} → {self.resident_id} ({self.state})"

    @property
    def total_paid_to_provider_cents(self) -> int:
        """From budgets and, when known, from the resident."""
        return self.provider_paid_cents + (self.resident_share_cents or 0)


class EnrolmentFunding(models.Model):
    """One budget's part of an enrolment: reserved by ``reservation``, later paid (``payment``)
    and/or released (``release``). ``position``: the co-funding order (1 pays first)."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("inschrijving"), on_delete=models.PROTECT, related_name="fundings"
    )
    position = models.PositiveSmallIntegerField(_("volgorde"))
    budget = models.ForeignKey(
        "budgets.Budget", verbose_name=_("budget"), on_delete=models.PROTECT, related_name="+"
    )
    amount_cents = models.BigIntegerField(_("gereserveerd, in centen"))
    reservation = models.OneToOneField(
        "budgets.LedgerTransaction",
        verbose_name=_("boeking van de reservering"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    payment = models.OneToOneField(
        "budgets.LedgerTransaction",
        verbose_name=_("boeking van de betaling"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    release = models.OneToOneField(
        "budgets.LedgerTransaction",
        verbose_name=_("boeking van het vrijgeven"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    paid_cents = models.BigIntegerField(_("betaald aan de aanbieder, in centen"), default=0)
    released_cents = models.BigIntegerField(_("terug naar het budget, in centen"), default=0)

    class Meta:
        ordering = ["enrolment", "position"]
        verbose_name = _("deel van een budget")
        verbose_name_plural = _("delen van budgetten")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "position"], name="enrolments_funding_position_unique"
            ),
            models.UniqueConstraint(fields=["enrolment", "budget"], name="enrolments_funding_budget_unique"),
            models.CheckConstraint(
                condition=models.Q(amount_cents__gte=1), name="enrolments_funding_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(paid_cents__gte=0, released_cents__gte=0)
                & models.Q(amount_cents__gte=models.F("paid_cents") + models.F("released_cents")),
                name="enrolments_funding_settled_within_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.budget_id} {self.amount_cents}"


class Step(models.TextChoices):
    """The steps people take (pages, API, services), each leading to one state."""

    CANCEL = "cancel", _("Annuleren")
    CONFIRM_START = "confirm_start", _("Start bevestigen")
    CONFIRM_ATTENDANCE = "confirm_attendance", _("Afgerond: aanwezigheid bevestigen")
    PAY = "pay", _("Laten betalen")
    DROP_OUT = "drop_out", _("Gestopt: uren doorgeven")


STEP_TARGETS: dict[str, str] = {
    Step.CANCEL: EnrolmentState.CANCELLED,
    Step.CONFIRM_START: EnrolmentState.STARTED,
    Step.CONFIRM_ATTENDANCE: EnrolmentState.ATTENDED,
    Step.PAY: EnrolmentState.PAID,
    Step.DROP_OUT: EnrolmentState.DROPPED_OUT,
}
# Steps that need the hours the resident was there.
STEPS_WITH_HOURS = frozenset({Step.CONFIRM_ATTENDANCE, Step.DROP_OUT})


# --- signals for coaches: fraud and error checks (docs/enrolments.md, "Signalen voor coaches") ----


class AnomalyKind(models.TextChoices):
    """The checks of ``selectors_anomalies``; each raises signals that a coach looks at."""

    BURST = "burst", _("Veel inschrijvingen op één dag")
    NO_ATTENDANCE = "no_attendance", _("Begonnen, maar geen aanwezigheid")
    LOW_ATTENDANCE = "low_attendance", _("Betaald bij weinig aanwezigheid")
    SHARED_IBAN = "shared_iban", _("Zelfde rekeningnummer bij meer aanbieders")


class ReviewOutcome(models.TextChoices):
    OK = "in_orde", _("In orde")
    INVESTIGATE = "onderzoeken", _("Onderzoeken")
    REPORTED = "gemeld", _("Gemeld")


FINGERPRINT_LENGTH = 64  # sha256 in hexadecimal


class AnomalyReview(TimeStampedModel):
    """What a coach decided about one signal (``fingerprint``: the signal's kind and subject, hashed,
    so the decision sticks to the same signal every time the checks run). Only added, never changed;
    ``enrolments.services_anomalies.anomaly_review_create`` writes it with a line in the audit log."""

    fingerprint = models.CharField(_("kenmerk van het signaal"), max_length=FINGERPRINT_LENGTH, db_index=True)
    kind = models.CharField(_("soort signaal"), max_length=16, choices=AnomalyKind.choices)
    subject = models.CharField(_("waarover"), max_length=200)
    outcome = models.CharField(_("besluit"), max_length=16, choices=ReviewOutcome.choices)
    reason = models.CharField(_("waarom"), max_length=REASON_MAX)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bekeken door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    facts = models.JSONField(
        _("feiten toen"), default=dict, blank=True, help_text=_("Wat het signaal liet zien, zonder namen.")
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("besluit over een signaal")
        verbose_name_plural = _("besluiten over signalen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__in=ReviewOutcome.values), name="enrolments_review_outcome_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=AnomalyKind.values), name="enrolments_review_kind_valid"
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="enrolments_review_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.fingerprint[:12]}: {self.outcome}"
