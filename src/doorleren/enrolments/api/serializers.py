"""Input and output of the enrolments API. Inputs only parse; services decide. Amounts are whole cents."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from doorleren.core.db import ID_MAX

from ..models import (
    FINGERPRINT_LENGTH,
    IDEMPOTENCY_KEY_MAX,
    REASON_MAX,
    AnomalyKind,
    EnrolmentState,
    ReviewOutcome,
    Step,
)

CENTS_MAX = 10**12
HOURS_MAX = 100_000
_ID_ERRORS = {
    key: _("Dit is geen geldig nummer.") for key in ("invalid", "min_value", "max_value", "max_string_length")
}


class EnrolmentCreateInputSerializer(serializers.Serializer):
    module = serializers.IntegerField(
        min_value=1,
        max_value=ID_MAX,
        error_messages=_ID_ERRORS,
        help_text="Nummer van een gepubliceerde module.",
    )
    start = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Een startdatum van de module (JJJJ-MM-DD). Leeg: de eerste start vanaf vandaag.",
    )
    idempotency_key = serializers.CharField(
        required=False,
        max_length=IDEMPOTENCY_KEY_MAX,
        help_text=(
            "Sleutel tegen dubbel inschrijven; of stuur de kop Idempotency-Key. Een nieuw verzoek met "
            "dezelfde sleutel geeft dezelfde inschrijving terug en reserveert niets extra."
        ),
    )
    price_cents = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=CENTS_MAX,
        help_text=(
            "Niet verplicht. De prijs die u verwacht, in centen. Is die anders dan de prijs in het aanbod, "
            "dan wordt de inschrijving geweigerd (409): wij betalen nooit meer dan de prijs in het aanbod."
        ),
    )
    expected_left_to_pay_cents = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=CENTS_MAX,
        help_text="Niet verplicht. Wat de inwoner zag dat hij zelf betaalt; is het veranderd, dan 409.",
    )
    reason = serializers.CharField(required=False, allow_blank=True, max_length=REASON_MAX)


class EnrolmentStepInputSerializer(serializers.Serializer):
    enrolment = serializers.IntegerField(min_value=1, max_value=ID_MAX, error_messages=_ID_ERRORS)
    step = serializers.ChoiceField(
        choices=Step.choices,
        help_text="cancel, confirm_start, confirm_attendance, pay of drop_out (zie docs/enrolments.md).",
    )
    attended_hours = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=HOURS_MAX,
        help_text="Voor confirm_attendance en drop_out: de uren dat de inwoner er was.",
    )
    reason = serializers.CharField(required=False, allow_blank=True, max_length=REASON_MAX)


class EnrolmentListInputSerializer(serializers.Serializer):
    state = serializers.ChoiceField(
        choices=EnrolmentState.choices, required=False, help_text="Alleen inschrijvingen met deze status."
    )


class _RefOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")


class ModuleRefOutputSerializer(_RefOutputSerializer):
    title = serializers.CharField()


class ProviderRefOutputSerializer(_RefOutputSerializer):
    name = serializers.CharField()


class FundingOutputSerializer(serializers.Serializer):
    position = serializers.IntegerField(help_text="1 betaalt eerst.")
    budget = serializers.IntegerField(source="budget_id")
    funder = serializers.CharField(source="budget.rule.funder.name")
    amount_cents = serializers.IntegerField(help_text="Gereserveerd, in centen.")
    paid_cents = serializers.IntegerField(help_text="Betaald aan de aanbieder, in centen.")
    released_cents = serializers.IntegerField(help_text="Terug naar het budget, in centen.")


class EnrolmentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    module = ModuleRefOutputSerializer()
    provider = ProviderRefOutputSerializer()
    resident = serializers.IntegerField(source="resident_id")
    state = serializers.CharField(
        help_text="requested, reserved, started, attended, paid, cancelled of dropped_out."
    )
    state_label = serializers.CharField(source="get_state_display")
    start_date = serializers.DateField()
    module_hours = serializers.IntegerField()
    price_cents = serializers.IntegerField(help_text="De prijs in het aanbod bij inschrijving.")
    covered_cents = serializers.IntegerField(help_text="Gereserveerd uit budgetten.")
    left_to_pay_cents = serializers.IntegerField(help_text="Betaalt de inwoner zelf aan de aanbieder.")
    attended_hours = serializers.IntegerField(allow_null=True)
    provider_paid_cents = serializers.IntegerField()
    released_cents = serializers.IntegerField()
    resident_share_cents = serializers.IntegerField(
        allow_null=True, help_text="Wat de inwoner de aanbieder zelf betaalt, als de inschrijving klaar is."
    )
    fundings = FundingOutputSerializer(many=True)
    steps = serializers.ListField(
        child=serializers.CharField(), help_text="De stappen die u nu mag zetten (POST .../transitions/)."
    )
    created_at = serializers.DateTimeField()


class HistoryOutputSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    action = serializers.CharField()
    state = serializers.CharField(allow_null=True)
    by = serializers.CharField(allow_null=True, help_text="resident, provider, system")
    actor = serializers.CharField(allow_null=True)
    reason = serializers.CharField()


class EnrolmentDetailOutputSerializer(EnrolmentOutputSerializer):
    history = HistoryOutputSerializer(many=True)


# --- signals for coaches (docs/enrolments.md, "Signalen voor coaches") ---------------------------


class AnomalyListInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=AnomalyKind.choices,
        required=False,
        help_text="Alleen signalen van deze soort: burst, no_attendance, low_attendance of shared_iban.",
    )
    status = serializers.ChoiceField(
        choices=[("open", "open"), ("reviewed", "bekeken")],
        required=False,
        help_text="open: nog niemand besloot iets; reviewed: er is al een besluit.",
    )


class AnomalyReviewInputSerializer(serializers.Serializer):
    fingerprint = serializers.RegexField(
        r"^[0-9a-f]{64}$",
        max_length=FINGERPRINT_LENGTH,
        help_text="Het kenmerk van het signaal (fingerprint uit GET .../anomalies/).",
        error_messages={
            "invalid": _("Dit signaal kennen wij niet."),
            "max_length": _("Dit signaal kennen wij niet."),
        },
    )
    outcome = serializers.ChoiceField(
        choices=ReviewOutcome.choices, help_text="in_orde, onderzoeken of gemeld."
    )
    reason = serializers.CharField(max_length=REASON_MAX, help_text="Verplicht: waarom dit besluit.")


class AnomalyProviderOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class AnomalyEnrolmentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    resident_name = serializers.CharField(
        help_text="Alleen als de inwoner uw organisatie toestemming gaf; anders leeg."
    )


class AnomalyReviewOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    fingerprint = serializers.CharField()
    kind = serializers.CharField()
    outcome = serializers.CharField(help_text="in_orde, onderzoeken of gemeld.")
    outcome_label = serializers.CharField(source="get_outcome_display")
    reason = serializers.CharField()
    reviewer = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_reviewer(self, review) -> str:
        return review.reviewer.get_full_name() or review.reviewer.username


class AnomalyOutputSerializer(serializers.Serializer):
    fingerprint = serializers.CharField(help_text="Blijft gelijk zolang het signaal over hetzelfde gaat.")
    kind = serializers.CharField(help_text="burst, no_attendance, low_attendance of shared_iban.")
    kind_label = serializers.CharField()
    reason = serializers.CharField(help_text="Waarom dit een signaal is, in gewone taal.")
    providers = AnomalyProviderOutputSerializer(many=True)
    day = serializers.DateField(allow_null=True, help_text="burst: de dag; anders de startdatum.")
    count = serializers.IntegerField(allow_null=True)
    enrolments = AnomalyEnrolmentOutputSerializer(many=True)
    facts = serializers.DictField(help_text="De feiten achter het signaal; nooit namen.")
    reviews = AnomalyReviewOutputSerializer(many=True, help_text="Besluiten, nieuwste eerst.")
