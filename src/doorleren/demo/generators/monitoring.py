"""Monitoring and evaluation in the demo (docs/monitoring.md): the programme's measures, regional
figures, five years of history, outcomes and effect estimates.

- Measures, targets, activities and judgements: ``monitoring.services.programme.programme_demo_load``.
- Regional figures: the plan's own (339,000 jobs, 34,500 self-employed, net participation 64.8%) and
  clearly labelled example values (``monitoring.services.statistics.stat_values_demo_load``).
- History (invented, deterministic per seed): every resident registered on a day in the last five
  years (``profiles.StatusChange``); job seekers, workers and students take part in measures for their
  group; some start work (``monitoring.WorkStart``) and their situation changes to "werkende" (a job
  seeker or student today lost that work again; today's situations are kept as they are). The
  chance to find work within a year depends on age and education, and taking part adds a known effect
  per measure (``PLANTED_EFFECTS``), so the evaluation has something real
  to find, including a measure that does not work. People with less education take part more often,
  so a plain comparison of participants with everyone else would be wrong: the evaluation matches.
- Participations that follow from the demo's enrolments (grant rules linked to measures), then the
  outcome figures and the effect estimates are computed.
"""

from __future__ import annotations

import datetime as dt
import math

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
# Measures residents take part in (by code; research and the fund have none), with the extra chance
# to find (other) work within a year that taking part gives, and how often residents choose them.
# "scholing-wendbaarheid" adds nothing: the evaluation should not call it a success.
PLANTED_EFFECTS = {
    "basisbanen": 0.15,
    "matching-op-competenties": 0.12,
    "werk-naar-werk": 0.10,
    "gebiedscooperaties": 0.10,
    "ontwikkelbudget": 0.08,
    "leercampus-appingedam": 0.06,
    "leercultuur-mkb": 0.05,
    "verlengde-schooldag": 0.05,
    "digitale-vaardigheden-jongeren": 0.05,
    "studenten-binden": 0.08,
    "deskundigheid-opleiders": 0.03,
    "scholing-wendbaarheid": 0.0,
}
POPULAR = {
    "matching-op-competenties": 4,
    "werk-naar-werk": 3,
    "ontwikkelbudget": 3,
    "scholing-wendbaarheid": 3,
}
# How likely someone of a group takes part in one of the measures for that group.
TAKE_PART = {"job_seeker": 0.55, "worker": 0.25, "student": 0.2}
# Chance to (start other) work within a year without any measure, by group.
BASE_WORK = {"job_seeker": 0.30, "worker": 0.08, "student": 0.25}
LOW_EDUCATION = {"", "none", "primary", "vmbo", "mbo1", "mbo2"}
HIGH_EDUCATION = {"hbo", "wo"}
# Grant rules of the demo (by name) whose modules make someone take part in a measure (by code).
RULES_FOR_MEASURES = {
    "Ontwikkelbudget (experiment in de regio)": "ontwikkelbudget",
    "Digitale basisvaardigheden": "scholing-wendbaarheid",
    "Scholing voor werkzoekenden": "matching-op-competenties",
    "Leren in Eemsdelta": "gebiedscooperaties",
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


def _wait(rng, chance_per_year: float) -> dt.timedelta:
    """Days until work, when the chance to find it within any year is ``chance_per_year``."""
    rate_per_day = -math.log(1.0 - chance_per_year) / 365.0
    return dt.timedelta(days=min(int(rng.expovariate(rate_per_day)) + 1, 100 * 365))


def _measures_for(measures: list[Measure], status: str) -> list[Measure]:
    return [m for m in measures if not m.target_groups or status in m.target_groups]


def history_build(ctx: DemoContext, *, measures: list[Measure]) -> dict[str, int]:
    """Registration days, participations and work starts for every resident without a history yet."""
    rng = ctx.rng("monitoring-history")
    today = ctx.today
    measures = [m for m in measures if m.code in PLANTED_EFFECTS]
    effects = {m.pk: PLANTED_EFFECTS[m.code] for m in measures}
    municipalities_of = {m.pk: set(m.municipalities.values_list("pk", flat=True)) for m in measures}
    known = set(StatusChange.objects.values_list("profile_id", flat=True).distinct())
    profiles = list(
        ResidentProfile.objects.exclude(pk__in=known)
        .order_by("pk")
        .values_list("pk", "status", "education_level", "birth_year", "municipality_id", "user__username")
    )
    changes, participations, works = [], [], []
    for pid, status, education, birth_year, municipality_id, username in profiles:
        registered = today - dt.timedelta(days=rng.randint(60, HISTORY_DAYS))
        age = today.year - (birth_year or today.year - 40)
        # Some of today's workers were job seekers when they came to the platform.
        first_status = status
        if status == "worker" and username != "anne" and rng.random() < 0.3:
            first_status = "job_seeker"
        changes.append(StatusChange(profile_id=pid, status=first_status, changed_on=registered))
        chance = _base_chance(first_status, education or "", age)
        # Work comes at a constant rate: ``chance`` within any year (an exponential waiting time).
        work_day = registered + _wait(rng, chance)
        take_part = TAKE_PART.get(first_status, 0.2) + (0.15 if (education or "") in LOW_EDUCATION else 0.0)
        options = [
            m
            for m in _measures_for(measures, first_status)
            if m.starts_on <= today - dt.timedelta(days=30)
            and (not municipalities_of[m.pk] or municipality_id in municipalities_of[m.pk])
        ]
        if options and username != "anne" and rng.random() < take_part:
            joined = rng.choices(options, weights=[POPULAR.get(m.code, 1) for m in options])[0]
            earliest = max(registered, joined.starts_on)
            latest = min(today - dt.timedelta(days=14), joined.ends_on or today)
            if earliest < latest:
                start = earliest + dt.timedelta(days=rng.randint(0, (latest - earliest).days))
                if work_day > start:  # still looking on the day they join
                    participations.append(
                        MeasureParticipation(
                            measure_id=joined.pk,
                            resident_id=pid,
                            started_on=start,
                            status_at_start=first_status,
                            source=ParticipationSource.COACH,
                        )
                    )
                    # In the year after joining the rate is higher by the planted effect.
                    work_day = start + _wait(rng, min(chance + effects[joined.pk], 0.95))
                    if work_day > start + dt.timedelta(days=365):
                        work_day = start + dt.timedelta(days=365) + _wait(rng, chance)
        # Today's situation (made by the people generator) stays true: a job seeker or student today
        # who found work lost it again; a worker today who came as a job seeker found work by now.
        if first_status != status and work_day > today:
            work_day = registered + dt.timedelta(days=rng.randint(14, max(15, (today - registered).days)))
        if work_day <= today and not (first_status == status != "worker" and work_day >= today):
            kind = (
                WorkKind.BASISBAAN if first_status == "job_seeker" and rng.random() < 0.15 else WorkKind.JOB
            )
            works.append(WorkStart(resident_id=pid, started_on=work_day, kind=kind))
            if first_status != "worker":
                changes.append(StatusChange(profile_id=pid, status="worker", changed_on=work_day))
            if status != "worker":
                lost = work_day + dt.timedelta(days=rng.randint(60, 540))
                if lost > today:
                    lost = work_day + dt.timedelta(days=rng.randint(1, (today - work_day).days))
                changes.append(StatusChange(profile_id=pid, status=status, changed_on=lost))
    ctx.bulk(StatusChange, changes, count_as="status_changes")
    ctx.bulk(MeasureParticipation, participations, count_as="measure_participations")
    ctx.bulk(WorkStart, works, count_as="work_starts")
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
