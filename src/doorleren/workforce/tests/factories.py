"""A small world for the workforce tests: Henk's firm, Anne (an employee), an occupation from the map,
modules that teach what the role needs, and one budget of Anne. Built with the other apps' factories
and services, so it follows their rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from doorleren.accounts import services as accounts_services
from doorleren.accounts.tests.factories import UserFactory
from doorleren.budgets import services as budgets_services
from doorleren.learning.tests.factories import ModuleCompetencyFactory, ModuleFactory
from doorleren.organisations.tests.factories import MembershipFactory, OrganisationFactory
from doorleren.profiles.tests.factories import ResidentCompetencyFactory, ResidentProfileFactory
from doorleren.taxonomy.models import CompetencyDemand
from doorleren.taxonomy.tests.factories import (
    CompetencyDemandFactory,
    CompetencyFactory,
    RegionalOccupationCompetencyFactory,
    RegionalOccupationFactory,
    SectorFactory,
)
from doorleren.workforce import services

SHARE = "share_development_plan"
BUDGET_CENTS = 400_00


@dataclass
class World:
    firm: object
    henk: object
    other_firm: object
    other_employer: object
    anne: object
    stranger: object
    occupation: object
    sort: object
    computer: object
    track: object
    computer_module: object
    track_module: object
    budget: object


def build_world() -> World:
    waste = SectorFactory(code="afval-circulair", label="Afval en circulaire economie")
    basic = SectorFactory(code="basisvaardigheden", label="Basisvaardigheden")
    sort = CompetencyFactory(code="afval-sorteren", label="Afval sorteren")
    computer = CompetencyFactory(code="ict-basis-computer", label="Werken met de computer", kind="basic")
    track = CompetencyFactory(code="afval-digitaal-volgen", label="Afval digitaal volgen")
    CompetencyDemandFactory(competency=sort, sector=waste, trend=CompetencyDemand.Trend.STABLE)
    CompetencyDemandFactory(competency=computer, sector=basic, trend=CompetencyDemand.Trend.GROWS)
    CompetencyDemandFactory(competency=track, sector=waste, trend=CompetencyDemand.Trend.GROWS)
    occupation = RegionalOccupationFactory(
        code="medewerker-afvalsortering", label="Medewerker afvalsortering", sector=waste
    )
    RegionalOccupationCompetencyFactory(
        regional_occupation=occupation, competency=sort, level=2, essential=True
    )
    RegionalOccupationCompetencyFactory(
        regional_occupation=occupation, competency=track, level=2, essential=True
    )
    RegionalOccupationCompetencyFactory(
        regional_occupation=occupation, competency=computer, level=1, essential=False
    )

    computer_module = ModuleFactory(title="Werken met de computer", price_cents=300_00, hours=20)
    ModuleCompetencyFactory(module=computer_module, competency=computer, level=2)
    track_module = ModuleFactory(title="Afval digitaal volgen", price_cents=500_00, hours=30)
    ModuleCompetencyFactory(module=track_module, competency=track, level=3)

    firm = OrganisationFactory(name="Wierde Afval & Energie B.V.", sector_code="afval-circulair")
    henk = UserFactory(username="henk", first_name="Henk", last_name="Mennega", role="employer")
    MembershipFactory(user=henk, organisation=firm, role="admin")
    other_firm = OrganisationFactory(name="Ander Bedrijf BV")
    other_employer = UserFactory(username="ander", role="employer")
    MembershipFactory(user=other_employer, organisation=other_firm)

    profile = ResidentProfileFactory(
        user__username="anne",
        user__first_name="Anne",
        user__last_name="Hovinga",
        user__email="anne@voorbeeld.nl",
        status="worker",
    )
    anne = profile.user
    ResidentCompetencyFactory(profile=profile, competency=sort, level=2)
    ResidentCompetencyFactory(profile=profile, competency=track, level=1)
    stranger = ResidentProfileFactory(user__username="bert", user__email="bert@voorbeeld.nl").user

    today = timezone.localdate()
    funder = budgets_services.funder_create(name="Regionaal leerbudget", kind="regional_llo")
    budgets_services.funder_pool_fund(funder=funder, amount_cents=10_000_00, reason="Startbedrag")
    rule = budgets_services.grant_rule_create(
        funder=funder,
        name="Leren in de regio",
        amount_cents=BUDGET_CENTS,
        valid_from=today - dt.timedelta(days=30),
        valid_until=today + dt.timedelta(days=3 * 365),
    )
    budget = budgets_services.budget_grant(rule=rule, resident=anne, actor=None, today=today)
    return World(
        firm=firm,
        henk=henk,
        other_firm=other_firm,
        other_employer=other_employer,
        anne=anne,
        stranger=stranger,
        occupation=occupation,
        sort=sort,
        computer=computer,
        track=track,
        computer_module=computer_module,
        track_module=track_module,
        budget=budget,
    )


def role_with_anne(world: World, *, share: bool = True):
    """The role "Sorteerder" from the map, with Anne confirmed in it (sharing her plan when ``share``)."""
    role = services.company_role_create(
        organisation=world.firm, title="Sorteerder", regional_occupation=world.occupation, actor=world.henk
    )
    holder = services.role_holder_invite(role=role, email="Anne@Voorbeeld.nl", actor=world.henk)
    holder = services.role_holder_accept(holder=holder, employee=world.anne, share_plan=share)
    return role, holder


def proposed_plan(world: World, *, share: bool = True):
    role, holder = role_with_anne(world, share=share)
    plan = services.development_plan_propose(holder=holder, hours_per_week=4, actor=world.henk)
    return role, holder, plan


def revoke_share(world: World) -> None:
    accounts_services.consent_revoke(resident=world.anne, organisation=world.firm, purpose=SHARE)
