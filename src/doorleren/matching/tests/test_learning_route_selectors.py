"""``matching.selectors.learning_route``: the cheapest modules from a resident to a regional occupation."""

import pytest

from doorleren.learning.models import ModulePrerequisite, PublicationStatus
from doorleren.learning.tests.factories import CertificateFactory, ModuleCompetencyFactory, ModuleFactory
from doorleren.matching import selectors
from doorleren.profiles.tests.factories import ResidentCompetencyFactory, ResidentProfileFactory
from doorleren.taxonomy.tests.factories import (
    CompetencyFactory,
    RegionalOccupationCompetencyFactory,
    RegionalOccupationFactory,
)

pytestmark = pytest.mark.django_db


def _module(title, *, price_cents, hours=10, teaches=None, requires=(), status=PublicationStatus.PUBLISHED):
    module = ModuleFactory(title=title, price_cents=price_cents, hours=hours, status=status)
    for competency, level in (teaches or {}).items():
        ModuleCompetencyFactory(module=module, competency=competency, level=level)
    for required in requires:
        ModulePrerequisite.objects.create(module=module, required=required)
    return module


def _occupation(**needs):
    occupation = RegionalOccupationFactory(label="Operator")
    for competency, level in needs.values():
        RegionalOccupationCompetencyFactory(
            regional_occupation=occupation, competency=competency, level=level
        )
    return selectors.regional_occupation_for_route(code=occupation.code)


@pytest.fixture
def computer():
    return CompetencyFactory(code="ict-computer", label="Werken met de computer")


@pytest.fixture
def safety():
    return CompetencyFactory(code="veilig-werken", label="Veilig werken")


def test_the_cheapest_modules_are_chosen_with_totals_and_weeks(computer, safety):
    profile = ResidentProfileFactory(hours_per_week=8)
    ResidentCompetencyFactory(profile=profile, competency=computer, level=1)
    both = _module("Alles in een keer", price_cents=90000, teaches={computer: 3, safety: 2})
    cheap_computer = _module("Computer", price_cents=30000, hours=20, teaches={computer: 3})
    cheap_safety = _module("Veiligheid", price_cents=20000, hours=5, teaches={safety: 2})
    _module("Te laag", price_cents=100, teaches={computer: 2})

    route = selectors.learning_route(profile=profile, occupation=_occupation(a=(computer, 3), b=(safety, 2)))

    assert route.status == selectors.ROUTE
    assert set(route.modules) == {cheap_computer, cheap_safety}
    assert both not in route.modules
    assert route.cost_cents == 50000
    assert route.hours == 25
    assert route.weeks == 4  # 25 hours at 8 hours a week
    assert route.proven_optimal is True
    assert route.uncovered == ()
    sentences = {step.competency.code: step.sentence for step in route.steps}
    assert sentences["ict-computer"] == (
        "U kunt nu niveau 1. Voor dit beroep is niveau 3 nodig. De module Computer brengt u op niveau 3."
    )
    assert sentences["veilig-werken"].startswith("U heeft deze competentie nog niet.")


def test_prerequisites_come_first_and_count_in_the_cost(computer):
    profile = ResidentProfileFactory(hours_per_week=None)
    basis = _module("Basis", price_cents=10000, hours=4)
    advanced = _module("Gevorderd", price_cents=20000, hours=16, teaches={computer: 3}, requires=[basis])
    _module("Duur maar zonder voorkennis", price_cents=35000, teaches={computer: 3})

    route = selectors.learning_route(profile=profile, occupation=_occupation(a=(computer, 3)))

    assert route.modules == (basis, advanced)
    assert route.cost_cents == 30000
    assert route.hours == 20
    assert route.weeks is None


def test_a_module_that_needs_an_unpublished_module_is_not_offered(computer):
    draft = _module("Concept", price_cents=100, status=PublicationStatus.DRAFT)
    _module("Goedkoop, maar na een concept", price_cents=1000, teaches={computer: 2}, requires=[draft])
    open_module = _module("Open", price_cents=50000, teaches={computer: 2})

    route = selectors.learning_route(
        profile=ResidentProfileFactory(), occupation=_occupation(a=(computer, 2))
    )

    assert route.modules == (open_module,)


def test_a_competency_no_module_teaches_is_named_and_the_rest_still_gets_a_route(computer, safety):
    course = _module("Computer", price_cents=30000, teaches={computer: 3})
    _module("Veiligheid, maar te laag", price_cents=100, teaches={safety: 1})

    route = selectors.learning_route(
        profile=ResidentProfileFactory(), occupation=_occupation(a=(computer, 3), b=(safety, 3))
    )

    assert route.status == selectors.PARTIAL
    assert route.modules == (course,)
    assert [step.competency for step in route.uncovered] == [safety]
    assert "Er is in de regio nog geen module die u op niveau 3 brengt." in route.uncovered[0].sentence


def test_a_resident_already_at_the_level_has_nothing_to_learn(computer):
    profile = ResidentProfileFactory()
    ResidentCompetencyFactory(profile=profile, competency=computer, level=4)
    _module("Computer", price_cents=30000, teaches={computer: 3})

    route = selectors.learning_route(profile=profile, occupation=_occupation(a=(computer, 3)))

    assert route.status == selectors.NOTHING_TO_LEARN
    assert route.modules == ()
    assert route.steps == ()
    assert route.cost_cents == 0


def test_competencies_that_are_only_handy_do_not_count(computer, safety):
    occupation = RegionalOccupationFactory()
    RegionalOccupationCompetencyFactory(regional_occupation=occupation, competency=computer, level=2)
    RegionalOccupationCompetencyFactory(
        regional_occupation=occupation, competency=safety, level=2, essential=False
    )
    _module("Computer", price_cents=1000, teaches={computer: 2})

    route = selectors.learning_route(
        profile=ResidentProfileFactory(),
        occupation=selectors.regional_occupation_for_route(code=occupation.code),
    )

    assert [step.competency for step in route.steps] == [computer]
    assert route.status == selectors.ROUTE


def test_on_equal_cost_the_route_completes_a_certificate(computer):
    first = _module("A", price_cents=1000, hours=10, teaches={computer: 2})
    second = _module("B", price_cents=1000, hours=10, teaches={computer: 2})
    certificate = CertificateFactory(modules=[second])

    route = selectors.learning_route(
        profile=ResidentProfileFactory(), occupation=_occupation(a=(computer, 2))
    )

    assert route.modules == (second,)
    assert first not in route.modules
    assert route.certificate_ids == (certificate.pk,)
