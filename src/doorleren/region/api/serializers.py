from rest_framework import serializers

from doorleren.region.models import Municipality


class SubregionOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class MunicipalityOutputSerializer(serializers.ModelSerializer):
    subregion = SubregionOutputSerializer(allow_null=True)
    province = serializers.CharField()
    successor_code = serializers.CharField(source="successor.code", allow_null=True, default=None)

    class Meta:
        model = Municipality
        fields = [
            "code",
            "name",
            "is_current",
            "subregion",
            "province",
            "main_town",
            "latitude",
            "longitude",
            "dissolved_on",
            "successor_code",
        ]


class FormerMunicipalitySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    dissolved_on = serializers.DateField(allow_null=True)


class MunicipalityDetailOutputSerializer(MunicipalityOutputSerializer):
    current = MunicipalityOutputSerializer(
        help_text="De gemeente die nu bestaat (dezelfde als deze als is_current)."
    )
    former_municipalities = FormerMunicipalitySerializer(many=True)

    class Meta(MunicipalityOutputSerializer.Meta):
        fields = [*MunicipalityOutputSerializer.Meta.fields, "current", "former_municipalities"]


class MunicipalityListInputSerializer(serializers.Serializer):
    include_former = serializers.BooleanField(required=False, default=False)


class MunicipalityResolveInputSerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=100, help_text="CBS-code (met of zonder GM) of naam, ook van een oude gemeente."
    )


class MunicipalityResolveOutputSerializer(serializers.Serializer):
    query = serializers.CharField()
    matched = MunicipalityOutputSerializer(
        help_text="De gemeente die bij de code of naam hoort (kan een oude zijn)."
    )
    municipality = MunicipalityOutputSerializer(help_text="De gemeente die nu bestaat.")
