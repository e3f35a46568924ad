"""Signals for coaches: checks against fraud and errors with enrolments (docs/enrolments.md, "Signalen
voor coaches"). Only reads; a coach's decision about a signal is written by ``services_anomalies``.

Learnt from France's training account (CPF), which lost tens of millions to providers that signed up
many people at once, charged for training nobody attended, and shared one bank account under many
names. The price check (never above the catalogue price) is in ``services.price_check``; these checks
raise a signal for a person to look at, they never stop or change anything themselves.

The rules and every threshold (one place, here):

- ``burst``: a provider has ``BURST_MIN_PER_DAY`` (20) or more new enrolments on one calendar day
  (Europe/Amsterdam) AND more than ``BURST_MEDIAN_FACTOR`` (5) times its median daily count over the
  ``BURST_BASELINE_DAYS`` (90) days before (days without enrolments count as 0). Checked for today and
  the ``BURST_CHECK_DAYS`` - 1 days before.
- ``no_attendance``: the enrolment is ``started`` (the provider confirmed the start), its start date is
  more than ``NO_ATTENDANCE_AFTER_DAYS`` (14) days ago, and no attendance is recorded.
- ``low_attendance``: the enrolment is ``attended`` (ready to be paid) or ``paid``, with attended hours
  below ``LOW_ATTENDANCE_PERCENT`` (25) % of the module's hours.
- ``shared_iban``: ``SHARED_IBAN_MIN_PROVIDERS`` (2) or more organisations have the same payout IBAN.

Every signal has a stable ``fingerprint`` (sha256 of kind and subject), so a coach's decision sticks to
it every time the checks run. Signals name providers, modules, dates, counts and enrolment numbers; a
resident's name only for a viewer who may see that resident (consent, ``accounts.selectors``): that,
and the decisions already made, are added per viewer in ``selectors_anomalies_overview``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, F
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from doorleren.accounts import selectors as accounts_selectors
from doorleren.organisations import selectors as organisations_selectors

from .models import AnomalyKind, AnomalyReview, Enrolment, EnrolmentState

if TYPE_CHECKING:
    from doorleren.accounts.models import User

BURST_MIN_PER_DAY = 20
BURST_MEDIAN_FACTOR = 5
BURST_BASELINE_DAYS = 90
BURST_CHECK_DAYS = 30
BURST_IDS_SHOWN = 100  # a burst lists at most this many enrolment numbers (the count is always exact)
NO_ATTENDANCE_AFTER_DAYS = 14
LOW_ATTENDANCE_PERCENT = 25
SHARED_IBAN_MIN_PROVIDERS = 2

# Who sees the signals and records decisions about them.
ANOMALY_ROLES = ("coach", "programme_office", "administrator")
FINGERPRINT_PATTERN = re.compile(r"^[0-9a-f]{64}$")


def anomaly_fingerprint(*, kind: str, subject: str) -> str:
    return hashlib.sha256(f"{kind}:{subject}".encode()).hexdigest()


def may_review_anomalies(*, user: User) -> bool:
    """Coaches, the programme office and administrators (active, logged in)."""
    return bool(getattr(user, "is_active", False)) and any(
        accounts_selectors.has_role(user=user, role=role) for role in ANOMALY_ROLES
    )


@dataclass(frozen=True)
class ProviderFact:
    id: int
    name: str


@dataclass(frozen=True)
class EnrolmentRef:
    """An enrolment in a signal: its number, and the resident's name only when the viewer may see it."""

    id: int
    resident_name: str = ""


@dataclass
class Anomaly:
    kind: str
    subject: str  # what the signal is about, e.g. ``enrolment:12``; with ``kind`` it makes the fingerprint
    reason: str  # one plain Dutch sentence (B1): why this is a signal
    providers: list[ProviderFact]
    day: dt.date | None = None
    count: int | None = None
    enrolment_ids: list[int] = field(default_factory=list)
    facts: dict = field(default_factory=dict)  # JSON: the facts behind the signal, never a name
    # Never shown: which resident an enrolment is of, to show names to viewers with consent only.
    resident_ids: dict[int, int] = field(default_factory=dict, repr=False)
    # Filled in per viewer by ``selectors_anomalies_overview.anomaly_overview``.
    enrolments: list[EnrolmentRef] = field(default_factory=list)
    reviews: list[AnomalyReview] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        return anomaly_fingerprint(kind=self.kind, subject=self.subject)

    @property
    def kind_label(self) -> str:
        return str(AnomalyKind(self.kind).label)

    @property
    def anchor(self) -> str:
        return f"signaal-{self.fingerprint[:12]}"


def _providers(enrolment: Enrolment) -> list[ProviderFact]:
    return [ProviderFact(id=enrolment.provider_id, name=enrolment.provider.name)]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


# --- burst --------------------------------------------------------------------------------------


