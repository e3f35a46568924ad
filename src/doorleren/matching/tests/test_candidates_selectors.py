"""Candidates and near candidates of an opportunity: only residents who consented to its organisation,
ranked and explained by the matching engine, with the module hours that would close their gaps."""

import pytest

from doorleren.accounts import services as accounts_services
from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.core.errors import ApplicationError
from doorleren.learning.models import ModulePrerequisite, PublicationStatus
from doorleren.learning.tests.factories import ModuleCompetencyFactory, ModuleFactory
from doorleren.matching.selectors_candidates import (
    candidate_overview,
    candidates_for_opportunity,
    module_routes,
    near_candidates_for_opportunity,
    opportunity_for_member,
)
from doorleren.opportunities.tests.factories import OpportunityCompetencyFactory, OpportunityFactory
from doorleren.organisations.tests.factories import GovernmentFactory, MembershipFactory, OrganisationFactory
from doorleren.profiles.tests.factories import (
    CompetencyFactory,
    ResidentCompetencyFactory,
    ResidentProfileFactory,
)
from doorleren.region.tests.factories import municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def comps():
    return {
        "lassen": CompetencyFactory(code="tech-lassen", label="Metaal lassen"),
        "plannen": CompetencyFactory(code="alg-plannen", label="Werk plannen"),
        "excel": CompetencyFactory(code="ict-excel", label="Werken met een rekenblad"),
        "zorg": CompetencyFactory(code="zorg-wassen", label="Mensen helpen bij wassen"),
    }


@pytest.fixture
def employer():
    return OrganisationFactory(name="Lasbedrijf Noord BV")


@pytest.fixture
def viewer(employer):
    return MembershipFactory(organisation=employer, user=UserFactory(role=Role.EMPLOYER)).user


@pytest.fixture
def opportunity(employer, comps):
    """The example of docs/matching.md: essential lassen 3, optional plannen 2 and Excel 1."""
    opportunity = OpportunityFactory(organisation=employer, title="Lasser", hours_per_week=24)
    for key, level, essential in (("lassen", 3, True), ("plannen", 2, False), ("excel", 1, False)):
        OpportunityCompetencyFactory(
            opportunity=opportunity, competency=comps[key], level=level, essential=essential
        )
    return opportunity


def resident(name, levels, comps, *, consent_to=None, **profile):
    """A resident with a profile in Groningen and these competency levels; consent to ``consent_to``."""
    profile = ResidentProfileFactory(
        user=UserFactory(role=Role.RESIDENT, first_name=name, last_name="Test"), **profile
    )
    for key, level in levels.items():
        ResidentCompetencyFactory(profile=profile, competency=comps[key], level=level)
    for organisation in consent_to or ():
        accounts_services.consent_grant(
            resident=profile.user, organisation=organisation, purpose="view_profile"
        )
    return profile.user


def _names(rows):
    return [row.resident.first_name for row in rows]


def test_candidates_are_ranked_by_the_engine_score(viewer, employer, opportunity, comps):
    resident("Anne", {"lassen": 2, "plannen": 2}, comps, consent_to=[employer])  # 7/12
    resident("Bob", {"lassen": 3, "plannen": 2, "excel": 1}, comps, consent_to=[employer])  # 1
    resident("Cor", {"plannen": 2}, comps, consent_to=[employer])  # 3/12
    resident("Dirk", {"zorg": 4}, comps, consent_to=[employer])  # 0: not listed

    found = candidates_for_opportunity(viewer=viewer, opportunity=opportunity)

    assert _names(found) == ["Bob", "Anne", "Cor"]
    assert [row.percent for row in found] == [100, 58, 25]
    assert found[1].score == pytest.approx(7 / 12)


def test_candidate_explanation_talks_about_the_person(viewer, employer, opportunity, comps):
    resident("Anne", {"lassen": 2, "plannen": 2}, comps, consent_to=[employer])
    (anne,) = candidates_for_opportunity(viewer=viewer, opportunity=opportunity)
    assert anne.sentences == [
        "Deze persoon kan 1 van de 3 dingen die nodig zijn.",
        "Hierin moet deze persoon nog beter worden: Metaal lassen (heeft niveau 2, nodig is niveau 3).",
        "Dit mist nog: Werken met een rekenblad.",
        "Dit is echt nodig voor dit werk: Metaal lassen.",
    ]


