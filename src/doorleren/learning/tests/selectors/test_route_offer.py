"""``route_offer``: the published modules a learning route may use."""

import pytest

from doorleren.learning import selectors, services
from doorleren.learning.models import ModulePrerequisite, PublicationStatus
from doorleren.learning.tests.factories import (
    CertificateFactory,
    CompetencyFactory,
    ModuleCompetencyFactory,
    ModuleFactory,
)

pytestmark = pytest.mark.django_db


def _requires(module, required):
    ModulePrerequisite.objects.create(module=module, required=required)


def test_lists_published_modules_with_what_they_teach_prerequisites_first():
    computer = CompetencyFactory(code="ict-computer")
    advanced = ModuleFactory(title="A gevorderd")
    basis = ModuleFactory(title="Z basis")
    _requires(advanced, basis)
    ModuleCompetencyFactory(module=advanced, competency=computer, level=3)
    ModuleFactory(title="Concept", status=PublicationStatus.DRAFT)

    offer = selectors.route_offer()

    assert [item.module for item in offer.modules] == [basis, advanced]
    assert offer.modules[1].teaches == {"ict-computer": 3}
    assert offer.modules[1].requires == (basis.pk,)
    assert offer.modules[0].teaches == {}
    assert offer.modules[0].requires == ()


def test_leaves_out_modules_that_need_an_unpublished_module_directly_or_further_back():
    draft = ModuleFactory(status=PublicationStatus.DRAFT)
    first = ModuleFactory()
    second = ModuleFactory()
    _requires(first, draft)
    _requires(second, first)
    free = ModuleFactory()

    offer = selectors.route_offer()

    assert [item.module for item in offer.modules] == [free]


def test_names_only_certificates_whose_modules_are_all_in_the_offer():
    one, two = ModuleFactory(), ModuleFactory()
    complete = CertificateFactory(modules=[one, two])
    CertificateFactory(modules=[one, ModuleFactory(status=PublicationStatus.DRAFT)])

    offer = selectors.route_offer()

    assert offer.certificates == {complete.pk: tuple(sorted([one.pk, two.pk]))}


def test_needs_four_queries_whatever_the_size_and_then_only_the_version_check(django_assert_num_queries):
    for _ in range(5):
        module = ModuleFactory()
        ModuleCompetencyFactory(module=module)
        _requires(module, ModuleFactory())
    with django_assert_num_queries(5 + 4):  # five aggregates for the version, four to read
        first = selectors.route_offer()
    with django_assert_num_queries(5):
        assert selectors.route_offer() is first


def _teaches(module) -> dict:
    return next(item.teaches for item in selectors.route_offer().modules if item.module.pk == module.pk)


def test_the_kept_offer_follows_every_change_made_through_the_services():
    computer = CompetencyFactory(code="ict-computer")
    other = CompetencyFactory(code="ict-internet")
    module = ModuleFactory(title="Basis")
    needed = ModuleFactory(title="Nodig eerst")
    services.module_update(module=module, competencies={computer: 2})
    assert _teaches(module) == {"ict-computer": 2}

    services.module_update(module=module, competencies={computer: 3})  # same count, new level
    assert _teaches(module) == {"ict-computer": 3}
    services.module_update(module=module, competencies={other: 1})
    assert _teaches(module) == {"ict-internet": 1}

    services.module_prerequisites_set(module=module, prerequisites=[needed])
    assert next(i for i in selectors.route_offer().modules if i.module.pk == module.pk).requires == (
        needed.pk,
    )

    services.module_update(module=needed, status=PublicationStatus.DRAFT)  # unpublished: both leave
    assert {item.module.pk for item in selectors.route_offer().modules} == set()

    services.module_update(module=needed, status=PublicationStatus.PUBLISHED)
    certificate = CertificateFactory(modules=[module, needed])
    assert certificate.pk in selectors.route_offer().certificates
