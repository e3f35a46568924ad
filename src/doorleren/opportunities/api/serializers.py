"""Input and output of the public opportunities API."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from doorleren.core.errors import ApplicationError

from .. import selectors
from ..models import (
    DESCRIPTION_MAX,
    HOURS_MAX,
    HOURS_MIN,
    TEAM_SIZE_MAX,
    TEAM_SIZE_MIN,
    TITLE_MAX,
    CompetencyPurpose,
    OpportunityKind,
    OpportunityStatus,
)
from ..services import COMPETENCIES_MAX


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


@extend_schema_field({"type": "string", "pattern": "^(apply|learn)$", "example": "apply"})
class CompetencyPurposeField(serializers.ChoiceField):
    """apply | learn. A pattern, not an enum, in the schema: an enum named "purpose" collides with the
    consent purposes (it can become an enum once ENUM_NAME_OVERRIDES in conf/base.py names it)."""

    def __init__(self, **kwargs):
        super().__init__(choices=CompetencyPurpose.choices, **kwargs)


class OpportunityCompetencyOutputSerializer(serializers.Serializer):
    code = serializers.CharField(source="competency.code")
    label = serializers.CharField(source="competency.label")
    level = serializers.IntegerField()
    level_label = serializers.CharField(source="get_level_display")
    essential = serializers.BooleanField()
    purpose = CompetencyPurposeField()


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


# --- issue 5: place, change and close work; suggest competencies (docs/opportunities.md) ------------

ID_MAX = 2**31 - 1
_INT_ERRORS = {
    "invalid": _("Vul een heel getal in."),
    "min_value": _("Vul minstens {min_value} in."),
    "max_value": _("Vul hoogstens {max_value} in."),
}


class OpportunityCompetencyInputSerializer(serializers.Serializer):
    code = serializers.CharField(
        max_length=80, help_text=_("Code van een competentie uit de competentiekaart.")
    )
    level = serializers.IntegerField(min_value=1, max_value=4, error_messages=_INT_ERRORS)
    essential = serializers.BooleanField(
        default=True, help_text=_("Nodig (true) of fijn als iemand het kan.")
    )
    purpose = CompetencyPurposeField(
        default=CompetencyPurpose.APPLY,
        help_text=_("apply: nodig om mee te doen; learn: leert iemand in een praktijkopdracht."),
        error_messages={"invalid_choice": _("Kies apply of learn.")},
    )

    def validate(self, attrs: dict) -> dict:
        # A PATCH validates "partially", and DRF passes that on to nested items; but a competency in
        # the new list always needs its code and level (the list replaces all competencies).
        missing = {
            name: [self.fields[name].error_messages["required"]]
            for name in ("code", "level")
            if name not in attrs
        }
        if missing:
            raise serializers.ValidationError(missing)
        attrs.setdefault("essential", True)
        attrs.setdefault("purpose", CompetencyPurpose.APPLY)
        return attrs


class _OpportunityWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=TITLE_MAX)
    description = serializers.CharField(max_length=DESCRIPTION_MAX)
    municipality = serializers.CharField(
        max_length=100, help_text=_("CBS-code (GM0014) of naam van een gemeente van nu.")
    )
    hours_per_week = serializers.IntegerField(
        min_value=HOURS_MIN, max_value=HOURS_MAX, error_messages=_INT_ERRORS
    )
    sector = serializers.CharField(
        max_length=50, required=False, allow_blank=True, allow_null=True, help_text=_("Code van een sector.")
    )
    starts_on = serializers.DateField(required=False, allow_null=True)
    ends_on = serializers.DateField(required=False, allow_null=True)
    team_size = serializers.IntegerField(
        min_value=TEAM_SIZE_MIN,
        max_value=TEAM_SIZE_MAX,
        required=False,
        allow_null=True,
        help_text=_("Alleen bij een praktijkopdracht."),
        error_messages=_INT_ERRORS,
    )
    competencies = OpportunityCompetencyInputSerializer(
        many=True, required=False, max_length=COMPETENCIES_MAX
    )

    def validate_municipality(self, value):
        try:
            return selectors.municipality_resolve(code_or_name=value)
        except ApplicationError as error:
            raise serializers.ValidationError(error.message) from error

    def validate_sector(self, value):
        if not value:
            return None
        sector = selectors.sector_choices().filter(code=value).first()
        if sector is None:
            raise serializers.ValidationError(_("Deze sector kennen wij niet."))
        return sector

    def validate_competencies(self, value):
        known = selectors.competencies_by_codes(codes=[row["code"] for row in value])
        unknown = [row["code"] for row in value if row["code"] not in known]
        if unknown:
            raise serializers.ValidationError(
                _("Deze competentie kennen wij niet: %(code)s.") % {"code": unknown[0][:80]}
            )
        return [{**row, "competency": known[row["code"]]} for row in value]


class OpportunityCreateInputSerializer(_OpportunityWriteSerializer):
    kind = serializers.ChoiceField(
        choices=OpportunityKind.choices,
        error_messages={"invalid_choice": _("Kies vacancy, practical_assignment of basic_job.")},
    )
    organisation = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=ID_MAX,
        help_text=_("Id van de organisatie die het aanbiedt; mag weg als u voor één organisatie werkt."),
        error_messages=_INT_ERRORS,
    )


class OpportunityUpdateInputSerializer(_OpportunityWriteSerializer):
    """Only the fields sent change; ``competencies`` replaces all competencies."""


class OpportunityManageOutputSerializer(OpportunityDetailOutputSerializer):
    status = serializers.ChoiceField(choices=OpportunityStatus.choices)
    status_label = serializers.CharField(source="get_status_display")


class SuggestCompetenciesInputSerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=5000, help_text=_("De omschrijving van het werk; wij bewaren die niet.")
    )
    top = serializers.IntegerField(min_value=1, max_value=30, default=10, error_messages=_INT_ERRORS)


class SuggestedCompetencySerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    explanation = serializers.CharField()
    score = serializers.FloatField()
    words = serializers.ListField(child=serializers.CharField(), help_text=_("Woorden uit de tekst."))
    level = serializers.IntegerField(
        allow_null=True, help_text=_("Geschat niveau; leeg: de tekst zegt er niets over. Kies het zelf.")
    )


class SuggestCompetenciesOutputSerializer(serializers.Serializer):
    competencies = SuggestedCompetencySerializer(many=True)
