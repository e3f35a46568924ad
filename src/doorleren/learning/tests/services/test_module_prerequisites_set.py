import pytest
from django.db import IntegrityError, transaction

from doorleren.core.errors import ApplicationError
from doorleren.learning.models import ModulePrerequisite
from doorleren.learning.services import module_prerequisites_set
from doorleren.learning.services.modules import prerequisite_cycle
from doorleren.learning.tests.factories import ModuleFactory

pytestmark = pytest.mark.django_db


def test_sets_prerequisites(school):
    a, b, c = ModuleFactory.create_batch(3, provider=school)
    module_prerequisites_set(module=c, prerequisites=[a, b])
    assert set(c.prerequisites.all()) == {a, b}
    module_prerequisites_set(module=c, prerequisites=[a])
    assert list(c.prerequisites.all()) == [a]


def test_module_itself_is_refused(school):
    a = ModuleFactory(provider=school)
    with pytest.raises(ApplicationError) as caught:
        module_prerequisites_set(module=a, prerequisites=[a])
    assert caught.value.code == "module_prerequisite_self"


def test_database_refuses_a_module_requiring_itself(school):
    a = ModuleFactory(provider=school)
    with pytest.raises(IntegrityError), transaction.atomic():
        ModulePrerequisite.objects.create(module=a, required=a)


def test_a_longer_cycle_is_refused_and_nothing_changes(school):
    a, b, c = (ModuleFactory(provider=school, code=code) for code in "ABC")
    module_prerequisites_set(module=b, prerequisites=[a])
    module_prerequisites_set(module=c, prerequisites=[b])
    with pytest.raises(ApplicationError) as caught:
        module_prerequisites_set(module=a, prerequisites=[c])
    assert caught.value.code == "module_prerequisite_cycle"
    assert "A → C → B → A" in caught.value.message
    assert not a.prerequisites.exists()


def test_a_diamond_is_not_a_cycle(school):
    a, b, c, d = ModuleFactory.create_batch(4, provider=school)
    module_prerequisites_set(module=b, prerequisites=[a])
    module_prerequisites_set(module=c, prerequisites=[a])
    module_prerequisites_set(module=d, prerequisites=[b, c])
    assert set(d.prerequisites.all()) == {b, c}
    assert prerequisite_cycle(module_ids=[a.pk, b.pk, c.pk, d.pk]) is None


def test_cycle_search_finds_a_cycle_far_from_the_start(school):
    modules = ModuleFactory.create_batch(5, provider=school)
    for needer, needed in zip(modules, modules[1:], strict=False):
        ModulePrerequisite.objects.create(module=needer, required=needed)
    ModulePrerequisite.objects.create(module=modules[4], required=modules[2])
    cycle = prerequisite_cycle(module_ids=[modules[0].pk])
    assert cycle is not None
    assert cycle[0] == cycle[-1]
    assert set(cycle) == {modules[2].pk, modules[3].pk, modules[4].pk}
