import pytest

from doorleren.core.errors import ApplicationError
from doorleren.learning.models import Certificate
from doorleren.learning.services import certificate_create
from doorleren.learning.tests.factories import ModuleFactory
from doorleren.organisations.tests.factories import GovernmentFactory

pytestmark = pytest.mark.django_db


def test_creates_a_certificate_over_modules(school):
    modules = ModuleFactory.create_batch(2, provider=school)
    certificate = certificate_create(provider=school, title=" Zorg basis ", modules=[*modules, modules[0]])
    assert certificate.title == "Zorg basis"
    assert set(certificate.modules.all()) == set(modules)


def test_needs_at_least_one_module(school):
    with pytest.raises(ApplicationError) as caught:
        certificate_create(provider=school, title="Leeg", modules=[])
    assert caught.value.code == "certificate_no_modules"
    assert not Certificate.objects.exists()


def test_needs_a_title(school):
    with pytest.raises(ApplicationError) as caught:
        certificate_create(provider=school, title=" ", modules=[ModuleFactory()])
    assert caught.value.code == "title_empty"


def test_a_government_cannot_give_certificates(db):
    with pytest.raises(ApplicationError) as caught:
        certificate_create(provider=GovernmentFactory(), title="Gemeente", modules=[ModuleFactory()])
    assert caught.value.code == "provider_kind_invalid"
