"""Monitoring and evaluation in the demo (docs/monitoring.md): the programme's measures, regional
figures, five years of history, outcomes and effect estimates.

- Measures, targets, activities and judgements: ``monitoring.services.programme.programme_demo_load``.
- Regional figures: the plan's own (339,000 jobs, 34,500 self-employed, net participation 64.8%) and
  clearly labelled example values (``monitoring.services.statistics.stat_values_demo_load``).
- History (invented, deterministic per seed): every resident registered on a day in the last five
  years (``profiles.StatusChange``); job seekers, workers and students take part in measures for their
  group; some start work (``monitoring.WorkStart``) and their situation changes to "werkende". The
  chance to find work within a year depends on age and education, and taking part adds a known effect
  per measure (``PLANTED_EFFECTS``, in the order of the measures), so the evaluation has something real
  to find, including a measure that does not work. People with less education take part more often,
  so a plain comparison of participants with everyone else would be wrong: the evaluation matches.
- Participations that follow from the demo's enrolments (grant rules linked to measures), then the
  outcome figures and the effect estimates are computed.
"""

from __future__ import annotations

import datetime as dt

from doorleren.monitoring.models import (
    Measure,
    MeasureParticipation,
    ParticipationSource,
    WorkKind,
    WorkStart,
)
from doorleren.profiles.models import ResidentProfile, StatusChange

from .context import DemoContext
from .organisations import Organisations

HISTORY_DAYS = 5 * 365
# Extra chance to find work within a year for participants, per measure (cycled over the measures in
# their order). One measure has none: the evaluation should not call it a success.
PLANTED_EFFECTS = (0.15, 0.10, 0.0, 0.12, 0.08)
# How likely someone of a group takes part in one of the measures for that group.
TAKE_PART = {"job_seeker": 0.55, "worker": 0.25, "student": 0.2}
# Chance to (start other) work within a year without any measure, by group.
BASE_WORK = {"job_seeker": 0.30, "worker": 0.08, "student": 0.25}
LOW_EDUCATION = {"", "none", "primary", "vmbo", "mbo1", "mbo2"}
HIGH_EDUCATION = {"hbo", "wo"}
# Grant rules of the demo (by name) whose modules make someone take part in a measure (by code).
RULES_FOR_MEASURES = {
    "Ontwikkelbudget (experiment in de regio)": "ontwikkelbudget",
    "Digitale basisvaardigheden": "digitale-basisvaardigheden",
    "Scholing voor werkzoekenden": "scholing-werkzoekenden",
}


def _base_chance(status: str, education: str, age: int) -> float:
    chance = BASE_WORK.get(status, 0.2)
    if education in HIGH_EDUCATION:
        chance += 0.10
    elif education in LOW_EDUCATION:
        chance -= 0.08
    if age >= 55:
        chance -= 0.10
    elif age < 25:
        chance += 0.05
    return min(max(chance, 0.02), 0.95)


def _measures_for(measures: list[Measure], status: str) -> list[Measure]:
    return [m for m in measures if not m.target_groups or status in m.target_groups]


