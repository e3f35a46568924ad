"""Fixtures for the demo tests: a small demo, built once per test inside its transaction."""

import datetime as dt

import pytest

from doorleren.demo.services import demo_build

TODAY = dt.date(2026, 3, 2)
SMALL = {
    "residents": 50,
    "employers": 30,
    "modules": 120,
    "certificates": 12,
    "diplomas": 3,
    "vacancies": 60,
    "assignments": 10,
    "basic_jobs": 5,
    "coaches": 4,
    "practical_offers": 8,
    "today": TODAY,
}


@pytest.fixture
def small_demo(db):
    """A small demo (seed 11); returns the build result."""
    return demo_build(seed=11, **SMALL)