def _daily_counts(*, first: dt.date, last: dt.date, provider_ids=None) -> dict[tuple[int, dt.date], int]:
    """(provider id, calendar day) → new enrolments, for the days ``first`` up to and including ``last``."""
    queryset = Enrolment.objects.filter(
        created_at__gte=_day_start(first), created_at__lt=_day_start(last + dt.timedelta(days=1))
    )
    if provider_ids is not None:
        queryset = queryset.filter(provider_id__in=provider_ids)
    rows = (
        queryset.order_by()
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values("provider_id", "day")
        .annotate(n=Count("pk"))
    )
    return {(row["provider_id"], row["day"]): row["n"] for row in rows}


def burst_median(*, counts: dict[tuple[int, dt.date], int], provider_id: int, day: dt.date) -> float:
    """The provider's median daily count over the ``BURST_BASELINE_DAYS`` days before ``day``."""
    return statistics.median(
        counts.get((provider_id, day - dt.timedelta(days=back)), 0)
        for back in range(1, BURST_BASELINE_DAYS + 1)
    )


def anomalies_burst(*, today: dt.date) -> list[Anomaly]:
    first = today - dt.timedelta(days=BURST_CHECK_DAYS - 1)
    candidates = sorted(
        (key, n) for key, n in _daily_counts(first=first, last=today).items() if n >= BURST_MIN_PER_DAY
    )
    if not candidates:
        return []
    provider_ids = sorted({provider_id for (provider_id, _day), _n in candidates})
    baseline = _daily_counts(
        first=first - dt.timedelta(days=BURST_BASELINE_DAYS), last=today, provider_ids=provider_ids
    )
    found = []
    for (provider_id, day), count in candidates:
        median = burst_median(counts=baseline, provider_id=provider_id, day=day)
        if count <= BURST_MEDIAN_FACTOR * median:
            continue
        enrolments = list(
            Enrolment.objects.filter(
                provider_id=provider_id,
                created_at__gte=_day_start(day),
                created_at__lt=_day_start(day + dt.timedelta(days=1)),
            )
            .select_related("provider", "module")
            .order_by("id")
        )
        if not enrolments:  # pragma: no cover - counted a moment ago
            continue
        modules: dict[int, dict] = {}
        for enrolment in enrolments:
            entry = modules.setdefault(
                enrolment.module_id, {"id": enrolment.module_id, "title": enrolment.module.title, "count": 0}
            )
            entry["count"] += 1
        shown = enrolments[:BURST_IDS_SHOWN]
        provider = enrolments[0].provider
        found.append(
            Anomaly(
                kind=AnomalyKind.BURST,
                subject=f"provider:{provider_id}:day:{day.isoformat()}",
                reason=_(
                    "%(provider)s kreeg op %(day)s %(count)d nieuwe inschrijvingen. Op een gewone dag zijn "
                    "dat er %(median)s. Dat is veel meer dan normaal."
                )
                % {
                    "provider": provider.name,
                    "day": date_format(day, "j F Y"),
                    "count": count,
                    "median": _number(median),
                },
                providers=[ProviderFact(id=provider.pk, name=provider.name)],
                day=day,
                count=count,
                enrolment_ids=[enrolment.pk for enrolment in shown],
                facts={
                    "day": day.isoformat(),
                    "count": count,
                    "median_per_day": median,
                    "baseline_days": BURST_BASELINE_DAYS,
                    "modules": sorted(modules.values(), key=lambda m: (-m["count"], m["id"])),
                },
                resident_ids={enrolment.pk: enrolment.resident_id for enrolment in shown},
            )
        )
    return sorted(found, key=lambda a: (a.day, a.providers[0].id), reverse=True)


# --- no attendance, low attendance --------------------------------------------------------------


def anomalies_no_attendance(*, today: dt.date) -> list[Anomaly]:
    cutoff = today - dt.timedelta(days=NO_ATTENDANCE_AFTER_DAYS)
    enrolments = (
        Enrolment.objects.filter(
            state=EnrolmentState.STARTED, attended_hours__isnull=True, start_date__lt=cutoff
        )
        .select_related("provider", "module")
        .order_by("start_date", "id")
    )
    found = []
    for enrolment in enrolments:
        days = (today - enrolment.start_date).days
        found.append(
            Anomaly(
                kind=AnomalyKind.NO_ATTENDANCE,
                subject=f"enrolment:{enrolment.pk}",
                reason=_(
                    "Inschrijving %(id)d voor %(module)s is %(days)d dagen geleden begonnen. %(provider)s "
                    "heeft nog niet doorgegeven of de inwoner er was."
                )
                % {
                    "id": enrolment.pk,
                    "module": enrolment.module.title,
                    "days": days,
                    "provider": enrolment.provider.name,
                },
                providers=_providers(enrolment),
                day=enrolment.start_date,
                enrolment_ids=[enrolment.pk],
                facts={
                    "module": {"id": enrolment.module_id, "title": enrolment.module.title},
                    "start_date": enrolment.start_date.isoformat(),
                    "days_since_start": days,
                    "state": enrolment.state,
                    "covered_cents": enrolment.covered_cents,
                },
                resident_ids={enrolment.pk: enrolment.resident_id},
            )
        )
    return found


