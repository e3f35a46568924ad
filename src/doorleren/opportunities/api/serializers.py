"""Input and output of the public opportunities API."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from doorleren.core.errors import ApplicationError

from .. import selectors
from ..models import OpportunityKind


class OpportunityFilterInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=OpportunityKind.choices,
        required=False,
        error_messages={"invalid_choice": _("Kies vacancy, practical_assignment of basic_job.")},
    )
    municipality = serializers.CharField(
        required=False,
        max_length=100,
        help_text=_("CBS-code (GM0014) of naam; een oude code geeft de gemeente van nu."),
        error_messages={"max_length": _("Gebruik hoogstens 100 tekens.")},
    )
    sector = serializers.CharField(
        required=False,
        max_length=50,
        help_text=_("Code van een sector uit de competentiekaart, bijvoorbeeld zorg-welzijn."),
        error_messages={"max_length": _("Gebruik hoogstens 50 tekens.")},
    )
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text=_("Woorden in titel, omschrijving of naam van de organisatie."),
        error_messages={"max_length": _("Gebruik hoogstens 100 tekens.")},
    )

    def validate_municipality(self, value):
        try:
            return selectors.municipality_resolve(code_or_name=value)
        except ApplicationError as error:
            raise serializers.ValidationError(error.message) from error

    def validate_sector(self, value):
        if not selectors.sector_choices().filter(code=value).exists():
            raise serializers.ValidationError(_("Deze sector kennen wij niet."))
        return value


class OpportunityOrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class OpportunityMunicipalitySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class OpportunitySectorSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class OpportunityOccupationSerializer(serializers.Serializer):
    uri = serializers.CharField()
    label = serializers.CharField()


class OpportunityCompetencyOutputSerializer(serializers.Serializer):
    code = serializers.CharField(source="competency.code")
    label = serializers.CharField(source="competency.label")
    level = serializers.IntegerField()
    level_label = serializers.CharField(source="get_level_display")
    essential = serializers.BooleanField()


class OpportunityListOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    title = serializers.CharField()
    organisation = OpportunityOrganisationSerializer()
    municipality = OpportunityMunicipalitySerializer()
    hours_per_week = serializers.IntegerField()
    sector = OpportunitySectorSerializer(allow_null=True)
    starts_on = serializers.DateField(allow_null=True)


class OpportunityDetailOutputSerializer(OpportunityListOutputSerializer):
    description = serializers.CharField()
    occupation = OpportunityOccupationSerializer(allow_null=True)
    ends_on = serializers.DateField(allow_null=True)
    team_size = serializers.IntegerField(allow_null=True)
    competencies = OpportunityCompetencyOutputSerializer(source="competency_requirements.all", many=True)
