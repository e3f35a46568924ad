"""A small world for the browser test: one user per role and one of each thing they look at.

Built only with the other apps' services and test factories, so it follows their rules.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

ROLES = ("resident", "employer", "school", "coach", "programme_office", "administrator")
ANONYMOUS = "anonymous"
PASSWORD = "een-lang-wachtwoord-42"


@dataclass
class World:
    users: dict[str, object] = field(default_factory=dict)
    municipality: object = None
    employer: object = None
    school: object = None
    desk: object = None  # the coach's organisation (a leerwerkloket)
    competency: object = None
    regional_occupation: object = None
    module: object = None
    certificate: object = None
    diploma: object = None
    practical_offer: object = None
    opportunity: object = None
    work_experience: object = None
    education: object = None


def build_world() -> World:
    from doorleren.accounts import services as accounts_services
    from doorleren.accounts.tests.factories import UserFactory
    from doorleren.learning.services import certificates, modules, practical
    from doorleren.opportunities import services as opportunities_services
    from doorleren.organisations.tests.factories import (
        GovernmentFactory,
        MembershipFactory,
        OrganisationFactory,
        SchoolFactory,
    )
    from doorleren.profiles import services as profiles_services
    from doorleren.region.services import region_load
    from doorleren.region.tests.factories import municipality
    from doorleren.taxonomy import selectors as taxonomy_selectors
    from doorleren.taxonomy.services.competency_map import OCCUPATIONS_FILE, competency_map_load

    world = World()
    region_load()  # the live server's database is emptied after each test, migration data included
    world.municipality = municipality("GM0014")
    competency_map_load(occupations_path=OCCUPATIONS_FILE if OCCUPATIONS_FILE.exists() else None)
    world.competency = taxonomy_selectors.competency_list().order_by("code").first()
    world.regional_occupation = taxonomy_selectors.regional_occupation_list().first()

    world.employer = OrganisationFactory(name="Afval en Energie Loppersum BV")
    world.school = SchoolFactory(name="Noorderpoort")
    world.desk = GovernmentFactory(name="Leerwerkloket Groningen")

    for role in ROLES:
        world.users[role] = UserFactory(
            username=f"demo-{role.replace('_', '-')}",
            first_name={
                "resident": "Anne",
                "employer": "Henk",
                "school": "Fatima",
                "coach": "Jeroen",
                "programme_office": "Marieke",
                "administrator": "Bram",
            }[role],
            last_name="Bakker",
            role=role,
            password=PASSWORD,
            is_staff=role == "administrator",
            is_superuser=role == "administrator",
        )
    MembershipFactory(user=world.users["employer"], organisation=world.employer)
    MembershipFactory(user=world.users["school"], organisation=world.school)
    MembershipFactory(user=world.users["coach"], organisation=world.desk)

    resident = world.users["resident"]
    profile = profiles_services.profile_create(
        user=resident,
        status="worker",
        municipality=world.municipality,
        education_level="mbo2",
        birth_year=1985,
        hours_per_week=32,
        max_travel_km=25,
        looking_for_work=True,
        looking_for_learning=True,
    )
    profiles_services.resident_competency_add(
        profile=profile, competency=world.competency, level=2, source="work", evidence="self_assessed"
    )
    world.work_experience = profiles_services.work_experience_add(
        profile=profile,
        job_title="Medewerker afvalverwerking",
        employer_name="Afval en Energie Loppersum BV",
        started_on=datetime.date(2015, 3, 1),
    )
    world.education = profiles_services.education_add(
        profile=profile,
        title="Logistiek medewerker",
        level="mbo2",
        institution="Noorderpoort",
        completed=True,
    )
    for organisation in (world.employer, world.desk):
        accounts_services.consent_grant(resident=resident, organisation=organisation, purpose="view_profile")

    today = timezone.localdate()
    world.module = modules.module_create(
        provider=world.school,
        code="DIG-01",
        title="Werken met de computer in de afvalverwerking",
        description="U leert een weegsysteem en een digitaal volgsysteem gebruiken.",
        hours=24,
        price_cents=45000,
        mode="blended",
        nlqf_level=2,
        municipality=world.municipality,
        status="published",
        competencies={world.competency: 2},
        starts=[modules.StartInput(start_date=today + datetime.timedelta(days=30), seats=12)],
    )
    world.certificate = certificates.certificate_create(
        provider=world.school, title="Digitaal werken in de afvalverwerking", modules=[world.module]
    )
    world.diploma = certificates.diploma_create(
        provider=world.school,
        title="Medewerker circulaire economie",
        level="mbo",
        certificates=[world.certificate],
    )
    world.practical_offer = practical.practical_offer_create(
        provider=world.employer,
        kind="machines",
        title="Leren op onze sorteerlijn",
        capacity=4,
        municipality=world.municipality,
        competencies={world.competency: 2},
    )
    world.opportunity = opportunities_services.opportunity_create(
        organisation=world.employer,
        kind="vacancy",
        title="Medewerker digitale afvalverwerking",
        description="U werkt met ons nieuwe weegsysteem en leert het op de werkvloer.",
        municipality=world.municipality,
        hours_per_week=32,
        competencies=[opportunities_services.CompetencyRequirement(competency=world.competency, level=2)],
    )
    return world