def anomalies_low_attendance(*, today: dt.date) -> list[Anomaly]:  # noqa: ARG001 - same signature
    enrolments = (
        Enrolment.objects.filter(
            state__in=[EnrolmentState.ATTENDED, EnrolmentState.PAID], attended_hours__isnull=False
        )
        .alias(attended_scaled=F("attended_hours") * 100, needed=F("module_hours") * LOW_ATTENDANCE_PERCENT)
        .filter(attended_scaled__lt=F("needed"))
        .select_related("provider", "module")
        .order_by("-start_date", "-id")
    )
    found = []
    for enrolment in enrolments:
        paid = enrolment.state == EnrolmentState.PAID
        template = (
            _(
                "Inschrijving %(id)d voor %(module)s is betaald, maar de inwoner was er %(hours)d van de "
                "%(total)d uur. Dat is minder dan een kwart."
            )
            if paid
            else _(
                "Inschrijving %(id)d voor %(module)s kan betaald worden, maar de inwoner was er %(hours)d van "
                "de %(total)d uur. Dat is minder dan een kwart."
            )
        )
        found.append(
            Anomaly(
                kind=AnomalyKind.LOW_ATTENDANCE,
                subject=f"enrolment:{enrolment.pk}",
                reason=template
                % {
                    "id": enrolment.pk,
                    "module": enrolment.module.title,
                    "hours": enrolment.attended_hours,
                    "total": enrolment.module_hours,
                },
                providers=_providers(enrolment),
                day=enrolment.start_date,
                enrolment_ids=[enrolment.pk],
                facts={
                    "module": {"id": enrolment.module_id, "title": enrolment.module.title},
                    "start_date": enrolment.start_date.isoformat(),
                    "state": enrolment.state,
                    "attended_hours": enrolment.attended_hours,
                    "module_hours": enrolment.module_hours,
                    "covered_cents": enrolment.covered_cents,
                    "provider_paid_cents": enrolment.provider_paid_cents,
                },
                resident_ids={enrolment.pk: enrolment.resident_id},
            )
        )
    return found


# --- shared bank account ------------------------------------------------------------------------


def anomalies_shared_iban(*, today: dt.date) -> list[Anomaly]:  # noqa: ARG001 - same signature
    groups = organisations_selectors.organisations_sharing_iban(minimum=SHARED_IBAN_MIN_PROVIDERS)
    ids = [organisation.pk for _iban, organisations in groups for organisation in organisations]
    counts = dict(
        Enrolment.objects.filter(provider_id__in=ids)
        .order_by()
        .values("provider_id")
        .annotate(n=Count("pk"))
        .values_list("provider_id", "n")
    )
    found = []
    for iban, organisations in groups:
        masked = organisations_selectors.iban_masked_text(iban=iban)
        names = [organisation.name for organisation in organisations]
        found.append(
            Anomaly(
                kind=AnomalyKind.SHARED_IBAN,
                subject="organisations:" + ",".join(str(organisation.pk) for organisation in organisations),
                reason=_("%(count)d aanbieders hebben hetzelfde rekeningnummer (%(iban)s): %(names)s.")
                % {
                    "count": len(organisations),
                    "iban": masked,
                    "names": _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]},
                },
                providers=[ProviderFact(id=o.pk, name=o.name) for o in organisations],
                count=len(organisations),
                facts={
                    "iban_masked": masked,
                    "enrolments_per_provider": {str(o.pk): counts.get(o.pk, 0) for o in organisations},
                },
            )
        )
    return found


# --- all signals ---------------------------------------------------------------------------------

CHECKS = {
    AnomalyKind.BURST: anomalies_burst,
    AnomalyKind.NO_ATTENDANCE: anomalies_no_attendance,
    AnomalyKind.LOW_ATTENDANCE: anomalies_low_attendance,
    AnomalyKind.SHARED_IBAN: anomalies_shared_iban,
}


def anomalies_current(*, today: dt.date | None = None) -> list[Anomaly]:
    """Every signal as the data is now, in the order of ``AnomalyKind``."""
    today = today or timezone.localdate()
    return [anomaly for check in CHECKS.values() for anomaly in check(today=today)]


def anomaly_find(*, fingerprint: str, today: dt.date | None = None) -> Anomaly | None:
    """The current signal with this fingerprint, or None (unknown, or its rule no longer holds)."""
    if not isinstance(fingerprint, str) or not FINGERPRINT_PATTERN.match(fingerprint):
        return None
    return next((a for a in anomalies_current(today=today) if a.fingerprint == fingerprint), None)
