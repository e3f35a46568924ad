"""Factories for learning tests. Organisations and users come from their own apps' factories;
taxonomy objects are made here, because the competency map is loaded by a command, not a migration."""

import datetime

import factory

from doorleren.learning.models import (
    Certificate,
    DeliveryMode,
    Diploma,
    DiplomaLevel,
    Module,
    ModuleCompetency,
    ModuleStart,
    PracticalLearningOffer,
    PracticalOfferCompetency,
    PracticalOfferKind,
    PublicationStatus,
)
from doorleren.organisations.tests.factories import OrganisationFactory, SchoolFactory
from doorleren.region.tests.factories import municipality
from doorleren.taxonomy.models import Competency, Sector


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ["code"]

    code = "zorg-welzijn"
    label = factory.LazyAttribute(lambda s: s.code.replace("-", " en ").capitalize())


class CompetencyFactory(factory.django.DjangoModelFactory):
    """``CompetencyFactory(sectors=["zorg-welzijn"])`` links it to sectors by code."""

    class Meta:
        model = Competency
        django_get_or_create = ["code"]
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"leren-competentie-{n}")
    label = factory.Sequence(lambda n: f"Competentie {n}")
    explanation = "Je doet dit werk goed en veilig."
    kind = Competency.Kind.VOCATIONAL

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set([SectorFactory(code=code) for code in extracted])


class ModuleFactory(factory.django.DjangoModelFactory):
    """A published on-site module in Groningen at a school."""

    class Meta:
        model = Module

    provider = factory.SubFactory(SchoolFactory)
    code = factory.Sequence(lambda n: f"MOD-{n:03d}")
    title = factory.Sequence(lambda n: f"Module {n}")
    description = "Een module om te testen."
    hours = 40
    price_cents = 45000
    nlqf_level = 3
    mode = DeliveryMode.ON_SITE
    municipality = factory.LazyFunction(lambda: municipality("GM0014"))
    status = PublicationStatus.PUBLISHED


class OnlineModuleFactory(ModuleFactory):
    mode = DeliveryMode.ONLINE
    municipality = None


class ModuleCompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModuleCompetency

    module = factory.SubFactory(ModuleFactory)
    competency = factory.SubFactory(CompetencyFactory)
    level = 2


class ModuleStartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModuleStart

    module = factory.SubFactory(ModuleFactory)
    start_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))


class CertificateFactory(factory.django.DjangoModelFactory):
    """``CertificateFactory(modules=[m1, m2])``."""

    class Meta:
        model = Certificate
        skip_postgeneration_save = True

    provider = factory.SubFactory(SchoolFactory)
    title = factory.Sequence(lambda n: f"Certificaat {n}")

    @factory.post_generation
    def modules(self, create, extracted, **kwargs):
        if create and extracted:
            self.modules.set(extracted)


class DiplomaFactory(factory.django.DjangoModelFactory):
    """``DiplomaFactory(certificates=[...], required_certificates=[...], min_certificates=2)``."""

    class Meta:
        model = Diploma
        skip_postgeneration_save = True

    provider = factory.SubFactory(SchoolFactory)
    title = factory.Sequence(lambda n: f"Diploma {n}")
    level = DiplomaLevel.MBO

    @factory.post_generation
    def certificates(self, create, extracted, **kwargs):
        if create and extracted:
            self.certificates.set(extracted)

    @factory.post_generation
    def required_certificates(self, create, extracted, **kwargs):
        if create and extracted:
            self.required_certificates.set(extracted)


class PracticalOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticalLearningOffer

    provider = factory.SubFactory(OrganisationFactory)
    kind = PracticalOfferKind.MACHINES
    title = factory.Sequence(lambda n: f"Leren aan de machine {n}")
    description = "Leer werken met onze machines."
    capacity = 4
    municipality = factory.LazyFunction(lambda: municipality("GM0014"))
    status = PublicationStatus.PUBLISHED


class PracticalOfferCompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticalOfferCompetency

    offer = factory.SubFactory(PracticalOfferFactory)
    competency = factory.SubFactory(CompetencyFactory)
    level = 2
