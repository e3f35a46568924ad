import pytest

from doorleren.learning.selectors import (
    certificate_detail,
    certificate_list,
    certificates_for_module,
    diploma_detail,
    diploma_progress,
    diploma_rules,
)
from doorleren.learning.tests.factories import CertificateFactory, DiplomaFactory, ModuleFactory

pytestmark = pytest.mark.django_db


def test_certificate_totals_add_hours_and_prices_of_its_modules():
    a = ModuleFactory(hours=40, price_cents=45000)
    b = ModuleFactory(hours=24, price_cents=29550)
    certificate = CertificateFactory(modules=[a, b])
    found = certificate_detail(certificate_id=certificate.pk)
    assert (found.module_count, found.total_hours, found.total_price_cents) == (2, 64, 74550)
    assert list(found.modules.all()) == sorted([a, b], key=lambda m: (m.title, m.pk))
    assert certificate_detail(certificate_id=999_999) is None


def test_certificate_list_totals_are_not_multiplied_by_joins():
    modules = [ModuleFactory(hours=10, price_cents=100) for _ in range(3)]
    certificate = CertificateFactory(modules=modules)
    DiplomaFactory(certificates=[certificate])
    DiplomaFactory(certificates=[certificate])
    found = certificate_list().get()
    assert (found.total_hours, found.total_price_cents, found.module_count) == (30, 300, 3)


def test_certificate_list_search():
    CertificateFactory(title="Zorg basis", modules=[ModuleFactory()])
    CertificateFactory(title="Lassen", modules=[ModuleFactory()])
    assert [c.title for c in certificate_list(q="zorg")] == ["Zorg basis"]


def test_certificates_for_module():
    module = ModuleFactory()
    mine = CertificateFactory(modules=[module, ModuleFactory(hours=10)])
    CertificateFactory(modules=[ModuleFactory()])
    found = list(certificates_for_module(module=module))
    assert found == [mine]
    assert found[0].total_hours == module.hours + 10


@pytest.fixture
def stack():
    """Diploma with 3 certificates; A is required; 2 of the 3 are needed."""
    modules = {name: ModuleFactory(title=name) for name in ["a1", "a2", "b1", "c1"]}
    a = CertificateFactory(title="A", modules=[modules["a1"], modules["a2"]])
    b = CertificateFactory(title="B", modules=[modules["b1"]])
    c = CertificateFactory(title="C", modules=[modules["c1"]])
    diploma = DiplomaFactory(certificates=[a, b, c], required_certificates=[a], min_certificates=2)
    return diploma, modules, {"A": a, "B": b, "C": c}


def ids(modules, *names):
    return [modules[name].pk for name in names]


def test_diploma_complete_with_required_and_one_choice(stack):
    diploma, modules, _ = stack
    complete, missing = diploma_progress(diploma=diploma, completed_module_ids=ids(modules, "a1", "a2", "c1"))
    assert complete is True
    assert (missing.required_certificates, missing.certificates_needed, missing.choices) == ((), 0, ())


def test_two_optional_certificates_without_the_required_one_are_not_enough(stack):
    diploma, modules, certificates = stack
    complete, missing = diploma_progress(diploma=diploma, completed_module_ids=ids(modules, "a1", "b1", "c1"))
    assert complete is False
    assert [p.certificate for p in missing.required_certificates] == [certificates["A"]]
    assert [m.title for m in missing.required_certificates[0].missing_modules] == ["a2"]
    assert missing.certificates_needed == 1
    assert missing.choices == ()


def test_nothing_done_needs_required_plus_one_choice(stack):
    diploma, _, certificates = stack
    complete, missing = diploma_progress(diploma=diploma, completed_module_ids=[])
    assert complete is False
    assert missing.certificates_needed == 2
    assert [p.certificate for p in missing.choices] == [certificates["B"], certificates["C"]]


def test_without_min_all_certificates_are_needed():
    m1, m2 = ModuleFactory(), ModuleFactory()
    diploma = DiplomaFactory(
        certificates=[CertificateFactory(modules=[m1]), CertificateFactory(modules=[m2])]
    )
    assert diploma_progress(diploma=diploma, completed_module_ids=[m1.pk]).complete is False
    assert diploma_progress(diploma=diploma, completed_module_ids={m1.pk, m2.pk}).complete is True


def test_rules_in_plain_words(stack):
    diploma, _, _ = stack
    rules = diploma_rules(diploma=diploma_detail(diploma_id=diploma.pk))
    assert rules == [
        "U heeft 2 van de 3 certificaten van dit diploma nodig.",
        "Dit certificaat moet erbij zijn: A.",
        "Daarnaast kiest u zelf nog 1 certificaat.",
        "U krijgt een certificaat als u alle modules van dat certificaat heeft gehaald.",
    ]


def test_rules_when_all_are_needed():
    diploma = DiplomaFactory(certificates=CertificateFactory.create_batch(2, modules=[ModuleFactory()]))
    assert diploma_rules(diploma=diploma)[0] == "U heeft alle 2 certificaten van dit diploma nodig."
