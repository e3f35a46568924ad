import datetime

import pytest
from django.utils import timezone

from doorleren.organisations.tests.factories import OrganisationFactory
from doorleren.placement import services
from doorleren.placement.tests.factories import (
    assignment_opportunity,
    cooperative,
    learner,
    staff,
)


class Small:
    """A cooperative organiser, its staff, two hosts (the workshop itself and a member firm), three
    assignments and a round open today."""

    def __init__(self, *, reserved_students: int = 0, reserved_workers: int = 0):
        self.today = timezone.localdate()
        self.workshop = cooperative()
        self.firm = OrganisationFactory(name="Afval en Energie Loppersum BV")
        self.organiser = staff(self.workshop)
        self.host = staff(self.firm)
        services.cooperative_member_add(cooperative=self.workshop, member=self.firm, actor=self.organiser)
        self.round = services.placement_round_create(
            organiser=self.workshop,
            actor=self.organiser,
            name="Voorjaar 2026",
            apply_from=self.today - datetime.timedelta(days=5),
            apply_until=self.today + datetime.timedelta(days=5),
            reserved_students=reserved_students,
            reserved_workers=reserved_workers,
        )
        self.a = [
            services.round_assignment_add(
                round=self.round,
                opportunity=assignment_opportunity(host, title=title, team_size=2),
                actor=self.organiser,
            )
            for host, title in (
                (self.firm, "Sorteren met sensoren"),
                (self.firm, "Digitaal wegen"),
                (self.workshop, "Afval in beeld"),
            )
        ]

    def choose(self, person, *assignments):
        return services.learner_choices_set(
            round=self.round,
            learner=person,
            assignment_ids=[a.pk for a in assignments],
            actor=person,
            today=self.today,
        )

    def close(self):
        self.round = services.placement_round_close(round=self.round, actor=self.organiser)
        return self.round


@pytest.fixture
def small():
    return Small()


@pytest.fixture
def make_small():
    return Small


@pytest.fixture
def new_learner():
    return learner
