import datetime

import pytest

from doorleren.core.errors import ApplicationError
from doorleren.learning.models import DeliveryMode, Module, PublicationStatus
from doorleren.learning.services import StartInput, module_create
from doorleren.learning.tests.factories import CompetencyFactory, ModuleFactory
from doorleren.organisations.tests.factories import FunderFactory

pytestmark = pytest.mark.django_db


def create(provider, **overrides):
    values = {"code": "M1", "title": "Lassen", "hours": 40, "price_cents": 45000, "mode": DeliveryMode.ONLINE}
    return module_create(provider=provider, **{**values, **overrides})


def test_creates_a_module_with_competencies_and_starts(school, groningen):
    competency = CompetencyFactory()
    module = create(
        school,
        mode=DeliveryMode.ON_SITE,
        municipality=groningen,
        nlqf_level=2,
        competencies={competency: 3},
        starts=[
            StartInput(start_date=datetime.date(2026, 9, 1), end_date=datetime.date(2026, 12, 1), seats=12)
        ],
    )
    module.refresh_from_db()
    assert (module.code, module.price_cents, module.status, module.municipality) == (
        "M1",
        45000,
        PublicationStatus.DRAFT,
        groningen,
    )
    assert [(c.competency, c.level) for c in module.competency_links.all()] == [(competency, 3)]
    assert [(s.start_date, s.end_date, s.seats) for s in module.starts.all()] == [
        (datetime.date(2026, 9, 1), datetime.date(2026, 12, 1), 12)
    ]


def test_a_company_may_offer_modules(company):
    assert create(company).provider == company


def test_a_funder_may_not_offer_modules(db):
    with pytest.raises(ApplicationError) as caught:
        create(FunderFactory())
    assert caught.value.code == "provider_kind_invalid"


def test_code_is_unique_per_provider(school):
    ModuleFactory(provider=school, code="M1")
    with pytest.raises(ApplicationError) as caught:
        create(school)
    assert (caught.value.code, caught.value.status) == ("module_code_taken", 409)
    assert Module.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"code": " "}, "module_code_empty"),
        ({"title": ""}, "module_title_empty"),
        ({"hours": 0}, "module_hours_invalid"),
        ({"price_cents": -1}, "module_price_invalid"),
        ({"price_cents": 12.5}, "module_price_invalid"),
        ({"nlqf_level": 9}, "module_nlqf_invalid"),
        ({"mode": "thuis"}, "module_mode_invalid"),
        ({"mode": DeliveryMode.ON_SITE}, "module_location_missing"),
        ({"language": "xx"}, "module_language_invalid"),
        ({"status": "weg"}, "module_status_invalid"),
    ],
)
def test_invalid_fields_are_refused(school, overrides, code):
    with pytest.raises(ApplicationError) as caught:
        create(school, **overrides)
    assert caught.value.code == code
    assert not Module.objects.exists()


def test_online_module_with_a_place_is_refused(school, groningen):
    with pytest.raises(ApplicationError) as caught:
        create(school, municipality=groningen)
    assert caught.value.code == "module_online_with_location"


def test_former_municipality_is_refused(school):
    from doorleren.region.tests.factories import municipality

    haren = municipality("GM0017")
    assert not haren.is_current
    with pytest.raises(ApplicationError) as caught:
        create(school, mode=DeliveryMode.ON_SITE, municipality=haren)
    assert caught.value.code == "module_municipality_former"


def test_competency_level_must_be_1_to_4(school):
    with pytest.raises(ApplicationError) as caught:
        create(school, competencies={CompetencyFactory(): 5})
    assert caught.value.code == "module_competency_level_invalid"
    assert not Module.objects.exists()


def test_end_before_start_is_refused(school):
    with pytest.raises(ApplicationError) as caught:
        create(
            school,
            starts=[StartInput(start_date=datetime.date(2026, 9, 1), end_date=datetime.date(2026, 8, 1))],
        )
    assert caught.value.code == "module_start_end_before_start"


def test_duplicate_start_is_refused(school):
    start = StartInput(start_date=datetime.date(2026, 9, 1))
    with pytest.raises(ApplicationError) as caught:
        create(school, starts=[start, start])
    assert caught.value.code == "module_start_duplicate"


def test_prerequisites_are_stored(school):
    basis = ModuleFactory(provider=school)
    module = create(school, prerequisites=[basis])
    assert list(module.prerequisites.all()) == [basis]
