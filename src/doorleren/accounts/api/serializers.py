from rest_framework import serializers

from doorleren.accounts.models import ConsentPurpose


class MembershipOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="organisation.id")
    name = serializers.CharField(source="organisation.name")
    kind = serializers.CharField(source="organisation.kind")
    role = serializers.CharField()


class MeOutputSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField(source="get_full_name")
    role = serializers.CharField()
    role_label = serializers.CharField(source="get_role_display")
    organisations = MembershipOutputSerializer(many=True, source="memberships.all")


class ConsentOrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()


class ConsentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = ConsentOrganisationSerializer()
    purpose = serializers.CharField()
    purpose_label = serializers.CharField(source="get_purpose_display")
    granted_at = serializers.DateTimeField()
    revoked_at = serializers.DateTimeField(allow_null=True)
    is_active = serializers.BooleanField()
    version = serializers.CharField()


class ConsentListInputSerializer(serializers.Serializer):
    active = serializers.BooleanField(
        required=False, default=False, help_text="Alleen toestemming die nu geldt."
    )


class ConsentInputSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(min_value=1)
    purpose = serializers.ChoiceField(choices=ConsentPurpose.choices)
