"""Factories for the taxonomy models (factory_boy)."""

import factory

from doorleren.taxonomy import models


class IscoGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.IscoGroup

    code = factory.Sequence(lambda n: f"{1000 + n}")
    uri = factory.LazyAttribute(lambda o: f"http://data.europa.eu/esco/isco/C{o.code}")
    label = factory.Sequence(lambda n: f"ISCO-groep {n}")


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Skill

    uri = factory.Sequence(lambda n: f"http://data.europa.eu/esco/skill/00000000-0000-4000-8000-{n:012d}")
    label = factory.Sequence(lambda n: f"vaardigheid {n}")
    skill_type = models.Skill.SkillType.SKILL
    status = "released"


class OccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Occupation

    uri = factory.Sequence(
        lambda n: f"http://data.europa.eu/esco/occupation/00000000-0000-4000-9000-{n:012d}"
    )
    label = factory.Sequence(lambda n: f"beroep {n}")
    code = factory.Sequence(lambda n: f"1000.{n}")
    isco_group = factory.SubFactory(IscoGroupFactory)
    status = "released"


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Sector
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"sector-{n}")
    label = factory.Sequence(lambda n: f"Sector {n}")
    explanation = "Werk in deze sector."


class CompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Competency
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"competentie-{n}")
    label = factory.Sequence(lambda n: f"Competentie {n}")
    explanation = "Je kunt iets."
    kind = models.Competency.Kind.VOCATIONAL

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)

    @factory.post_generation
    def esco_skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.esco_skills.set(extracted)


class CompetencyDemandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CompetencyDemand

    competency = factory.SubFactory(CompetencyFactory)
    sector = factory.SubFactory(SectorFactory)
    trend = models.CompetencyDemand.Trend.GROWS
    source = "Regionaal plan (2020)"


class RegionalOccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.RegionalOccupation

    code = factory.Sequence(lambda n: f"regioberoep-{n}")
    label = factory.Sequence(lambda n: f"Beroep in de regio {n}")
    sector = factory.SubFactory(SectorFactory)
    occupation = factory.SubFactory(OccupationFactory)


class RegionalOccupationCompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.RegionalOccupationCompetency

    regional_occupation = factory.SubFactory(RegionalOccupationFactory)
    competency = factory.SubFactory(CompetencyFactory)
    level = 2
    essential = True
