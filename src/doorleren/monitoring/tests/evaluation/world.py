"""A small population with a planted effect, built in bulk (a few queries, not one per person)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from doorleren.accounts.models import Role, User
from doorleren.fund.models import ProgrammeLine
from doorleren.monitoring.models import Measure, MeasureParticipation, WorkStart
from doorleren.profiles.models import ResidentProfile, StatusChange
from doorleren.region.tests.factories import municipality

TODAY = datetime.date(2025, 6, 30)
REGISTERED = datetime.date(2023, 1, 1)
START = datetime.date(2024, 2, 10)  # Q1 2024; its comparison reference date is 15 February 2024
IN_WORK = datetime.date(2024, 9, 1)  # within 12 months of both reference dates
BEFORE = datetime.date(2023, 6, 1)  # a job before the reference date: not an outcome
AFTER = datetime.date(2025, 4, 1)  # after the 12-month window: not an outcome

# (stratum, participants, of whom in work, comparison persons, of whom in work): in both strata the
# participants' share in work is 30 percentage points higher. Job seekers with little education take
# part most and find work least, so the naive difference is smaller than the effect.
STRATA = {
    "job_seeker_low": (60, 36, 120, 36),  # 60% against 30%
    "worker_high": (40, 32, 60, 30),  # 80% against 50%
}
PLANTED_EFFECT = 0.30
STRATUM_FIELDS = {
    "job_seeker_low": {"status": "job_seeker", "education_level": "vmbo", "birth_year": 1990},
    "worker_high": {"status": "worker", "education_level": "hbo", "birth_year": 1975},
}


@dataclass
class Population:
    measure: Measure
    small_measure: Measure
    participants: list[int] = field(default_factory=list)
    comparison: list[int] = field(default_factory=list)
    others: list[int] = field(default_factory=list)


_counter = [0]


def _people(count: int, *, status: str, education_level: str, birth_year: int, registered=REGISTERED):
    """``count`` residents with a profile and a situation history; returns their profile ids."""
    place = municipality("GM0014")
    _counter[0] += 1
    prefix = f"eval{_counter[0]}-"
    User.objects.bulk_create(
        [User(username=f"{prefix}{i}", role=Role.RESIDENT, password="!") for i in range(count)]
    )
    users = list(User.objects.filter(username__startswith=prefix).order_by("pk"))
    ResidentProfile.objects.bulk_create(
        [
            ResidentProfile(
                user=user,
                status=status,
                education_level=education_level,
                birth_year=birth_year,
                municipality=place,
            )
            for user in users
        ]
    )
    ids = list(ResidentProfile.objects.filter(user__in=users).order_by("pk").values_list("pk", flat=True))
    StatusChange.objects.bulk_create(
        [StatusChange(profile_id=pk, status=status, changed_on=registered) for pk in ids]
    )
    return ids


def _work(ids, day):
    WorkStart.objects.bulk_create([WorkStart(resident_id=pk, started_on=day, kind="job") for pk in ids])


def _take_part(measure, ids, start, status):
    MeasureParticipation.objects.bulk_create(
        [
            MeasureParticipation(
                measure=measure, resident_id=pk, started_on=start, status_at_start=status, source="coach"
            )
            for pk in ids
        ]
    )


def measure(code: str) -> Measure:
    return Measure.objects.create(
        programme_line=ProgrammeLine.objects.order_by("number").first(),
        code=code,
        name=f"Maatregel {code}",
        starts_on=datetime.date(2023, 1, 1),
    )


def build() -> Population:
    population = Population(measure=measure("werkfit"), small_measure=measure("klein"))
    for stratum, (n_t, s_t, n_c, s_c) in STRATA.items():
        fields = STRATUM_FIELDS[stratum]
        treated = _people(n_t, **fields)
        control = _people(n_c, **fields)
        _take_part(population.measure, treated, START, fields["status"])
        _work(treated[:s_t], IN_WORK)
        _work(control[:s_c], IN_WORK)
        # Jobs outside the window count for nobody.
        _work(treated[s_t : s_t + 3], BEFORE)
        _work(control[s_c : s_c + 3], AFTER)
        population.participants += treated
        population.comparison += control
    # Not comparison persons: registered after the reference date, or in another municipality's
    # stratum, or in a stratum without participants.
    late = _people(15, registered=datetime.date(2024, 3, 1), **STRATUM_FIELDS["job_seeker_low"])
    _work(late, IN_WORK)
    students = _people(12, status="student", education_level="mbo3", birth_year=2004)
    population.others = late + students
    # Five participants started recently: their 12 months are not over. They registered after the
    # reference date of Q1 2024, so they are no comparison persons there either.
    recent = _people(5, registered=datetime.date(2024, 6, 1), **STRATUM_FIELDS["worker_high"])
    _take_part(population.measure, recent, datetime.date(2025, 3, 1), "worker")
    population.participants += recent
    # The small measure: 8 participants, drawn from the first measure's comparison persons.
    small = population.comparison[:8]
    _take_part(population.small_measure, small, START, "job_seeker")
    return population
