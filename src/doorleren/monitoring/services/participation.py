"""Who takes part in a measure, and who started work (docs/monitoring.md, "Deelname en werk").

- ``participations_sync``: a resident whose module is paid (partly) from a budget of one of a
  measure's grant rules takes part in that measure from the start date of their first such module.
  Safe to repeat; it only adds.
- ``participation_register``: a coach (or the programme office) registers a resident for a measure
  that has no grant rules, e.g. a workshop; the resident must have given the coach's organisation
  consent to see their profile.
- ``work_start_record``: the resident, or a coach with consent, records that the resident started
  work; the resident's situation becomes "werkende".
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.accounts import selectors as accounts_selectors
from doorleren.audit.services import audit_record
from doorleren.core.errors import ApplicationError
from doorleren.enrolments import selectors as enrolments_selectors
from doorleren.profiles import selectors as profiles_selectors
from doorleren.profiles import services as profiles_services

from ..models import Measure, MeasureParticipation, ParticipationSource, TargetGroup, WorkKind, WorkStart

# A work start more than this many days ago is refused (a typing error, most likely).
WORK_START_MAX_AGE_DAYS = 5 * 366


def _status_on(
    statuses: dict[int, list[tuple[dt.date, str]]], profile_id: int, day: dt.date, fallback: str
) -> str:
    found = fallback
    changes = statuses.get(profile_id, [])
    if changes:
        found = changes[0][1]
    for changed_on, status in changes:
        if changed_on <= day:
            found = status
    return found


def _status_history() -> dict[int, list[tuple[dt.date, str]]]:
    history: dict[int, list[tuple[dt.date, str]]] = {}
    for profile_id, changed_on, status in profiles_selectors.status_changes_for_monitoring():
        history.setdefault(profile_id, []).append((changed_on, status))
    return history


def participations_sync(*, measure: Measure | None = None) -> dict[str, int]:
    """Add the participations that follow from enrolments paid from the measures' grant rules."""
    measures = [measure] if measure is not None else list(Measure.objects.prefetch_related("grant_rules"))
    rule_measures: dict[int, list[int]] = {}
    for m in measures:
        for rule_id in m.grant_rules.values_list("pk", flat=True):
            rule_measures.setdefault(rule_id, []).append(m.pk)
    if not rule_measures:
        return {"added": 0}
    residents = {
        user: (pid, status) for pid, user, _muni, status in profiles_selectors.residents_for_monitoring()
    }
    first: dict[tuple[int, int], dt.date] = {}
    for user_id, rule_id, start in enrolments_selectors.enrolment_rule_starts_for_monitoring():
        if user_id not in residents:
            continue
        for measure_id in rule_measures.get(rule_id, ()):
            key = (measure_id, residents[user_id][0])
            if key not in first or start < first[key]:
                first[key] = start
    existing = set(
        MeasureParticipation.objects.filter(measure_id__in=[m.pk for m in measures]).values_list(
            "measure_id", "resident_id"
        )
    )
    history = _status_history()
    status_of = dict(residents.values())
    new = [
        MeasureParticipation(
            measure_id=measure_id,
            resident_id=pid,
            started_on=start,
            status_at_start=_status_on(history, pid, start, status_of[pid]),
            source=ParticipationSource.ENROLMENT,
        )
        for (measure_id, pid), start in sorted(first.items())
        if (measure_id, pid) not in existing
    ]
    MeasureParticipation.objects.bulk_create(new, batch_size=5_000, ignore_conflicts=True)
    return {"added": len(new)}


def _is_coach_with_consent(*, actor, resident_user) -> bool:
    return accounts_selectors.has_role(user=actor, role="coach") and accounts_selectors.can_view_resident(
        viewer=actor, resident=resident_user
    )


