"""Shared setup for the programme tests: the plan's lines, a few regional indicators, users per role
and a measure made through the service."""

from __future__ import annotations

import datetime as dt

import pytest

from doorleren.accounts.tests.factories import UserFactory
from doorleren.monitoring.models import StatIndicator
from doorleren.monitoring.services import programme as services
from doorleren.region.tests.factories import municipality

INDICATORS = [
    ("netto-arbeidsparticipatie", "Netto arbeidsparticipatie", "%"),
    ("voortijdig-schoolverlaters", "Voortijdig schoolverlaters", "%"),
    ("banen", "Banen van werknemers", "banen"),
]


@pytest.fixture(autouse=True)
def _plan(db):
    """The programme lines come with the fund's migrations; load them again in case a test emptied them."""
    from doorleren.fund.services import programme_plan_load

    programme_plan_load()


@pytest.fixture
def indicators(db) -> dict[str, StatIndicator]:
    found = {}
    for position, (code, name, unit) in enumerate(INDICATORS):
        found[code], _created = StatIndicator.objects.get_or_create(
            code=code, defaults={"name": name, "unit": unit, "position": position}
        )
    return found


@pytest.fixture
def office(db):
    return UserFactory(username="bureau", role="programme_office", first_name="Pim", last_name="Bureau")


@pytest.fixture
def administrator(db):
    return UserFactory(username="beheer", role="administrator")


@pytest.fixture
def resident(db):
    return UserFactory(username="inwoner", role="resident")


@pytest.fixture
def coach(db):
    return UserFactory(username="coach", role="coach")


def line(code: str = "lerende-regio"):
    from doorleren.fund.selectors import programme_lines

    return programme_lines().get(code=code)


def make_measure(actor, **overrides):
    fields = {
        "programme_line": line(),
        "code": "onderzoek-wat-werkt",
        "name": "Onderzoek naar wat werkt",
        "description": "Meten wat de maatregelen opleveren.",
        "responsible": None,
        "responsible_name": "Rijksuniversiteit Groningen",
        "partners": [],
        "partner_names": "Hanzehogeschool",
        "budget_cents": 100_000_00,
        "starts_on": dt.date(2022, 1, 1),
        "ends_on": dt.date(2025, 12, 31),
        "target_groups": ["worker", "job_seeker"],
        "municipalities": [municipality("GM0014")],
        "status": "running",
        "grant_rules": [],
        "reason": "Uit het plan.",
    }
    fields.update(overrides)
    return services.measure_create(actor=actor, **fields)


@pytest.fixture
def measure(office):
    return make_measure(office)
