import pytest

from doorleren.core.errors import ApplicationError
from doorleren.learning.models import Diploma, DiplomaLevel
from doorleren.learning.services import diploma_create
from doorleren.learning.tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificates(school):
    return CertificateFactory.create_batch(3, provider=school)


def test_creates_a_diploma_with_rules(school, certificates):
    diploma = diploma_create(
        provider=school,
        title="Verzorgende IG",
        level=DiplomaLevel.MBO,
        certificates=certificates,
        min_certificates=2,
        required_certificates=[certificates[0]],
    )
    assert set(diploma.certificates.all()) == set(certificates)
    assert list(diploma.required_certificates.all()) == [certificates[0]]
    assert diploma.min_certificates == 2


def test_only_schools_give_diplomas(company, certificates):
    with pytest.raises(ApplicationError) as caught:
        diploma_create(
            provider=company, title="Bedrijfsdiploma", level=DiplomaLevel.MBO, certificates=certificates
        )
    assert caught.value.code == "diploma_provider_not_school"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"level": "mavo"}, "diploma_level_invalid"),
        ({"certificates": []}, "diploma_no_certificates"),
        ({"min_certificates": 0}, "diploma_min_invalid"),
        ({"min_certificates": 4}, "diploma_min_too_high"),
        ({"min_certificates": 1, "required": 2}, "diploma_min_below_required"),
    ],
)
def test_rules_that_cannot_work_are_refused(school, certificates, kwargs, code):
    required = certificates[: kwargs.pop("required", 0)]
    values = {
        "title": "D",
        "level": DiplomaLevel.MBO,
        "certificates": certificates,
        "required_certificates": required,
    }
    with pytest.raises(ApplicationError) as caught:
        diploma_create(provider=school, **{**values, **kwargs})
    assert caught.value.code == code
    assert not Diploma.objects.exists()


def test_required_certificate_must_be_listed(school, certificates):
    other = CertificateFactory(title="Los certificaat")
    with pytest.raises(ApplicationError) as caught:
        diploma_create(
            provider=school,
            title="D",
            level=DiplomaLevel.HBO,
            certificates=certificates,
            required_certificates=[other],
        )
    assert caught.value.code == "diploma_required_not_listed"
    assert "Los certificaat" in caught.value.message
