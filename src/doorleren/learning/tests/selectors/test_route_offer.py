"""``route_offer``: the published modules a learning route may use."""

import pytest

from doorleren.learning import selectors
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


def test_needs_four_queries_whatever_the_size(django_assert_num_queries):
    for _ in range(5):
        module = ModuleFactory()
        ModuleCompetencyFactory(module=module)
        _requires(module, ModuleFactory())
    with django_assert_num_queries(4):
        selectors.route_offer()
