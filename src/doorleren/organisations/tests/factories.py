import factory

from doorleren.organisations.models import (
    Membership,
    MembershipRole,
    Organisation,
    OrganisationKind,
    SchoolLevel,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    """An employer by default; use ``SchoolFactory`` etc. for other kinds."""

    class Meta:
        model = Organisation

    kind = OrganisationKind.EMPLOYER
    name = factory.Sequence(lambda n: f"Werkgever {n} BV")
    kvk_number = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    municipality = factory.LazyFunction(lambda: _municipality("GM0014"))
    size_class = "small"


class SchoolFactory(OrganisationFactory):
    kind = OrganisationKind.SCHOOL
    name = factory.Sequence(lambda n: f"School {n}")
    kvk_number = ""
    size_class = ""
    brin_code = factory.Sequence(
        lambda n: f"{n % 100:02d}{chr(65 + n // 100 % 26)}{chr(65 + n // 2600 % 26)}"
    )
    school_level = SchoolLevel.MBO


class GovernmentFactory(OrganisationFactory):
    kind = OrganisationKind.GOVERNMENT
    name = factory.Sequence(lambda n: f"Leerwerkloket {n}")
    kvk_number = ""
    size_class = ""


class FunderFactory(OrganisationFactory):
    kind = OrganisationKind.FUNDER
    name = factory.Sequence(lambda n: f"Fonds {n}")
    kvk_number = ""
    size_class = ""


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory("doorleren.accounts.tests.factories.UserFactory", role="employer")
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.MEMBER


def _municipality(code: str):
    from doorleren.region.models import Municipality

    return Municipality.objects.get(code=code)