def test_equal_scores_keep_the_oldest_account_first(viewer, employer, opportunity, comps):
    first = resident("Zoë", {"lassen": 3}, comps, consent_to=[employer])
    second = resident("Aart", {"lassen": 3}, comps, consent_to=[employer])
    found = candidates_for_opportunity(viewer=viewer, opportunity=opportunity)
    assert [row.resident for row in found] == [first, second]


def test_only_residents_who_consented_to_this_organisation_appear(viewer, employer, opportunity, comps):
    other = OrganisationFactory()
    desk = GovernmentFactory()
    MembershipFactory(organisation=desk, user=viewer)  # the viewer is also a member of the desk
    strong = {"lassen": 3, "plannen": 2, "excel": 1}
    resident("Ja", strong, comps, consent_to=[employer])
    resident("Geen", strong, comps)
    resident("Ander", strong, comps, consent_to=[other])
    resident("Loket", strong, comps, consent_to=[desk])  # the viewer sees her, but not for this work
    revoked = resident("Ingetrokken", strong, comps, consent_to=[employer])
    accounts_services.consent_revoke(resident=revoked, organisation=employer, purpose="view_profile")
    contact = resident("Contact", strong, comps)
    accounts_services.consent_grant(resident=contact, organisation=employer, purpose="contact")
    inactive = resident("Weg", strong, comps, consent_to=[employer])
    inactive.is_active = False
    inactive.save()
    near_only = resident("Bijna", {"lassen": 2}, comps)  # no consent: never near either
    ModuleCompetencyFactory(competency=comps["lassen"], level=3, module=ModuleFactory(hours=8))
    ModuleCompetencyFactory(competency=comps["excel"], level=1, module=ModuleFactory(hours=8))
    ModuleCompetencyFactory(competency=comps["plannen"], level=2, module=ModuleFactory(hours=8))

    overview = candidate_overview(viewer=viewer, opportunity=opportunity, max_hours=2000)

    assert _names(overview.candidates) == ["Ja"]
    assert overview.near == []
    assert overview.near_total == 0
    assert near_only.first_name not in _names(overview.near)


def test_a_viewer_outside_the_organisation_gets_nobody(employer, opportunity, comps):
    resident("Anne", {"lassen": 3}, comps, consent_to=[employer])
    outsider = MembershipFactory(user=UserFactory(role=Role.EMPLOYER)).user
    assert candidates_for_opportunity(viewer=outsider, opportunity=opportunity) == []
    assert near_candidates_for_opportunity(viewer=outsider, opportunity=opportunity, max_hours=2000) == (
        [],
        0,
    )


def test_residents_wishes_filter_the_candidates(viewer, employer, opportunity, comps):
    levels = {"lassen": 3}
    resident("Past", levels, comps, consent_to=[employer])
    resident("Minder uren", levels, comps, consent_to=[employer], hours_per_week=16)
    resident(
        "Te ver", levels, comps, consent_to=[employer], municipality=municipality("GM1950"), max_travel_km=10
    )
    resident("Geen wensen", levels, comps, consent_to=[employer], hours_per_week=None, max_travel_km=None)
    found = candidates_for_opportunity(viewer=viewer, opportunity=opportunity)
    assert _names(found) == ["Past", "Geen wensen"]


def test_opportunity_for_member(viewer, opportunity):
    assert opportunity_for_member(viewer=viewer, pk=opportunity.pk) == opportunity

    outsider = MembershipFactory(user=UserFactory(role=Role.EMPLOYER)).user
    with pytest.raises(ApplicationError) as error:
        opportunity_for_member(viewer=outsider, pk=opportunity.pk)
    assert error.value.status == 403

    with pytest.raises(ApplicationError) as error:
        opportunity_for_member(viewer=viewer, pk=opportunity.pk + 1000)
    assert error.value.status == 404


def test_a_resident_member_never_sees_candidates(employer, opportunity):
    member = MembershipFactory(organisation=employer, user=UserFactory(role=Role.RESIDENT)).user
    with pytest.raises(ApplicationError) as error:
        opportunity_for_member(viewer=member, pk=opportunity.pk)
    assert error.value.status == 403


@pytest.fixture
def offer(comps):
    """Lassen 3: 40 hours alone, or 10 + 20 hours with a prerequisite (shorter). Excel 1: 8 hours."""
    long_one = ModuleFactory(title="Lassen in één keer", hours=40)
    ModuleCompetencyFactory(module=long_one, competency=comps["lassen"], level=3)
    intro = ModuleFactory(title="Veilig werken in de werkplaats", hours=10)
    advanced = ModuleFactory(title="Lassen gevorderd", hours=20)
    ModuleCompetencyFactory(module=advanced, competency=comps["lassen"], level=3)
    ModulePrerequisite.objects.create(module=advanced, required=intro)
    excel = ModuleFactory(title="Rekenblad voor beginners", hours=8)
    ModuleCompetencyFactory(module=excel, competency=comps["excel"], level=1)
    draft = ModuleFactory(title="Concept", hours=1, status=PublicationStatus.DRAFT)
    ModuleCompetencyFactory(module=draft, competency=comps["plannen"], level=2)
    return {"long": long_one, "intro": intro, "advanced": advanced, "excel": excel}


