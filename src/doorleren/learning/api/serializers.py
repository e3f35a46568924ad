"""Input and output serializers of the learning API. Inputs only parse; services and selectors decide."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from doorleren.core.errors import ApplicationError
from doorleren.learning.models import (
    Certificate,
    DeliveryMode,
    Diploma,
    Module,
    ModuleStart,
    PracticalLearningOffer,
    PracticalOfferKind,
)
from doorleren.learning.money import euro_text_to_cents
from doorleren.learning.selectors import (
    competencies_known,
    diploma_rules,
    provider_for_filter,
    sector_known,
)
from doorleren.learning.services import MAX_FILE_BYTES
from doorleren.region.selectors import municipality_resolve

_CHOICE_ERRORS = {"invalid_choice": _("'{input}' is geen geldige keuze.")}


# ---- inputs


class _OfferFilterInputSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text=_("Zoekwoorden: in titel, omschrijving, aanbieder of competentie."),
    )
    competency = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=1000,
        help_text=_(
            "Eén of meer codes uit de competentiekaart, gescheiden door komma's. Leert minstens één ervan."
        ),
    )
    sector = serializers.CharField(
        required=False, allow_blank=True, max_length=50, help_text=_("Code van een sector.")
    )
    municipality = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text=_("CBS-code of naam van een gemeente, bijvoorbeeld GM0014."),
    )

    def validate_competency(self, value: str) -> list[str]:
        codes = list(dict.fromkeys(code.strip() for code in value.split(",") if code.strip()))
        known = competencies_known(codes=codes)
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise serializers.ValidationError(
                _("Deze competentie kennen wij niet: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return codes

    def validate_sector(self, value: str) -> str:
        value = value.strip()
        if value and not sector_known(code=value):
            raise serializers.ValidationError(_("Deze sector kennen wij niet."))
        return value

    def validate_municipality(self, value: str):
        if not value.strip():
            return None
        try:
            return municipality_resolve(code_or_name=value)
        except ApplicationError as exc:
            raise serializers.ValidationError(exc.message) from exc


class ModuleFilterInputSerializer(_OfferFilterInputSerializer):
    mode = serializers.ChoiceField(
        choices=DeliveryMode.choices, required=False, allow_blank=True, error_messages=_CHOICE_ERRORS
    )
    max_price = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        help_text=_("Hoogste prijs in euro, bijvoorbeeld 500 of 499,95."),
    )
    nlqf = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=8,
        error_messages={
            "invalid": _("Het NLQF-niveau is een getal van 1 tot en met 8."),
            "min_value": _("Het NLQF-niveau is een getal van 1 tot en met 8."),
            "max_value": _("Het NLQF-niveau is een getal van 1 tot en met 8."),
            "max_string_length": _("Het NLQF-niveau is een getal van 1 tot en met 8."),
        },
    )
    provider = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("Id van de aanbieder."),
        error_messages={
            "invalid": _("De aanbieder is een id: een heel getal."),
            "min_value": _("De aanbieder is een id: een heel getal."),
            "max_string_length": _("De aanbieder is een id: een heel getal."),
        },
    )

    def validate_max_price(self, value: str) -> int | None:
        if not value.strip():
            return None
        try:
            return euro_text_to_cents(value)
        except ValueError as exc:
            raise serializers.ValidationError(
                _("'%(value)s' is geen bedrag. Schrijf bijvoorbeeld 500 of 499,95.") % {"value": value[:20]}
            ) from exc

    def validate_provider(self, value: int):
        provider = provider_for_filter(provider_id=value)
        if provider is None:
            raise serializers.ValidationError(_("Deze aanbieder kennen wij niet."))
        return provider


class PracticalFilterInputSerializer(_OfferFilterInputSerializer):
    kind = serializers.ChoiceField(
        choices=PracticalOfferKind.choices, required=False, allow_blank=True, error_messages=_CHOICE_ERRORS
    )


class ModuleImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text=format_lazy(
            _("CSV-bestand, UTF-8, hoogstens {mb} MB."), mb=MAX_FILE_BYTES // (1024 * 1024)
        ),
        error_messages={
            "required": _("Stuur een CSV-bestand mee in het veld 'file'."),
            "empty": _("Het bestand is leeg."),
            "invalid": _("Stuur een bestand mee in het veld 'file'."),
            "no_name": _("Stuur een bestand mee in het veld 'file'."),
        },
    )
    provider = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("Id van de organisatie; alleen nodig als u voor meer organisaties werkt."),
        error_messages={"invalid": _("De organisatie is een id: een heel getal.")},
    )


# ---- outputs


class LearningProviderRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()


class LearningMunicipalityRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class LearningCompetencyLevelOutputSerializer(serializers.Serializer):
    code = serializers.CharField(source="competency.code")
    label = serializers.CharField(source="competency.label")
    level = serializers.IntegerField()
    level_label = serializers.CharField(source="get_level_display", help_text=_("Het niveau in woorden."))


class ModuleStartOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = ModuleStart
        fields = ["start_date", "end_date", "seats"]


class ModuleRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Module
        fields = ["id", "code", "title"]


class CertificateRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Certificate
        fields = ["id", "title"]


class ModuleListOutputSerializer(serializers.ModelSerializer):
    provider = LearningProviderRefSerializer()
    municipality = LearningMunicipalityRefSerializer(allow_null=True)
    mode_label = serializers.CharField(source="get_mode_display")
    competencies = LearningCompetencyLevelOutputSerializer(source="competency_links", many=True)
    upcoming_starts = ModuleStartOutputSerializer(many=True)

    class Meta:
        model = Module
        fields = [
            "id",
            "code",
            "title",
            "provider",
            "hours",
            "price_cents",
            "nlqf_level",
            "mode",
            "mode_label",
            "municipality",
            "language",
            "competencies",
            "upcoming_starts",
        ]


class ModuleDetailOutputSerializer(ModuleListOutputSerializer):
    starts = ModuleStartOutputSerializer(source="all_starts", many=True)
    prerequisites = ModuleRefSerializer(many=True)
    certificates = CertificateRefSerializer(many=True)

    class Meta(ModuleListOutputSerializer.Meta):
        fields = [
            *ModuleListOutputSerializer.Meta.fields,
            "description",
            "starts",
            "prerequisites",
            "certificates",
        ]


class CertificateModuleOutputSerializer(serializers.ModelSerializer):
    provider = LearningProviderRefSerializer()

    class Meta:
        model = Module
        fields = ["id", "code", "title", "provider", "hours", "price_cents", "status"]


class CertificateListOutputSerializer(serializers.ModelSerializer):
    provider = LearningProviderRefSerializer()
    module_count = serializers.IntegerField()
    total_hours = serializers.IntegerField(allow_null=True, help_text=_("Uren van alle modules samen."))
    total_price_cents = serializers.IntegerField(
        allow_null=True, help_text=_("Prijs van alle modules samen, in centen.")
    )

    class Meta:
        model = Certificate
        fields = [
            "id",
            "title",
            "description",
            "provider",
            "module_count",
            "total_hours",
            "total_price_cents",
        ]


class CertificateDetailOutputSerializer(CertificateListOutputSerializer):
    modules = CertificateModuleOutputSerializer(many=True)

    class Meta(CertificateListOutputSerializer.Meta):
        fields = [*CertificateListOutputSerializer.Meta.fields, "modules"]


class DiplomaListOutputSerializer(serializers.ModelSerializer):
    provider = LearningProviderRefSerializer()

    class Meta:
        model = Diploma
        fields = ["id", "title", "level", "provider"]


class DiplomaDetailOutputSerializer(serializers.ModelSerializer):
    provider = LearningProviderRefSerializer()
    certificates = CertificateListOutputSerializer(many=True)
    required_certificate_ids = serializers.SerializerMethodField()
    rules = serializers.SerializerMethodField()

    class Meta:
        model = Diploma
        fields = [
            "id",
            "title",
            "description",
            "level",
            "provider",
            "min_certificates",
            "certificates",
            "required_certificate_ids",
            "rules",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_required_certificate_ids(self, diploma: Diploma) -> list[int]:
        return [c.pk for c in diploma.required_certificates.all()]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_rules(self, diploma: Diploma) -> list[str]:
        return diploma_rules(diploma=diploma)


class PracticalOfferOutputSerializer(serializers.ModelSerializer):
    provider = LearningProviderRefSerializer()
    municipality = LearningMunicipalityRefSerializer()
    kind_label = serializers.CharField(source="get_kind_display")
    competencies = LearningCompetencyLevelOutputSerializer(source="competency_links", many=True)

    class Meta:
        model = PracticalLearningOffer
        fields = [
            "id",
            "kind",
            "kind_label",
            "title",
            "description",
            "capacity",
            "provider",
            "municipality",
            "competencies",
        ]


class ModuleImportOutputSerializer(serializers.Serializer):
    created = serializers.IntegerField(help_text=_("Nieuwe modules."))
    updated = serializers.IntegerField(help_text=_("Bestaande modules die zijn aangepast."))
    unchanged = serializers.IntegerField(help_text=_("Bestaande modules die hetzelfde bleven."))
    rows = serializers.IntegerField(help_text=_("Modules in het bestand."))


class ModuleImportRowErrorOutputSerializer(serializers.Serializer):
    line = serializers.IntegerField(
        allow_null=True, help_text=_("Regel in het bestand (1 is de kopregel); leeg voor het hele bestand.")
    )
    message = serializers.CharField()


class ModuleImportErrorOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    detail = serializers.CharField()
    errors = ModuleImportRowErrorOutputSerializer(
        many=True, required=False, help_text="Per regel; ontbreekt als het hele bestand niet te lezen is."
    )


class LearningErrorOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    detail = serializers.CharField()


# A company offers learning in practice (docs/opportunities.md, "Leren bij bedrijven").
class PracticalOfferCompetencyInputSerializer(serializers.Serializer):
    code = serializers.CharField(
        max_length=80, help_text=_("Code van een competentie uit de competentiekaart.")
    )
    level = serializers.IntegerField(
        min_value=1, max_value=4, error_messages={"invalid": _("Vul een heel getal in.")}
    )


@extend_schema_field({"type": "string", "enum": PracticalOfferKind.values})
class PracticalOfferKindField(serializers.ChoiceField):
    """knowledge | staff | machines, inline in the schema (the name "kind" is taken by other choices)."""

    def __init__(self, **kwargs):
        super().__init__(choices=PracticalOfferKind.choices, **kwargs)


class PracticalOfferCreateInputSerializer(serializers.Serializer):
    provider = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text=_("Id van het bedrijf; mag weg als u voor één bedrijf werkt."),
    )
    kind = PracticalOfferKindField(error_messages=_CHOICE_ERRORS)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    capacity = serializers.IntegerField(
        min_value=1, max_value=10_000, help_text=_("Voor hoeveel mensen tegelijk.")
    )
    municipality = serializers.CharField(
        max_length=100, help_text=_("CBS-code (GM0014) of naam van de gemeente.")
    )
    competencies = PracticalOfferCompetencyInputSerializer(many=True, required=False, max_length=15)

    def validate_municipality(self, value):
        try:
            return municipality_resolve(code_or_name=value)
        except ApplicationError as error:
            raise serializers.ValidationError(error.message) from error

    def validate_competencies(self, value):
        from doorleren.learning.selectors import competency_by_label_or_code

        chosen = {}
        for row in value:
            competency = competency_by_label_or_code(text=row["code"])
            if competency is None or competency.code != row["code"]:
                raise serializers.ValidationError(
                    _("Deze competentie kennen wij niet: %(code)s.") % {"code": row["code"][:80]}
                )
            if competency in chosen:
                raise serializers.ValidationError(_("Een competentie mag er maar één keer in staan."))
            chosen[competency] = row["level"]
        return chosen
