"""Data for the dashboard tests, built as in ``tests/outcomes``: a few measures with participants in
three municipalities (one of them small), figures made by ``outcomes_refresh``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from doorleren.accounts.tests.factories import UserFactory
from doorleren.fund.models import ProgrammeLine
from doorleren.monitoring.models import (
    EffectEstimate,
    Measure,
    MeasureParticipation,
    ParticipationSource,
    StatIndicator,
    StatSource,
    StatValue,
    Verdict,
    WorkStart,
)
from doorleren.monitoring.services.outcomes import outcomes_refresh
from doorleren.profiles.tests.factories import ResidentProfileFactory
from doorleren.region.tests.factories import municipality

TODAY = dt.date(2026, 11, 28)
START = dt.date(2025, 2, 10)  # 2025 quarter 1


@pytest.fixture(autouse=True)
def _empty_cache():
    """Charts and periods are cached; each test starts without."""
    cache.clear()
    yield
    cache.clear()


def measure(code="basisbanen", line=5, name=None):
    return Measure.objects.create(
        programme_line=ProgrammeLine.objects.get(number=line),
        code=code,
        name=name or code.capitalize(),
        starts_on=dt.date(2024, 1, 1),
    )


def participants(m, n, *, muni="GM0014", start=START, status="job_seeker", work_after_days=None):
    made = []
    for _ in range(n):
        profile = ResidentProfileFactory(municipality=municipality(muni), status=status)
        MeasureParticipation.objects.create(
            measure=m,
            resident=profile,
            started_on=start,
            status_at_start=status,
            source=ParticipationSource.COACH,
        )
        if work_after_days is not None:
            WorkStart.objects.create(
                resident=profile, started_on=start + dt.timedelta(days=work_after_days), kind="job"
            )
        made.append(profile)
    return made


@pytest.fixture
def office(db):
    return UserFactory(username="marieke", role="programme_office")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="bram", role="administrator", is_staff=True)


@pytest.fixture
def resident(db):
    return UserFactory(username="anne", role="resident")


@pytest.fixture
def figures(db):
    """Basisbanen: 20 in Groningen (12 of them in work within 6 months), 15 in Aa en Hunze and 3 in
    Assen (a small cell, so Aa en Hunze is hidden too); a second measure on line 2 with 11 in
    Groningen in 2025 K4; a demo value for net labour participation; an effect estimate."""
    first = measure("basisbanen", line=5, name="Basisbanen")
    participants(first, 12, muni="GM0014", work_after_days=100)
    participants(first, 8, muni="GM0014")
    participants(first, 15, muni="GM1680")
    participants(first, 3, muni="GM0106")
    second = measure("leerwerkloket", line=2, name="Leerwerkloket")
    participants(second, 11, muni="GM0014", start=dt.date(2025, 11, 3))
    indicator = StatIndicator.objects.get(code="netto-arbeidsparticipatie")
    StatValue.objects.create(
        indicator=indicator,
        year=2025,
        value=Decimal("64.8"),
        source=StatSource.DEMO,
        imported_at=timezone.now(),
    )
    EffectEstimate.objects.create(
        measure=first,
        computed_at=timezone.now(),
        participants=38,
        matched_participants=35,
        comparison_persons=120,
        participant_rate=0.6,
        comparison_rate=0.45,
        effect=0.15,
        ci_low=0.02,
        ci_high=0.28,
        verdict=Verdict.CONTINUE,
    )
    outcomes_refresh(today=TODAY)
    return {"first": first, "second": second}
