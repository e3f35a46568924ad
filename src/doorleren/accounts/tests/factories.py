import factory
from django.utils import timezone

from doorleren.accounts.models import CONSENT_TEXT_VERSION, Consent, ConsentPurpose, Role, User


class UserFactory(factory.django.DjangoModelFactory):
    """A resident by default. ``UserFactory(role=Role.EMPLOYER)`` for other roles."""

    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Sanne"
    last_name = factory.Sequence(lambda n: f"de Vries {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@voorbeeld.nl")
    role = Role.RESIDENT
    password = factory.django.Password("een-lang-wachtwoord-42")


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    resident = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory("doorleren.organisations.tests.factories.OrganisationFactory")
    purpose = ConsentPurpose.VIEW_PROFILE
    granted_at = factory.LazyFunction(timezone.now)
    version = CONSENT_TEXT_VERSION
