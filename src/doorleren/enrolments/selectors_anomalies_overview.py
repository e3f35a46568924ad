"""The signals of ``selectors_anomalies`` as one viewer sees them, with the decisions about them: the
page "Signalen" and the API read this. Residents' names only where the viewer may see the resident
(consent, ``accounts.selectors``); everyone else gets enrolment numbers only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from doorleren.accounts import selectors as accounts_selectors

from .models import AnomalyKind, AnomalyReview
from .selectors_anomalies import (
    BURST_BASELINE_DAYS,
    BURST_MEDIAN_FACTOR,
    BURST_MIN_PER_DAY,
    LOW_ATTENDANCE_PERCENT,
    NO_ATTENDANCE_AFTER_DAYS,
    SHARED_IBAN_MIN_PROVIDERS,
    Anomaly,
    EnrolmentRef,
    anomalies_current,
)

if TYPE_CHECKING:
    from doorleren.accounts.models import User


def rule_text(kind: str) -> str:
    """The rule of ``kind`` in one or two plain sentences, with its thresholds."""
    texts = {
        AnomalyKind.BURST: _(
            "Een aanbieder krijgt op één dag %(min)d of meer nieuwe inschrijvingen. Dat is ook meer dan %(factor)d "
            "keer zoveel als op een gewone dag in de %(days)d dagen ervoor."
        )
        % {"min": BURST_MIN_PER_DAY, "factor": BURST_MEDIAN_FACTOR, "days": BURST_BASELINE_DAYS},
        AnomalyKind.NO_ATTENDANCE: _(
            "De module is meer dan %(days)d dagen geleden begonnen. De aanbieder heeft nog niet doorgegeven "
            "of de inwoner er was."
        )
        % {"days": NO_ATTENDANCE_AFTER_DAYS},
        AnomalyKind.LOW_ATTENDANCE: _(
            "De inschrijving is afgerond of betaald, maar de inwoner was er minder dan %(percent)d procent "
            "van de uren."
        )
        % {"percent": LOW_ATTENDANCE_PERCENT},
        AnomalyKind.SHARED_IBAN: _(
            "%(min)d of meer aanbieders hebben hetzelfde rekeningnummer voor uitbetaling."
        )
        % {"min": SHARED_IBAN_MIN_PROVIDERS},
    }
    return texts[AnomalyKind(kind)]


def anomaly_reviews_for(*, fingerprints: list[str]) -> dict[str, list[AnomalyReview]]:
    """Decisions per fingerprint, newest first, with who made them."""
    found: dict[str, list[AnomalyReview]] = {}
    reviews = AnomalyReview.objects.filter(fingerprint__in=fingerprints).select_related("reviewer")
    for review in reviews.order_by("-created_at", "-id"):
        found.setdefault(review.fingerprint, []).append(review)
    return found


def _resident_names(*, viewer: User, resident_ids: set[int]) -> dict[int, str]:
    if not resident_ids:
        return {}
    visible = accounts_selectors.residents_visible_to(viewer=viewer).filter(pk__in=resident_ids)
    return {user.pk: user.get_full_name() or user.username for user in visible}


@dataclass
class AnomalyGroup:
    kind: str
    label: str
    rule: str
    items: list[Anomaly]


@dataclass
class AnomalyOverview:
    open: list[AnomalyGroup]  # every kind, also without signals
    reviewed: list[Anomaly]  # signals with at least one decision, newest decision first

    @property
    def open_count(self) -> int:
        return sum(len(group.items) for group in self.open)


def anomaly_overview(*, viewer: User, today: dt.date | None = None) -> AnomalyOverview:
    """The signals for ``viewer``: open ones per kind, and those already looked at ("Bekeken") with
    every decision. Residents' names only where ``viewer`` may see the resident; else numbers only."""
    anomalies = anomalies_current(today=today)
    reviews = anomaly_reviews_for(fingerprints=[a.fingerprint for a in anomalies])
    names = _resident_names(
        viewer=viewer, resident_ids={rid for a in anomalies for rid in a.resident_ids.values()}
    )
    for anomaly in anomalies:
        anomaly.reviews = reviews.get(anomaly.fingerprint, [])
        anomaly.enrolments = [
            EnrolmentRef(id=pk, resident_name=names.get(anomaly.resident_ids.get(pk), ""))
            for pk in anomaly.enrolment_ids
        ]
    groups = [
        AnomalyGroup(
            kind=kind.value,
            label=str(kind.label),
            rule=rule_text(kind),
            items=[a for a in anomalies if a.kind == kind and not a.reviews],
        )
        for kind in AnomalyKind
    ]
    reviewed = sorted(
        (a for a in anomalies if a.reviews),
        key=lambda a: (a.reviews[0].created_at, a.reviews[0].pk),
        reverse=True,
    )
    return AnomalyOverview(open=groups, reviewed=reviewed)
