"""Input and output of the programme API (docs/monitoring-programme.md, "API"). Amounts are whole
cents, dates ISO 8601. Inputs only parse; the services decide (and say no in plain Dutch)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import (
    MAX_AMOUNT_CENTS,
    MAX_STAT_VALUE,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    MeasureStatus,
    TargetGroup,
    Verdict,
)
from ..selectors.programme import ID_MAX

MANY_MAX = 100
VERSION_MAX = 2**31 - 1
_ID_ERRORS = {
    key: _("Dit is geen geldig nummer.") for key in ("invalid", "min_value", "max_value", "max_string_length")
}
STATUS_HELP = (
    "planned (gepland), running (loopt), adjusted (loopt, aangepast), stopped (gestopt), finished (afgerond)."
)
TARGET_GROUP_HELP = "worker (werkenden), job_seeker (werkzoekenden), student (studenten)."
VERDICT_HELP = "continue (doorgaan), adjust (aanpassen), stop (stoppen), too_early (te vroeg om te zeggen)."


def _id(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=ID_MAX, error_messages=_ID_ERRORS, **kwargs)


# --- output -----------------------------------------------------------------------------------------


class MeasureProgrammeLineOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    number = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    is_theme = serializers.BooleanField(help_text="Het overkoepelende thema, geen programmalijn.")


class MeasureNamedOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()


class MeasureMunicipalityOutputSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="CBS-code, zoals GM0014.")
    name = serializers.CharField()


class MeasureTargetOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    indicator = serializers.CharField(source="indicator.code", help_text="Code van de regionale indicator.")
    indicator_name = serializers.CharField(source="indicator.name")
    unit = serializers.CharField(source="indicator.unit")
    target_value = serializers.DecimalField(max_digits=18, decimal_places=4, coerce_to_string=True)
    target_year = serializers.IntegerField()
    contribution = serializers.CharField()


class ActivityResultOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    year = serializers.IntegerField()
    description = serializers.CharField()
    value = serializers.IntegerField()
    unit = serializers.CharField()


class ActivityOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    description = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(allow_null=True)
    cost_cents = serializers.IntegerField()
    results = ActivityResultOutputSerializer(many=True, source="results.all")


class MeasureJudgementOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    judged_on = serializers.DateField()
    verdict = serializers.CharField(help_text=VERDICT_HELP)
    reason = serializers.CharField()
    judged_by = serializers.SerializerMethodField(
        help_text="Naam van wie oordeelde; null: het systeem (demo)."
    )
    estimate = serializers.JSONField(
        allow_null=True,
        help_text="Kopie van de effectschatting op dat moment: effect, ci_low, ci_high, participants, verdict, "
        "computed_at. null als er toen geen was.",
    )

    def get_judged_by(self, judgement) -> str | None:
        user = judgement.judged_by
        return (user.get_full_name() or user.get_username()) if user else None


class MeasureOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    name = serializers.CharField()
    programme_line = MeasureProgrammeLineOutputSerializer()
    responsible = MeasureNamedOutputSerializer(
        allow_null=True, help_text="Organisatie op het platform, of null."
    )
    responsible_name = serializers.CharField(help_text="Verantwoordelijke die niet op het platform staat.")
    budget_cents = serializers.IntegerField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(allow_null=True)
    status = serializers.CharField(help_text=STATUS_HELP)
    version = serializers.IntegerField(help_text="Stuur deze mee bij een wijziging (PATCH).")


class MeasureListOutputSerializer(MeasureOutputSerializer):
    latest_verdict = serializers.SerializerMethodField(
        help_text="Het laatste oordeel, of null. " + VERDICT_HELP
    )

    def get_latest_verdict(self, measure) -> str | None:
        judgements = list(measure.judgements.all())
        return judgements[0].verdict if judgements else None


class MeasureDetailOutputSerializer(MeasureOutputSerializer):
    description = serializers.CharField()
    partners = MeasureNamedOutputSerializer(many=True, source="partners.all")
    partner_names = serializers.CharField(help_text="Partners die niet op het platform staan.")
    target_groups = serializers.ListField(child=serializers.CharField(), help_text=TARGET_GROUP_HELP)
    municipalities = MeasureMunicipalityOutputSerializer(many=True, source="municipalities.all")
    grant_rules = MeasureNamedOutputSerializer(many=True, source="grant_rules.all", help_text="Regelingen.")
    targets = MeasureTargetOutputSerializer(many=True, source="targets.all")
    activities = ActivityOutputSerializer(many=True, source="activities.all")
    judgements = MeasureJudgementOutputSerializer(many=True, source="judgements.all")


class MeasureVersionOutputSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    changed_at = serializers.DateTimeField()
    changed_by = serializers.CharField(help_text="Naam van wie wijzigde (of ‘het systeem’).")
    reason = serializers.CharField()
    changes = serializers.ListField(
        child=serializers.CharField(), help_text="Wat veranderde, in gewone zinnen, zoals op de pagina."
    )
    changed_fields = serializers.ListField(child=serializers.CharField())
    snapshot = serializers.JSONField(help_text="De maatregel na deze wijziging.")


# --- input ------------------------------------------------------------------------------------------


class _MeasureFieldsSerializer(serializers.Serializer):
    programme_line = serializers.SlugField(max_length=50, help_text="Code van de programmalijn of het thema.")
    code = serializers.CharField(
        max_length=60, help_text="Kort en uniek: kleine letters, cijfers en streepjes."
    )
    name = serializers.CharField(max_length=TITLE_MAX)
    description = serializers.CharField(max_length=TEXT_MAX, allow_blank=True, required=False)
    responsible = _id(allow_null=True, required=False, help_text="Id van een organisatie, of null.")
    responsible_name = serializers.CharField(max_length=TITLE_MAX, allow_blank=True, required=False)
    partners = serializers.ListField(child=_id(), max_length=MANY_MAX, required=False, help_text="Ids.")
    partner_names = serializers.CharField(max_length=TEXT_MAX, allow_blank=True, required=False)
    budget_cents = serializers.IntegerField(min_value=0, max_value=MAX_AMOUNT_CENTS, required=False)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(allow_null=True, required=False)
    target_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=TargetGroup.values),
        max_length=len(TargetGroup.values),
        required=False,
        help_text=TARGET_GROUP_HELP,
    )
    municipalities = serializers.ListField(
        child=serializers.CharField(max_length=6),
        max_length=MANY_MAX,
        required=False,
        help_text="CBS-codes van gemeenten van nu, zoals GM0014.",
    )
    # A plain string checked against the choices (an enum here collides in the schema with other "status"
    # enums); the service checks it too.
    status = serializers.CharField(max_length=16, required=False, help_text=STATUS_HELP)

    def validate_status(self, value: str) -> str:
        if value not in MeasureStatus.values:
            raise serializers.ValidationError(_("Kies een stand uit de lijst."))
        return value

    grant_rules = serializers.ListField(child=_id(), max_length=MANY_MAX, required=False, help_text="Ids.")


class MeasureCreateInputSerializer(_MeasureFieldsSerializer):
    reason = serializers.CharField(max_length=REASON_MAX, allow_blank=True, required=False)


class MeasureUpdateInputSerializer(_MeasureFieldsSerializer):
    """Only the fields sent change. ``version`` is the version you read; ``reason`` is required."""

    version = serializers.IntegerField(min_value=1, max_value=VERSION_MAX)
    reason = serializers.CharField(max_length=REASON_MAX)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name not in ("version", "reason"):
                field.required = False


class MeasureJudgementInputSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=Verdict.values, help_text=VERDICT_HELP)
    reason = serializers.CharField(max_length=TEXT_MAX)
    judged_on = serializers.DateField(required=False, help_text="Leeg: vandaag.")


class MeasureTargetInputSerializer(serializers.Serializer):
    indicator = serializers.SlugField(max_length=60, help_text="Code van de regionale indicator.")
    target_value = serializers.DecimalField(
        max_digits=18, decimal_places=4, min_value=-MAX_STAT_VALUE, max_value=MAX_STAT_VALUE
    )
    target_year = serializers.IntegerField(min_value=2000, max_value=2100)
    contribution = serializers.CharField(max_length=REASON_MAX, allow_blank=True, required=False)
    reason = serializers.CharField(max_length=REASON_MAX, allow_blank=True, required=False)


class ActivityInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=TITLE_MAX)
    description = serializers.CharField(max_length=TEXT_MAX, allow_blank=True, required=False)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(allow_null=True, required=False)
    cost_cents = serializers.IntegerField(min_value=0, max_value=MAX_AMOUNT_CENTS, required=False)
    reason = serializers.CharField(max_length=REASON_MAX, allow_blank=True, required=False)


class ActivityResultInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    description = serializers.CharField(max_length=TITLE_MAX)
    value = serializers.IntegerField(min_value=0, max_value=10**9)
    unit = serializers.CharField(max_length=40)
    reason = serializers.CharField(max_length=REASON_MAX, allow_blank=True, required=False)


class MeasureEmptyInputSerializer(serializers.Serializer):
    pass
