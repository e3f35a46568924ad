"""Factories for profiles tests. Sectors, competencies and occupations come from the taxonomy's factories
(re-exported here), because the competency map and ESCO are loaded by commands, not by migrations."""

import datetime

import factory

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.profiles.choices import CompetencySource, Evidence, ResidentStatus
from doorleren.profiles.models import Education, ResidentCompetency, ResidentProfile, WorkExperience
from doorleren.region.tests.factories import municipality
from doorleren.taxonomy.tests.factories import CompetencyFactory, OccupationFactory, SectorFactory

__all__ = [
    "CompetencyFactory",
    "EducationFactory",
    "OccupationFactory",
    "ResidentCompetencyFactory",
    "ResidentFactory",
    "ResidentProfileFactory",
    "SectorFactory",
    "WorkExperienceFactory",
]


class ResidentFactory(UserFactory):
    role = Role.RESIDENT


class ResidentProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResidentProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(ResidentFactory)
    status = ResidentStatus.JOB_SEEKER
    municipality = factory.LazyFunction(lambda: municipality("GM0014"))
    hours_per_week = 24
    max_travel_km = 30
    looking_for_work = True


class ResidentCompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResidentCompetency

    profile = factory.SubFactory(ResidentProfileFactory)
    competency = factory.SubFactory(CompetencyFactory)
    level = 2
    source = CompetencySource.WORK
    evidence = Evidence.SELF_ASSESSED


class WorkExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkExperience

    profile = factory.SubFactory(ResidentProfileFactory)
    job_title = "Magazijnmedewerker"
    employer_name = "Groothandel Noord"
    started_on = datetime.date(2018, 3, 1)
    ended_on = datetime.date(2022, 8, 1)


class EducationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Education

    profile = factory.SubFactory(ResidentProfileFactory)
    title = "Mbo Logistiek medewerker"
    level = "mbo2"
    institution = "Noorderpoort"
    completed = True
    year = 2016
