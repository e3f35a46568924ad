"""What the demo contains: the personas, a sound learning offer, plausible residents and vacancies."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from doorleren.accounts.selectors import can_view_resident
from doorleren.learning.models import Certificate, Diploma, Module, ModulePrerequisite, ModuleStart
from doorleren.opportunities.models import Opportunity, OpportunityCompetency
from doorleren.organisations.models import Membership, Organisation, OrganisationKind, SizeClass
from doorleren.profiles.models import ResidentCompetency, ResidentProfile, WorkExperience
from doorleren.taxonomy.models import RegionalOccupationCompetency

from .conftest import TODAY

User = get_user_model()


def test_anne_lives_in_eemsdelta_works_in_waste_and_is_weak_at_computers(small_demo):
    anne = User.objects.get(username="anne")
    profile = anne.resident_profile
    assert profile.municipality.name == "Eemsdelta"
    assert profile.status == "worker"
    assert TODAY.year - profile.birth_year == 35
    assert profile.looking_for_learning
    levels = dict(ResidentCompetency.objects.filter(profile=profile).values_list("competency__code", "level"))
    assert levels["ict-basis-computer"] == 1
    assert levels["taal-lezen-korte-teksten"] == 1
    assert levels["afval-sorteren"] >= 2
    assert "ict-digitalisering" in set(profile.preferred_sectors.values_list("code", flat=True))
    job = WorkExperience.objects.get(profile=profile, ended_on__isnull=True)
    assert job.employer_name == "Wierde Afval & Energie B.V."
    assert "Loppersum" in job.description


def test_anne_finds_a_free_computer_course_in_eemsdelta(small_demo):
    assert Module.objects.filter(
        competency_links__competency__code="ict-basis-computer",
        competency_links__level=1,
        price_cents=0,
        municipality__name="Eemsdelta",
        status="published",
    ).exists()


def test_henk_is_member_of_annes_small_waste_company_in_the_cooperative(small_demo):
    henk = User.objects.get(username="henk")
    assert henk.role == "employer"
    company = Organisation.objects.get(memberships__user=henk)
    assert company.kind == OrganisationKind.EMPLOYER
    assert company.sector_code == "afval-circulair"
    assert company.size_class == SizeClass.MICRO
    assert company.municipality.name == "Eemsdelta"
    assert "Loppersum" in company.description
    assert company.joined_cooperative_at is not None
    assert can_view_resident(viewer=henk, resident=User.objects.get(username="anne"))


def test_the_coach_sees_a_few_residents_and_the_programme_office_none(db):
    from doorleren.accounts.selectors import residents_visible_to
    from doorleren.demo.services import demo_build

    from .conftest import SMALL

    demo_build(seed=4, **{**SMALL, "residents": 300})
    coach = User.objects.get(username="coach")
    visible = residents_visible_to(viewer=coach)
    assert 1 <= visible.count() < 300
    assert User.objects.get(username="anne") in visible
    assert residents_visible_to(viewer=User.objects.get(username="programmabureau")).count() == 0


def test_module_prerequisites_have_no_cycles(small_demo):
    graph: dict[int, list[int]] = {}
    for module_id, required_id in ModulePrerequisite.objects.values_list("module_id", "required_id"):
        graph.setdefault(module_id, []).append(required_id)
    assert graph, "the demo has prerequisite chains"
    state: dict[int, str] = {}

    def visit(node: int) -> None:
        state[node] = "open"
        for child in graph.get(node, []):
            assert state.get(child) != "open", f"cycle through module {child}"
            if child not in state:
                visit(child)
        state[node] = "done"

    for node in graph:
        if node not in state:
            visit(node)
    longest = max(_depth(graph, node, {}) for node in graph)
    assert longest >= 2  # chains, not only single steps


def _depth(graph, node, memo) -> int:
    if node not in memo:
        memo[node] = 1 + max((_depth(graph, child, memo) for child in graph.get(node, [])), default=0)
    return memo[node]


def test_certificates_and_diplomas_stack_validly(small_demo):
    for certificate in Certificate.objects.prefetch_related("modules"):
        modules = list(certificate.modules.all())
        assert len(modules) >= 2
        assert {m.provider_id for m in modules} == {certificate.provider_id}
    for diploma in Diploma.objects.prefetch_related("certificates", "required_certificates"):
        listed = {c.pk for c in diploma.certificates.all()}
        required = {c.pk for c in diploma.required_certificates.all()}
        assert diploma.provider.kind == OrganisationKind.SCHOOL
        assert len(listed) >= 2
        assert required <= listed
        minimum = diploma.min_certificates or len(listed)
        assert len(required) <= minimum <= len(listed)
        assert {c.provider_id for c in diploma.certificates.all()} == {diploma.provider_id}


def test_modules_have_whole_cent_prices_hours_levels_and_starts_in_the_coming_year(small_demo):
    for module in Module.objects.all():
        assert isinstance(module.price_cents, int)
        assert 0 <= module.price_cents <= 250_000
        assert 4 <= module.hours <= 200
        assert 1 <= module.nlqf_level <= 6
        assert (module.municipality_id is None) == (module.mode == "online")
    starts = ModuleStart.objects.values_list("start_date", flat=True)
    assert starts and all(0 < (day - TODAY).days <= 366 for day in starts)
    assert Module.objects.filter(price_cents=0).exists()  # free basic skills courses for Anne


def test_default_catalogue_sizes(db):
    from doorleren.demo.services import demo_build

    result = demo_build(seed=1, residents=20, vacancies=20, assignments=5, basic_jobs=5, today=TODAY)
    assert result.counts["modules"] >= 400
    assert result.counts["certificates"] >= 40
    assert result.counts["diplomas"] >= 10
    assert result.counts["employers"] == 300
    small = Organisation.objects.filter(
        kind="employer", size_class__in=[SizeClass.MICRO, SizeClass.SMALL]
    ).count()
    assert 0.75 <= small / 300 <= 0.95
    kvk = list(Organisation.objects.filter(kind="employer").values_list("kvk_number", flat=True))
    assert all(len(number) == 8 and number.isdigit() and number.startswith("99") for number in kvk)
    assert len(set(kvk)) == 300


def test_workers_have_competencies_of_their_occupation(small_demo):
    """A worker's current job is a regional occupation; most of what it asks is in their profile."""
    from doorleren.taxonomy.models import RegionalOccupation

    labels = {o.label: o.pk for o in RegionalOccupation.objects.all()}
    checked = 0
    for profile in ResidentProfile.objects.filter(status="worker").exclude(user__username="anne"):
        job = profile.work_experiences.filter(ended_on__isnull=True).first()
        asked = set(
            RegionalOccupationCompetency.objects.filter(
                regional_occupation_id=labels[job.job_title], essential=True
            ).values_list("competency_id", flat=True)
        )
        has = set(profile.competencies.values_list("competency_id", flat=True))
        assert asked <= has, job.job_title
        checked += 1
    assert checked > 10