def history_build(ctx: DemoContext, *, measures: list[Measure]) -> dict[str, int]:
    """Registration days, participations and work starts for every resident without a history yet."""
    rng = ctx.rng("monitoring-history")
    today = ctx.today
    effects = {m.pk: PLANTED_EFFECTS[i % len(PLANTED_EFFECTS)] for i, m in enumerate(measures)}
    municipalities_of = {m.pk: set(m.municipalities.values_list("pk", flat=True)) for m in measures}
    known = set(StatusChange.objects.values_list("profile_id", flat=True).distinct())
    profiles = list(
        ResidentProfile.objects.exclude(pk__in=known)
        .order_by("pk")
        .values_list("pk", "status", "education_level", "birth_year", "municipality_id", "user__username")
    )
    changes, participations, works, now_working = [], [], [], []
    for pid, status, education, birth_year, municipality_id, username in profiles:
        registered = today - dt.timedelta(days=rng.randint(60, HISTORY_DAYS))
        age = today.year - (birth_year or today.year - 40)
        # Some of today's workers were job seekers when they came to the platform.
        first_status = status
        if status == "worker" and username != "anne" and rng.random() < 0.3:
            first_status = "job_seeker"
        changes.append(StatusChange(profile_id=pid, status=first_status, changed_on=registered))
        chance = _base_chance(first_status, education or "", age)
        reference = registered + dt.timedelta(days=rng.randint(0, 120))
        joined = None
        take_part = TAKE_PART.get(first_status, 0.2) + (0.15 if (education or "") in LOW_EDUCATION else 0.0)
        options = [
            m
            for m in _measures_for(measures, first_status)
            if m.starts_on <= today - dt.timedelta(days=30)
            and (not municipalities_of[m.pk] or municipality_id in municipalities_of[m.pk])
        ]
        if options and username != "anne" and rng.random() < take_part:
            joined = options[min(int(rng.random() ** 1.5 * len(options)), len(options) - 1)]
            earliest = max(registered, joined.starts_on)
            latest = min(today - dt.timedelta(days=14), joined.ends_on or today)
            if earliest < latest:
                reference = earliest + dt.timedelta(days=rng.randint(0, (latest - earliest).days))
                participations.append(
                    MeasureParticipation(
                        measure_id=joined.pk,
                        resident_id=pid,
                        started_on=reference,
                        status_at_start=first_status,
                        source=ParticipationSource.COACH,
                    )
                )
                chance = min(chance + effects[joined.pk], 0.95)
            else:
                joined = None
        started = reference + dt.timedelta(days=rng.randint(14, 365))
        if rng.random() < chance and started <= today:
            kind = (
                WorkKind.BASISBAAN if first_status == "job_seeker" and rng.random() < 0.15 else WorkKind.JOB
            )
            works.append(WorkStart(resident_id=pid, started_on=started, kind=kind))
            if first_status != "worker":
                changes.append(StatusChange(profile_id=pid, status="worker", changed_on=started))
                now_working.append(pid)
        elif first_status != status:
            # A worker today without a recorded start: found work without the platform, later.
            changes.append(
                StatusChange(
                    profile_id=pid, status=status, changed_on=min(today, reference + dt.timedelta(days=400))
                )
            )
    ctx.bulk(StatusChange, changes, count_as="status_changes")
    ctx.bulk(MeasureParticipation, participations, count_as="measure_participations")
    ctx.bulk(WorkStart, works, count_as="work_starts")
    for start in range(0, len(now_working), ctx.batch_size):
        ResidentProfile.objects.filter(pk__in=now_working[start : start + ctx.batch_size]).update(
            status="worker"
        )
    return {"status_changes": len(changes), "participations": len(participations), "work_starts": len(works)}


def _link_rules(measures: list[Measure]) -> None:
    from doorleren.budgets.models import GrantRule

    by_code = {m.code: m for m in measures}
    for rule in GrantRule.objects.filter(name__in=RULES_FOR_MEASURES):
        measure = by_code.get(RULES_FOR_MEASURES[rule.name])
        if measure is not None:
            measure.grant_rules.add(rule)


def monitoring_build(ctx: DemoContext, organisations: Organisations) -> None:
    from doorleren.monitoring.services import evaluation, outcomes, participation, programme, statistics

    programme.programme_demo_load(today=ctx.today)
    statistics.stat_values_demo_load(today=ctx.today)
    measures = list(Measure.objects.order_by("programme_line__number", "code"))
    ctx.counts["measures"] += len(measures)
    _link_rules(measures)
    history_build(ctx, measures=measures)
    participation.participations_sync()
    outcomes.outcomes_refresh(today=ctx.today)
    evaluation.effect_estimates_refresh(today=ctx.today)
