import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from doorleren.learning.models import DeliveryMode, PublicationStatus
from doorleren.learning.selectors import module_detail, modules_search
from doorleren.learning.tests.factories import (
    CertificateFactory,
    CompetencyFactory,
    ModuleCompetencyFactory,
    ModuleFactory,
    ModuleStartFactory,
    OnlineModuleFactory,
)
from doorleren.organisations.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def titles(queryset) -> list[str]:
    return [m.title for m in queryset]


def test_only_published_modules_are_found(school):
    ModuleFactory(provider=school, title="Zichtbaar")
    ModuleFactory(provider=school, title="Concept", status=PublicationStatus.DRAFT)
    assert titles(modules_search()) == ["Zichtbaar"]


def test_q_matches_title_description_provider_and_competency_label_per_word():
    ModuleFactory(title="Lassen voor beginners")
    ModuleFactory(title="Iets anders", description="Je leert lassen met een robot.")
    with_label = ModuleFactory(title="Derde")
    ModuleCompetencyFactory(module=with_label, competency=CompetencyFactory(label="Lassen en snijden"))
    ModuleFactory(title="Vierde", provider=SchoolFactory(name="Lasschool Noord"))
    ModuleFactory(title="Niet")
    assert titles(modules_search(q="lassen")) == ["Derde", "Iets anders", "Lassen voor beginners"]
    assert titles(modules_search(q="lassen robot")) == ["Iets anders"]
    assert titles(modules_search(q="lasschool")) == ["Vierde"]


def test_competency_codes_match_any_of_them():
    a, b = CompetencyFactory(code="a"), CompetencyFactory(code="b")
    ModuleCompetencyFactory(module=ModuleFactory(title="Met A"), competency=a)
    ModuleCompetencyFactory(module=ModuleFactory(title="Met B"), competency=b)
    ModuleFactory(title="Zonder")
    assert titles(modules_search(competency_codes=["a"])) == ["Met A"]
    assert titles(modules_search(competency_codes=["a", "b"])) == ["Met A", "Met B"]


def test_sector_filter_uses_the_competencies_sectors():
    zorg = CompetencyFactory(sectors=["zorg-welzijn"])
    bouw = CompetencyFactory(sectors=["bouw"])
    module = ModuleFactory(title="Zorg")
    ModuleCompetencyFactory(module=module, competency=zorg)
    ModuleCompetencyFactory(module=module, competency=CompetencyFactory(sectors=["zorg-welzijn"]))
    ModuleCompetencyFactory(module=ModuleFactory(title="Bouw"), competency=bouw)
    assert titles(modules_search(sector="zorg-welzijn")) == ["Zorg"]  # once, not once per competency


def test_place_mode_price_nlqf_and_provider_filters(school, groningen, assen):
    ModuleFactory(title="Groningen", municipality=groningen, price_cents=10000, nlqf_level=2, provider=school)
    ModuleFactory(title="Assen", municipality=assen, price_cents=50000, nlqf_level=4)
    OnlineModuleFactory(title="Online", price_cents=10001, nlqf_level=None)
    assert titles(modules_search(municipality=assen)) == ["Assen"]
    assert titles(modules_search(mode=DeliveryMode.ONLINE)) == ["Online"]
    assert titles(modules_search(max_price_cents=10000)) == ["Groningen"]
    assert titles(modules_search(max_price_cents=0)) == []
    assert titles(modules_search(nlqf=4)) == ["Assen"]
    assert titles(modules_search(provider=school)) == ["Groningen"]
    assert titles(modules_search(mode=DeliveryMode.ON_SITE, max_price_cents=60000)) == ["Assen", "Groningen"]


def test_search_does_not_query_per_module():
    for _ in range(6):
        module = ModuleFactory()
        ModuleCompetencyFactory.create_batch(2, module=module)
        ModuleStartFactory(module=module)
    with CaptureQueriesContext(connection) as queries:
        for module in modules_search():
            _ = (module.provider.name, module.municipality.name)
            _ = [(link.competency.label, link.get_level_display()) for link in module.competency_links.all()]
            _ = [start.start_date for start in module.upcoming_starts]
    assert len(queries) == 3


def test_only_upcoming_starts_are_shown_on_cards():
    module = ModuleFactory()
    ModuleStartFactory(module=module, start_date=datetime.date.today() - datetime.timedelta(days=1))
    future = ModuleStartFactory(module=module)
    found = modules_search().get()
    assert found.upcoming_starts == [future]


def test_module_detail_returns_none_for_drafts_and_unknown_ids():
    draft = ModuleFactory(status=PublicationStatus.DRAFT)
    assert module_detail(module_id=draft.pk) is None
    assert module_detail(module_id=999_999) is None
    published = ModuleFactory()
    assert module_detail(module_id=published.pk) == published


def test_module_detail_certificates_carry_totals_of_all_their_modules():
    module = ModuleFactory(hours=40, price_cents=45000)
    other = ModuleFactory(hours=10, price_cents=5000)
    CertificateFactory(modules=[module, other])
    certificate = module_detail(module_id=module.pk).certificates.all()[0]
    assert (certificate.module_count, certificate.total_hours, certificate.total_price_cents) == (
        2,
        50,
        50000,
    )
