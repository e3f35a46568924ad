"""Input and output serializers of the taxonomy API (read-only, public)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from doorleren.taxonomy import selectors
from doorleren.taxonomy.models import Competency, Skill

# --- input ----------------------------------------------------------------------------------------


class SearchInputSerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=selectors.MAX_QUERY_LENGTH,
        help_text=_(
            "Zoekterm, bijvoorbeeld een beroep of vaardigheid in gewone woorden (hoogstens 200 tekens)."
        ),
    )
    top = serializers.IntegerField(
        min_value=1,
        max_value=selectors.MAX_TOP,
        default=10,
        help_text=_("Hoeveel resultaten (1 tot en met 50)."),
    )


class OccupationListInputSerializer(serializers.Serializer):
    isco = serializers.RegexField(
        r"^\d{1,4}$", required=False, help_text=_("Alleen beroepen in deze ISCO-groep.")
    )
    q = serializers.CharField(
        max_length=selectors.MAX_QUERY_LENGTH, required=False, help_text=_("Zoekterm; de beste 50 treffers.")
    )


class SkillListInputSerializer(serializers.Serializer):
    type = serializers.ChoiceField(
        choices=[c for c in Skill.SkillType.values if c], required=False, help_text=_("skill of knowledge.")
    )
    reuse_level = serializers.ChoiceField(choices=[c for c in Skill.ReuseLevel.values if c], required=False)
    q = serializers.CharField(
        max_length=selectors.MAX_QUERY_LENGTH, required=False, help_text=_("Zoekterm; de beste 50 treffers.")
    )


class CompetencyListInputSerializer(serializers.Serializer):
    sector = serializers.CharField(max_length=50, required=False, help_text=_("Code van een sector."))
    kind = serializers.ChoiceField(choices=Competency.Kind.values, required=False)


class RegionalOccupationListInputSerializer(serializers.Serializer):
    sector = serializers.CharField(max_length=50, required=False, help_text=_("Code van een sector."))


# --- output ---------------------------------------------------------------------------------------


class LabelOutputSerializer(serializers.Serializer):
    lang = serializers.CharField()
    kind = serializers.CharField()
    text = serializers.CharField()


class ConceptRefOutputSerializer(serializers.Serializer):
    uri = serializers.CharField()
    label = serializers.CharField()


class CodeRefOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class OccupationOutputSerializer(serializers.Serializer):
    uri = serializers.CharField()
    code = serializers.CharField()
    label = serializers.CharField()
    isco_code = serializers.CharField(source="isco_group.code", default=None, allow_null=True)
    status = serializers.CharField()


class OccupationSkillOutputSerializer(serializers.Serializer):
    uri = serializers.CharField(source="skill.uri")
    label = serializers.CharField(source="skill.label")
    relation = serializers.CharField()
    skill_type = serializers.CharField()


class OccupationDetailOutputSerializer(OccupationOutputSerializer):
    descriptions = serializers.DictField(child=serializers.CharField())
    labels = LabelOutputSerializer(many=True)
    skills = OccupationSkillOutputSerializer(source="skill_relations", many=True)
    regional_occupations = CodeRefOutputSerializer(many=True)


class SkillOutputSerializer(serializers.Serializer):
    uri = serializers.CharField()
    label = serializers.CharField()
    skill_type = serializers.CharField()
    reuse_level = serializers.CharField()
    status = serializers.CharField()


class SkillDetailOutputSerializer(SkillOutputSerializer):
    descriptions = serializers.DictField(child=serializers.CharField())
    labels = LabelOutputSerializer(many=True)
    competencies = CodeRefOutputSerializer(many=True)


class SectorOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    explanation = serializers.CharField()


class DemandOutputSerializer(serializers.Serializer):
    sector = serializers.CharField(source="sector.code")
    trend = serializers.CharField()
    source = serializers.CharField()


class CompetencyOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    uri = serializers.SerializerMethodField(help_text=_("https://doorleren.nl/competentie/<code>"))
    label = serializers.CharField()
    explanation = serializers.CharField()
    kind = serializers.CharField()
    sectors = serializers.SerializerMethodField(help_text=_("Codes van de sectoren."))
    demand = DemandOutputSerializer(source="demands", many=True)

    def get_uri(self, competency) -> str:
        return selectors.competency_uri(competency.code)

    def get_sectors(self, competency) -> list[str]:
        return [sector.code for sector in competency.sectors.all()]


class CompetencyRequirementOutputSerializer(serializers.Serializer):
    code = serializers.CharField(source="regional_occupation.code")
    label = serializers.CharField(source="regional_occupation.label")
    level = serializers.IntegerField()
    essential = serializers.BooleanField()


class CompetencyDetailOutputSerializer(CompetencyOutputSerializer):
    esco_skills = ConceptRefOutputSerializer(many=True)
    regional_occupations = CompetencyRequirementOutputSerializer(source="occupation_requirements", many=True)


class RegionalOccupationOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    explanation = serializers.CharField()
    sector = CodeRefOutputSerializer()
    occupation = ConceptRefOutputSerializer(allow_null=True)


class RequiredCompetencyOutputSerializer(serializers.Serializer):
    code = serializers.CharField(source="competency.code")
    label = serializers.CharField(source="competency.label")
    level = serializers.IntegerField()
    essential = serializers.BooleanField()


class RegionalOccupationDetailOutputSerializer(RegionalOccupationOutputSerializer):
    competencies = RequiredCompetencyOutputSerializer(source="competency_requirements", many=True)


class SearchHitOutputSerializer(serializers.Serializer):
    uri = serializers.CharField()
    label = serializers.CharField()
    score = serializers.FloatField()


class SearchOutputSerializer(serializers.Serializer):
    query = serializers.CharField()
    results = SearchHitOutputSerializer(many=True)


class ErrorOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    detail = serializers.CharField(help_text=_("Wat er mis is, in gewone Nederlandse woorden."))


class TextCompetenciesInputSerializer(serializers.Serializer):
    text = serializers.CharField(
        allow_blank=True,
        trim_whitespace=False,
        help_text=_("De tekst: een cv, wat u doet op uw werk of een vacature (hoogstens 5.000 tekens)."),
    )
    top = serializers.IntegerField(
        min_value=1,
        max_value=30,
        default=15,
        help_text=_("Hoogstens zoveel voorstellen per soort (1 tot en met 30)."),
    )


class CompetencyRefOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class _SupportFields(serializers.Serializer):
    score = serializers.FloatField()
    phrase = serializers.CharField(help_text=_("Het stukje tekst waarin dit staat."))
    words = serializers.ListField(child=serializers.CharField(), help_text=_("De woorden die dit steunen."))
    spans = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2),
        help_text=_("Waar die woorden in de tekst staan: [begin, einde) per woord, in tekens."),
    )


class CompetencySuggestionOutputSerializer(_SupportFields):
    code = serializers.CharField()
    label = serializers.CharField()
    explanation = serializers.CharField()


class SkillSuggestionOutputSerializer(_SupportFields):
    uri = serializers.CharField()
    label = serializers.CharField()
    competencies = CompetencyRefOutputSerializer(many=True)


class TextCompetenciesOutputSerializer(serializers.Serializer):
    chars = serializers.IntegerField(help_text=_("Aantal tekens van de tekst."))
    competencies = CompetencySuggestionOutputSerializer(many=True)
    skills = SkillSuggestionOutputSerializer(many=True)