def participation_register(
    *, actor, measure: Measure, resident_user, started_on: dt.date, reason: str = ""
) -> MeasureParticipation:
    """A coach with the resident's consent, or the programme office, registers the resident for a measure."""
    office = accounts_selectors.has_role(user=actor, role="programme_office")
    if not (office or _is_coach_with_consent(actor=actor, resident_user=resident_user)):
        raise ApplicationError(
            _("U mag deze inwoner niet aanmelden. De inwoner moet uw organisatie eerst toestemming geven."),
            code="monitoring_participation_forbidden",
            status=403,
        )
    profile = profiles_selectors.profile_for_user(user=resident_user)
    if profile is None:
        raise ApplicationError(
            _("Deze inwoner heeft nog geen profiel."), code="monitoring_no_profile", status=400
        )
    today = timezone.localdate()
    if started_on > today:
        raise ApplicationError(
            _("De startdatum kan niet in de toekomst liggen."), code="monitoring_date_future"
        )
    if started_on < measure.starts_on or (measure.ends_on and started_on > measure.ends_on):
        raise ApplicationError(
            _("De startdatum moet binnen de looptijd van de maatregel liggen."),
            code="monitoring_date_outside_measure",
        )
    history = {
        profile.pk: [
            (on, status)
            for _pid, on, status in profiles_selectors.status_changes_for_monitoring(profile_id=profile.pk)
        ]
    }
    status = _status_on(history, profile.pk, started_on, profile.status)
    try:
        with transaction.atomic():
            participation = MeasureParticipation.objects.create(
                measure=measure,
                resident=profile,
                started_on=started_on,
                status_at_start=status if status in TargetGroup.values else profile.status,
                source=ParticipationSource.COACH,
            )
            audit_record(
                action="monitoring.participation_register",
                subject=participation,
                actor=actor,
                reason=reason,
                data={"measure": measure.code, "started_on": started_on.isoformat()},
            )
    except IntegrityError as exc:
        raise ApplicationError(
            _("Deze inwoner doet al mee aan deze maatregel."),
            code="monitoring_participation_exists",
            status=409,
        ) from exc
    return participation


@transaction.atomic
def work_start_record(*, actor, resident_user, started_on: dt.date, kind: str) -> WorkStart:
    """The resident (or a coach with consent) records a start in work on ``started_on``."""
    themself = accounts_selectors.is_resident(user=actor) and actor.pk == resident_user.pk
    if not (themself or _is_coach_with_consent(actor=actor, resident_user=resident_user)):
        raise ApplicationError(
            _("U mag dit niet doorgeven voor deze inwoner."), code="monitoring_work_forbidden", status=403
        )
    if kind not in WorkKind.values:
        raise ApplicationError(_("Kies wat voor werk het is."), code="monitoring_work_kind_invalid")
    today = timezone.localdate()
    if started_on > today:
        raise ApplicationError(_("De datum kan niet in de toekomst liggen."), code="monitoring_date_future")
    if (today - started_on).days > WORK_START_MAX_AGE_DAYS:
        raise ApplicationError(
            _("Die datum is meer dan vijf jaar geleden. Kijk of het jaar klopt."),
            code="monitoring_date_too_old",
        )
    profile = profiles_selectors.profile_for_user(user=resident_user)
    if profile is None:
        raise ApplicationError(
            _("Deze inwoner heeft nog geen profiel."), code="monitoring_no_profile", status=400
        )
    if WorkStart.objects.filter(resident=profile, started_on=started_on, kind=kind).exists():
        raise ApplicationError(_("Dit werk is al doorgegeven."), code="monitoring_work_exists", status=409)
    work = WorkStart.objects.create(resident=profile, started_on=started_on, kind=kind, recorded_by=actor)
    if profile.status != TargetGroup.WORKERS:
        profiles_services.profile_update_preferences(profile=profile, status=TargetGroup.WORKERS.value)
    audit_record(
        action="monitoring.work_start_record",
        subject=work,
        actor=actor,
        data={"kind": kind, "started_on": started_on.isoformat()},
    )
    return work