def test_opportunities_ask_competencies_of_a_regional_occupation(small_demo):
    for opportunity in Opportunity.objects.all():
        asked = OpportunityCompetency.objects.filter(opportunity=opportunity)
        assert asked.exists()
        assert all(1 <= a.level <= 4 for a in asked)
        if opportunity.kind == "basic_job":
            assert all(a.level <= 2 for a in asked)
        if opportunity.kind == "practical_assignment":
            assert 3 <= opportunity.team_size <= 8


@pytest.mark.parametrize("username", ["school", "coach", "programmabureau", "henk"])
def test_every_demo_login_belongs_to_an_organisation(small_demo, username):
    assert Membership.objects.filter(user__username=username).exists()


def test_the_demo_has_the_programme_its_figures_and_five_years_of_history(small_demo):
    from doorleren.fund.models import ProgrammeLine
    from doorleren.monitoring.models import Measure, OutcomeFigure, StatSource, StatValue
    from doorleren.profiles.models import StatusChange

    lines_with_measures = set(Measure.objects.values_list("programme_line__code", flat=True))
    assert lines_with_measures == set(ProgrammeLine.objects.values_list("code", flat=True))
    plan = dict(
        StatValue.objects.filter(source=StatSource.PLAN, municipality=None).values_list(
            "indicator__code", "value"
        )
    )
    assert (plan["banen"], plan["zelfstandigen"], plan["netto-arbeidsparticipatie"]) == (
        339_000,
        34_500,
        Decimal("64.8"),
    )
    demo_values = StatValue.objects.filter(source=StatSource.DEMO)
    assert demo_values.exists()
    assert all(
        "demo" in (value.source_detail or "").lower() or "voorbeeld" in value.source_detail.lower()
        for value in demo_values[:50]
    )
    # Every resident has a situation history, some of it years old; figures were computed.
    assert StatusChange.objects.values("profile").distinct().count() == ResidentProfile.objects.count()
    assert StatusChange.objects.order_by("changed_on").first().changed_on.year <= TODAY.year - 3
    assert OutcomeFigure.objects.exists()
    assert small_demo.counts["measures"] == Measure.objects.count()
