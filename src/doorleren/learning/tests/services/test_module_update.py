import datetime

import pytest

from doorleren.core.errors import ApplicationError
from doorleren.learning.models import DeliveryMode, ModuleStart
from doorleren.learning.services import StartInput, module_update
from doorleren.learning.tests.factories import (
    CompetencyFactory,
    ModuleCompetencyFactory,
    ModuleFactory,
    ModuleStartFactory,
)

pytestmark = pytest.mark.django_db


def test_changes_only_the_fields_given(school):
    module = ModuleFactory(provider=school, title="Oud", price_cents=100, description="Blijft")
    module_update(module=module, title="Nieuw", price_cents=250)
    module.refresh_from_db()
    assert (module.title, module.price_cents, module.description) == ("Nieuw", 250, "Blijft")


def test_to_online_needs_the_place_removed(school):
    module = ModuleFactory(provider=school)
    with pytest.raises(ApplicationError) as caught:
        module_update(module=module, mode=DeliveryMode.ONLINE)
    assert caught.value.code == "module_online_with_location"
    module_update(module=module, mode=DeliveryMode.ONLINE, municipality=None)
    module.refresh_from_db()
    assert (module.mode, module.municipality) == (DeliveryMode.ONLINE, None)


def test_code_taken_by_another_module_of_the_provider_is_refused_and_object_is_restored(school):
    ModuleFactory(provider=school, code="A")
    module = ModuleFactory(provider=school, code="B", title="Titel")
    with pytest.raises(ApplicationError) as caught:
        module_update(module=module, code="A", title="Andere titel")
    assert caught.value.code == "module_code_taken"
    assert (module.code, module.title) == ("B", "Titel")
    module.refresh_from_db()
    assert (module.code, module.title) == ("B", "Titel")


def test_competencies_given_replace_the_old_ones(school):
    module = ModuleFactory(provider=school)
    ModuleCompetencyFactory(module=module, level=1)
    new = CompetencyFactory()
    module_update(module=module, competencies={new: 4})
    assert [(c.competency, c.level) for c in module.competency_links.all()] == [(new, 4)]


def test_starts_given_replace_old_ones_and_keep_rows_for_dates_that_stay(school):
    module = ModuleFactory(provider=school)
    stay = ModuleStartFactory(module=module, start_date=datetime.date(2026, 9, 1), seats=10)
    ModuleStartFactory(module=module, start_date=datetime.date(2026, 10, 1))
    module_update(
        module=module,
        starts=[
            StartInput(start_date=datetime.date(2026, 9, 1), seats=8),
            StartInput(start_date=datetime.date(2027, 1, 1)),
        ],
    )
    rows = {s.start_date: (s.pk, s.seats) for s in ModuleStart.objects.filter(module=module)}
    assert set(rows) == {datetime.date(2026, 9, 1), datetime.date(2027, 1, 1)}
    assert rows[datetime.date(2026, 9, 1)] == (stay.pk, 8)
    assert rows[datetime.date(2027, 1, 1)][1] is None


def test_a_failed_prerequisite_change_rolls_back_the_other_changes(school):
    a = ModuleFactory(provider=school, code="A", title="A")
    b = ModuleFactory(provider=school, code="B")
    b.prerequisites.add(a)
    with pytest.raises(ApplicationError):
        module_update(module=a, title="Gewijzigd", prerequisites=[b])
    a.refresh_from_db()
    assert a.title == "A"
    assert not a.prerequisites.exists()
