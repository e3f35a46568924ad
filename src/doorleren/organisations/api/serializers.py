from rest_framework import serializers

from doorleren.organisations.models import Organisation, OrganisationKind, SectorCode


class OrganisationMunicipalitySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class OrganisationOutputSerializer(serializers.ModelSerializer):
    """Organisation data only: no members, no persons."""

    municipality = OrganisationMunicipalitySerializer(allow_null=True)
    is_cooperative_member = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "id",
            "kind",
            "name",
            "kvk_number",
            "brin_code",
            "school_level",
            "is_innovation_workshop",
            "municipality",
            "sector_code",
            "size_class",
            "website",
            "description",
            "joined_cooperative_at",
            "is_cooperative_member",
        ]

    def get_is_cooperative_member(self, obj: Organisation) -> bool:
        return obj.joined_cooperative_at is not None


class OrganisationListInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=OrganisationKind.choices, required=False)
    municipality = serializers.CharField(
        required=False,
        max_length=100,
        help_text="CBS-code of naam van de gemeente; oude gemeenten mogen ook.",
    )
    sector = serializers.ChoiceField(choices=SectorCode.choices, required=False)
    q = serializers.CharField(required=False, max_length=100, help_text="Zoek in de naam.")
    kvk = serializers.CharField(required=False, max_length=20)
    brin = serializers.CharField(required=False, max_length=10)


class OrganisationPageOutputSerializer(serializers.Serializer):
    """One page of the list (``limit``/``offset``)."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = OrganisationOutputSerializer(many=True)
