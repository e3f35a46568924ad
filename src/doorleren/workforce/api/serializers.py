"""Input and output of the workforce API. Inputs only parse; services decide. Amounts are whole cents."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from doorleren.core.db import ID_MAX

from ..models import REASON_MAX, HolderState, Horizon, PlanState

DECISIONS = ("agree", "decline")


class RoleCompetencyOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    level = serializers.IntegerField()
    horizon = serializers.ChoiceField(choices=Horizon.choices)
    source = serializers.CharField()


class GapRowOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    have = serializers.IntegerField()
    now = serializers.IntegerField(allow_null=True)
    future = serializers.IntegerField(allow_null=True)


class HolderOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(allow_null=True, help_text="Alleen als de medewerker de rol bevestigde.")
    email = serializers.CharField()
    state = serializers.ChoiceField(choices=HolderState.choices)
    shared = serializers.BooleanField(help_text="Deelt de medewerker het ontwikkelplan met het bedrijf?")
    reason = serializers.CharField(
        help_text="Waarom het bedrijf de niveaus niet ziet (leeg als het ze wel ziet)."
    )
    gap = GapRowOutputSerializer(many=True, allow_null=True)


class RoleOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    regional_occupation = serializers.CharField(allow_null=True)
    description = serializers.CharField()
    competencies = RoleCompetencyOutputSerializer(many=True)
    holders = HolderOutputSerializer(many=True)


class ScanOutputSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    joined_cooperative_at = serializers.DateField(allow_null=True)
    roles = RoleOutputSerializer(many=True)


class PlanFundingOutputSerializer(serializers.Serializer):
    funder = serializers.CharField()
    rule = serializers.CharField()
    amount_cents = serializers.IntegerField()


class PlanItemOutputSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    module_id = serializers.IntegerField(allow_null=True)
    module = serializers.CharField()
    provider = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    hours = serializers.IntegerField()
    price_cents = serializers.IntegerField()
    covered_cents = serializers.IntegerField()
    own_contribution_cents = serializers.IntegerField()
    funding = PlanFundingOutputSerializer(many=True)


class PlanOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.CharField()
    employee = serializers.CharField()
    role = serializers.CharField()
    state = serializers.ChoiceField(choices=PlanState.choices)
    shared = serializers.BooleanField(help_text="Onwaar: het bedrijf ziet de modules en bedragen niet.")
    hours_per_week = serializers.IntegerField(allow_null=True)
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    total_hours = serializers.IntegerField(allow_null=True)
    total_cents = serializers.IntegerField(allow_null=True)
    covered_cents = serializers.IntegerField(allow_null=True)
    own_contribution_cents = serializers.IntegerField(allow_null=True)
    items = PlanItemOutputSerializer(many=True)


class FirmPlanOutputSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    total_hours = serializers.IntegerField()
    total_cents = serializers.IntegerField()
    covered_cents = serializers.IntegerField()
    own_contribution_cents = serializers.IntegerField()
    not_shared = serializers.IntegerField()
    plans = PlanOutputSerializer(many=True)


class PlanDecisionInputSerializer(serializers.Serializer):
    plan = serializers.IntegerField(
        min_value=1,
        max_value=ID_MAX,
        error_messages={
            key: _("Dit is geen geldig nummer.")
            for key in ("invalid", "min_value", "max_value", "max_string_length")
        },
        help_text="Nummer van uw eigen voorgestelde plan.",
    )
    decision = serializers.ChoiceField(
        choices=[("agree", "akkoord"), ("decline", "niet akkoord")],
        error_messages={"invalid_choice": _("Kies agree (akkoord) of decline (niet akkoord).")},
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=REASON_MAX,
        help_text="Niet verplicht: waarom u niet akkoord bent.",
    )