def test_module_routes_count_prerequisites_and_skip_drafts(comps, offer):
    routes = module_routes(codes={"tech-lassen", "ict-excel", "alg-plannen"})
    assert routes[("tech-lassen", 3)] == (30, (offer["intro"], offer["advanced"]))
    assert routes[("tech-lassen", 1)] == (30, (offer["intro"], offer["advanced"]))
    assert routes[("ict-excel", 1)] == (8, (offer["excel"],))
    assert ("alg-plannen", 2) not in routes


def test_near_candidates_need_the_fewest_hours_first(viewer, employer, opportunity, comps, offer):
    resident("Anne", {"lassen": 2, "plannen": 2}, comps, consent_to=[employer])  # lassen 30 + excel 8
    resident("Bob", {"lassen": 3, "plannen": 2}, comps, consent_to=[employer])  # excel 8
    resident("Cor", {"lassen": 3, "plannen": 2, "excel": 1}, comps, consent_to=[employer])  # complete
    resident("Dirk", {"lassen": 3, "excel": 1}, comps, consent_to=[employer])  # plannen: no module

    near, total = near_candidates_for_opportunity(viewer=viewer, opportunity=opportunity, max_hours=80)

    assert total == 2
    assert _names(near) == ["Bob", "Anne"]
    assert [row.hours for row in near] == [8, 38]
    anne = near[1]
    assert anne.percent == 58
    assert [(step.competency.label, step.have, step.need, step.hours) for step in anne.steps] == [
        ("Metaal lassen", 2, 3, 30),
        ("Werken met een rekenblad", 0, 1, 8),
    ]
    assert anne.steps[0].modules == (offer["intro"], offer["advanced"])
    assert anne.steps[0].essential
    assert anne.steps[0].sentence == "Heeft niveau 2. Nodig is niveau 3."
    assert anne.steps[1].sentence == "Heeft dit nog niet. Nodig is niveau 1."
    assert anne.sentences[0] == "Deze persoon kan 1 van de 3 dingen die nodig zijn."


def test_near_candidates_stay_within_the_hours(viewer, employer, opportunity, comps, offer):
    resident("Anne", {"lassen": 2, "plannen": 2}, comps, consent_to=[employer])  # 38 hours
    resident("Bob", {"lassen": 3, "plannen": 2}, comps, consent_to=[employer])  # 8 hours
    assert _names(
        near_candidates_for_opportunity(viewer=viewer, opportunity=opportunity, max_hours=37)[0]
    ) == ["Bob"]
    assert _names(
        near_candidates_for_opportunity(viewer=viewer, opportunity=opportunity, max_hours=38)[0]
    ) == [
        "Bob",
        "Anne",
    ]
    assert near_candidates_for_opportunity(viewer=viewer, opportunity=opportunity, max_hours=7) == ([], 0)


def test_near_candidates_are_cut_at_the_limit_but_counted(viewer, employer, opportunity, comps, offer):
    for name in ("Een", "Twee", "Drie"):
        resident(name, {"lassen": 3, "plannen": 2}, comps, consent_to=[employer])
    near, total = near_candidates_for_opportunity(
        viewer=viewer, opportunity=opportunity, max_hours=80, limit=2
    )
    assert _names(near) == ["Een", "Twee"]
    assert total == 3


def test_opportunity_without_requirements_has_no_candidates(viewer, employer, comps):
    empty = OpportunityFactory(organisation=employer)
    resident("Anne", {"lassen": 3}, comps, consent_to=[employer])
    overview = candidate_overview(viewer=viewer, opportunity=empty, max_hours=80)
    assert overview.requirement_count == 0
    assert overview.candidates == []
    assert overview.near == []


def test_bad_hours_give_no_near_list(viewer, employer, opportunity, comps):
    resident("Anne", {"lassen": 3}, comps, consent_to=[employer])
    overview = candidate_overview(viewer=viewer, opportunity=opportunity, max_hours=None)
    assert overview.near is None
    assert _names(overview.candidates) == ["Anne"]
