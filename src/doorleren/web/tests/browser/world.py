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

    # --- matching:candidates: a near candidate for the opportunity (level 1 of 2; the module above
    # teaches level 2 in 24 hours), with consent to the employer only. Anne is the full candidate.
    near_resident = UserFactory(
        username="demo-resident-bijna",
        first_name="Piet",
        last_name="Jansen",
        role="resident",
        password=PASSWORD,
    )
    near_profile = profiles_services.profile_create(
        user=near_resident,
        status="job_seeker",
        municipality=world.municipality,
        hours_per_week=32,
        max_travel_km=25,
        looking_for_work=True,
    )
    profiles_services.resident_competency_add(
        profile=near_profile, competency=world.competency, level=1, source="work", evidence="self_assessed"
    )
    accounts_services.consent_grant(
        resident=near_resident, organisation=world.employer, purpose="view_profile"
    )
    # --- end matching:candidates

    # --- matching:saved_routes: a learning route Anne kept ("Mijn leerroutes"), to a competency she
    # lacks, through a second (online) module.
    from doorleren.matching import selectors as matching_selectors
    from doorleren.matching import services as matching_services

    safety = taxonomy_selectors.competency_list().exclude(pk=world.competency.pk).order_by("code").first()
    modules.module_create(
        provider=world.school,
        code="VEI-01",
        title="Veilig werken op de sorteerlijn",
        hours=16,
        price_cents=25000,
        mode="online",
        status="published",
        competencies={safety: 2},
    )
    goal = matching_selectors.route_goal_for_competencies(levels={safety.code: 2})
    world.saved_route = matching_services.saved_route_create(
        resident=resident, route=matching_selectors.learning_route(profile=profile, goal=goal)
    )
    world.finish_by = today + datetime.timedelta(days=400)  # an end date for "Wat moet ik leren?"
    # --- end matching:saved_routes

    # --- budgets: a funder with two rules; Anne got one of them ("Mijn budgetten", "Wie betaalt wat?")
    from doorleren.budgets import services as budgets_services

    llo = budgets_services.funder_create(name="Regionaal LLO-budget", kind="regional_llo")
    budgets_services.funder_pool_fund(funder=llo, amount_cents=1_000_000, reason="Budget voor dit jaar")
    schooling = budgets_services.grant_rule_create(
        funder=llo,
        name="Scholing in de regio",
        amount_cents=30_000,
        valid_from=today - datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=365),
    )
    budgets_services.grant_rule_create(
        funder=llo,
        name="Digitale basisvaardigheden",
        amount_cents=25_000,
        valid_from=today - datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=365),
        max_nlqf_level=2,
    )
    world.budget = budgets_services.budget_grant(rule=schooling, resident=resident, actor=None)
    # --- end budgets
    # --- budgets: fair allocation ("Schaars geld eerlijk verdelen"): an allocated round (Piet got the
    # money, Anne did not: fewer points), a closed round with Anne's application that the programme
    # office can allocate, and an open round Anne can apply to.
    from doorleren.budgets import services as allocation_services

    scarce = allocation_services.grant_rule_create(
        funder=llo,
        name="Scholing bij weinig geld",
        amount_cents=40_000,
        valid_from=today - datetime.timedelta(days=60),
        valid_until=today + datetime.timedelta(days=365),
    )
    world.allocation_round_allocated = allocation_services.allocation_round_create(
        rule=scarce,
        name="Voorjaarsronde",
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today - datetime.timedelta(days=10),
        money_cents=40_000,
        actor=None,
        today=today - datetime.timedelta(days=30),
    )
    world.allocation_round_closed = allocation_services.allocation_round_create(
        rule=scarce,
        name="Zomerronde",
        opens_on=today - datetime.timedelta(days=9),
        closes_on=today - datetime.timedelta(days=1),
        money_cents=80_000,
        actor=None,
        today=today - datetime.timedelta(days=9),
    )
    world.allocation_round_open = allocation_services.allocation_round_create(
        rule=scarce,
        name="Najaarsronde",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=14),
        money_cents=120_000,
        actor=None,
    )
    for person in (resident, near_resident):
        allocation_services.budget_application_submit(
            round=world.allocation_round_allocated,
            resident=person,
            actor=person,
            today=today - datetime.timedelta(days=20),
        )
    allocation_services.budget_application_submit(
        round=world.allocation_round_closed,
        resident=resident,
        actor=resident,
        today=today - datetime.timedelta(days=5),
    )
    world.allocation_round_allocated = allocation_services.allocation_round_allocate(
        round=world.allocation_round_allocated, actor=None
    )
    # --- end budgets: fair allocation

    # --- enrolments: Anne enrolled for the school's module (her budget pays part, she pays the rest), and
    # for the online safety module, which the school confirmed has started.
    from doorleren.enrolments import services as enrolments_services
    from doorleren.learning.models import Module

    world.enrolment = enrolments_services.enrolment_create(
        resident=resident, module=world.module, start=None, idempotency_key="world-1", actor=resident
    )
    world.started_enrolment = enrolments_services.enrolment_confirm_start(
        enrolment=enrolments_services.enrolment_create(
            resident=resident,
            module=Module.objects.get(provider=world.school, code="VEI-01"),
            start=None,
            idempotency_key="world-2",
            actor=resident,
        ),
        actor=world.users["school"],
    )
    # --- end enrolments
    # --- fund: an open call of the regional fund with three applications of the employer (lead) and the
    # school (partner): a draft, one in review (one review by another office user; the programme office
    # user can still review it) and one paid (the employer can report spending).
    from doorleren.fund import selectors as fund_selectors
    from doorleren.fund import services as fund_services

    fund_money = budgets_services.funder_create(
        name="Regionaal fonds Werken aan ontwikkeling", kind="regional_llo"
    )
    budgets_services.funder_pool_fund(
        funder=fund_money, amount_cents=500_000_00, reason="Fonds voor dit jaar"
    )
    # The programme lines come from a data migration, which a live-server test's flush wipes: load them.
    fund_services.programme_plan_load()
    fund_line = fund_selectors.programme_lines().get(code="kwalificerend-onderwijs")
    world.fund_call = fund_services.fund_call_create(
        actor=None,
        funder=fund_money,
        title="Leren op de werkvloer",
        description="Samen modules maken en geven op de werkvloer.",
        programme_line=fund_line,
        indicators=list(fund_line.indicators.all()),
        ceiling_cents=200_000_00,
        max_per_application_cents=50_000_00,
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=50),
        criteria=[
            fund_services.CriterionInput("Bereik", 2, 5),
            fund_services.CriterionInput("Samenwerking", 1, 5),
        ],
    )
    fund_reviewers = [
        UserFactory(username=f"demo-fonds-{n}", role="programme_office", password=PASSWORD) for n in (1, 2)
    ]

    def fund_application(title: str, *, submit: bool = True):
        made = fund_services.fund_application_create(
            actor=world.users["employer"],
            call=world.fund_call,
            lead_organisation=world.employer,
            title=title,
            summary="Medewerkers leren werken met het weegsysteem.",
            requested_cents=20_000_00,
            targets=dict.fromkeys(world.fund_call.indicators.all(), 12),
        )
        fund_services.consortium_member_add(
            actor=world.users["employer"], application=made, organisation=world.school
        )
        if submit:
            made = fund_services.fund_application_submit(actor=world.users["employer"], application=made)
            made = fund_services.fund_application_start_review(actor=fund_reviewers[0], application=made)
        return made

    world.fund_draft = fund_application("Digitaal wegen en volgen", submit=False)
    world.fund_in_review = fund_application("Sorteren met sensoren")
    criteria = list(world.fund_call.criteria.all())
    fund_services.review_submit(
        actor=fund_reviewers[0], application=world.fund_in_review, scores={c.pk: 4 for c in criteria}
    )
    world.fund_paid = fund_application("Veilig werken op de sorteerlijn")
    for reviewer in fund_reviewers:
        fund_services.review_submit(
            actor=reviewer, application=world.fund_paid, scores={c.pk: 3 for c in criteria}
        )
    world.fund_paid = fund_services.fund_application_decide(
        actor=fund_reviewers[0],
        application=world.fund_paid,
        grant=True,
        amount_cents=18_000_00,
        reason="Past goed bij de oproep.",
    )
    world.fund_paid = fund_services.fund_application_pay(actor=fund_reviewers[0], application=world.fund_paid)
    # --- end fund
    # --- enrolments, signals for coaches: the school shares its payout account with another school (an
    # open signal with its form), and two other schools share one that the coach already looked at.
    from doorleren.enrolments import selectors_anomalies
    from doorleren.enrolments import services as enrolments_anomaly_services
    from doorleren.organisations import services as organisations_services

    for organisation, account in (
        (world.school, "NL91ABNA0417164300"),
        (SchoolFactory(name="Leerhuis Noord"), "NL91ABNA0417164300"),
        (SchoolFactory(name="Cursushuis Zuid"), "NL44RABO0123456789"),
        (SchoolFactory(name="Leerpunt Oost"), "NL44RABO0123456789"),
    ):
        organisations_services.organisation_iban_set(organisation=organisation, iban=account, actor=None)
    looked_at = next(
        signal
        for signal in selectors_anomalies.anomalies_current()
        if "Cursushuis Zuid" in [provider.name for provider in signal.providers]
    )
    enrolments_anomaly_services.anomaly_review_create(
        fingerprint=looked_at.fingerprint,
        outcome="in_orde",
        reason="Twee vestigingen van dezelfde stichting.",
        actor=world.users["coach"],
    )
    # --- end signals
    # --- placement: practical assignments (docs/placement.md, "In het platform"). Henk's firm is a member
    # of an innovation workshop and organises two rounds: an open one (Anne chose an assignment) and an
    # allocated one (Anne and Piet were placed; Henk can record outcomes).
    from doorleren.placement import services as placement_services

    workshop = OrganisationFactory(
        kind="cooperative",
        name="Innovatiewerkplaats Loppersum",
        kvk_number="",
        size_class="",
        is_innovation_workshop=True,
    )
    placement_services.cooperative_member_add(cooperative=workshop, member=world.employer, actor=None)

    def practical(title: str):
        return opportunities_services.opportunity_create(
            organisation=world.employer,
            kind="practical_assignment",
            title=title,
            description="Met een team van lerenden verbeteren wij een stukje van ons werk.",
            municipality=world.municipality,
            hours_per_week=8,
            team_size=2,
            competencies=[opportunities_services.CompetencyRequirement(competency=world.competency, level=2)],
        )

    def placement_round(name: str):
        return placement_services.placement_round_create(
            organiser=world.employer,
            actor=None,
            name=name,
            apply_from=today - datetime.timedelta(days=3),
            apply_until=today + datetime.timedelta(days=10),
            reserved_students=0,
            reserved_workers=1,
        )

    world.placement_open = placement_round("Praktijkopdrachten najaar")
    world.placement_assignment = placement_services.round_assignment_add(
        round=world.placement_open, opportunity=practical("Sorteren met sensoren"), actor=None
    )
    placement_services.round_assignment_add(
        round=world.placement_open, opportunity=practical("Digitaal wegen"), actor=None
    )
    placement_services.learner_choices_set(
        round=world.placement_open,
        learner=resident,
        assignment_ids=[world.placement_assignment.pk],
        actor=None,
    )
    world.placement_allocated = placement_round("Praktijkopdrachten voorjaar")
    world.placement_team_assignment = placement_services.round_assignment_add(
        round=world.placement_allocated, opportunity=practical("Afval in beeld"), actor=None
    )
    for person in (resident, near_resident):
        placement_services.learner_choices_set(
            round=world.placement_allocated,
            learner=person,
            assignment_ids=[world.placement_team_assignment.pk],
            actor=None,
        )
    placement_services.placement_round_close(round=world.placement_allocated, actor=None)
    world.placement_allocated = placement_services.placement_round_allocate(
        round=world.placement_allocated, actor=None
    )
    # The organiser's pages: Fatima (school) also works for the workshop and adds its members.
    world.placement_workshop = workshop
    MembershipFactory(user=world.users["school"], organisation=workshop)
    # --- end placement
    # --- workforce: Henk's company scan (docs/workforce.md): the role "Sorteerder" with Anne, who confirmed
    # it and shares her plan, and a proposed plan (a module teaches the level the role needs).
    from doorleren.workforce import services as workforce_services

    employer_user = world.users["employer"]
    modules.module_create(
        provider=world.school,
        code="DIG-02",
        title="Digitaal wegen en volgen",
        description="U leert zelf een weegsysteem instellen.",
        hours=16,
        price_cents=30000,
        mode="blended",
        nlqf_level=2,
        municipality=world.municipality,
        status="published",
        competencies={world.competency: 3},
    )
    world.workforce_role = workforce_services.company_role_create(
        organisation=world.employer,
        title="Sorteerder",
        regional_occupation=world.regional_occupation,
        actor=employer_user,
    )
    workforce_services.role_competency_set(
        role=world.workforce_role, competency=world.competency, level=3, horizon="now", actor=employer_user
    )
    invited = workforce_services.role_holder_invite(
        role=world.workforce_role, email=resident.email, actor=employer_user
    )
    world.workforce_holder = workforce_services.role_holder_accept(
        holder=invited, employee=resident, share_plan=True
    )
    world.workforce_plan = workforce_services.development_plan_propose(
        holder=world.workforce_holder, hours_per_week=4, actor=employer_user
    )
    # --- end workforce
    return world
