"""Input and output of the fair-allocation API (docs/budgets.md, "Schaars geld eerlijk verdelen").

Outputs only show what the selectors give: the public round (no names, no profile facts) and the
resident's own application with the sentences why. Inputs only parse; the services decide.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .serializers import BudgetFunderOutputSerializer

PHASE_HELP = (
    "upcoming: nog niet open. open: aanvragen kan. closed: de periode is voorbij, het zaad is bekend. "
    "allocated: het geld is verdeeld."
)


class AllocationRoundRuleOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    amount_cents = serializers.IntegerField(help_text="Het budget per persoon, in centen.")
    funder = BudgetFunderOutputSerializer()


class AllocationRoundSummaryOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="round.pk")
    name = serializers.CharField(source="round.name")
    phase = serializers.CharField(help_text=PHASE_HELP)
    sentence = serializers.CharField(help_text="Waar de ronde staat, in één zin.")
    rule = AllocationRoundRuleOutputSerializer(source="round.rule")
    money_cents = serializers.IntegerField(
        source="round.money_cents", help_text="Geld in deze ronde, in centen."
    )
    opens_on = serializers.DateField(source="round.opens_on", help_text="Aanvragen kan vanaf deze dag.")
    closes_on = serializers.DateField(
        source="round.closes_on", help_text="Aanvragen kan tot en met deze dag."
    )


class AllocationRoundCriterionOutputSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="no_start_qualification, job_seeker, risk_of_job_loss of earthquake_area."
    )
    label = serializers.CharField()
    points = serializers.IntegerField()


class AllocationRoundRankingRowOutputSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    number = serializers.IntegerField(help_text="Het aanvraagnummer in de ronde: de invoer van de loting.")
    points = serializers.IntegerField()
    lottery_number = serializers.IntegerField()
    granted = serializers.BooleanField()


class AllocationRoundRankingPageOutputSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = AllocationRoundRankingRowOutputSerializer(many=True)


class AllocationRoundResultOutputSerializer(serializers.Serializer):
    available_cents = serializers.IntegerField(
        source="round.available_cents",
        help_text="Verdeeld geld: dat van de ronde, of minder als er minder in de pot zat.",
    )
    granted_cents = serializers.IntegerField(source="round.granted_cents")
    remaining_cents = serializers.IntegerField()
    granted = serializers.IntegerField(help_text="Aantal gegeven budgetten.")
    ranked = serializers.IntegerField(help_text="Aanvragen in de volgorde.")
    not_ranked = serializers.IntegerField(
        help_text="Aanvragen die niet meededen: de aanvrager paste niet meer."
    )
    first_not_granted_position = serializers.IntegerField(
        allow_null=True, help_text="De plaats waar het geld op was; null als er genoeg was."
    )
    allocated_at = serializers.DateTimeField(source="round.allocated_at")


class AllocationRoundDetailOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="public.round.pk")
    name = serializers.CharField(source="public.round.name")
    description = serializers.CharField(source="public.round.description")
    phase = serializers.CharField(source="public.phase", help_text=PHASE_HELP)
    sentence = serializers.CharField(source="public.sentence")
    rule = AllocationRoundRuleOutputSerializer(source="public.round.rule")
    money_cents = serializers.IntegerField(source="public.round.money_cents")
    opens_on = serializers.DateField(source="public.round.opens_on")
    closes_on = serializers.DateField(source="public.round.closes_on")
    applications = serializers.IntegerField(
        source="public.applications", help_text="Aanvragen die meedoen (ingetrokken niet)."
    )
    criteria = AllocationRoundCriterionOutputSerializer(
        many=True, source="public.criteria", help_text="Punten per voorwaarde."
    )
    seed_hash = serializers.CharField(
        source="public.round.seed_hash", help_text="SHA-256 van het zaad, vanaf het begin bekend."
    )
    seed = serializers.CharField(
        source="public.seed",
        allow_null=True,
        help_text="Het zaad van de loting; null tot de periode voorbij is.",
    )
    result = AllocationRoundResultOutputSerializer(
        allow_null=True, help_text="De uitslag; null tot het geld is verdeeld."
    )
    ranking = AllocationRoundRankingPageOutputSerializer(
        allow_null=True,
        help_text="De volgorde zonder namen, per pagina (?limit= en ?offset=); null tot het geld is verdeeld.",
    )


class AllocationRoundEligibilityOutputSerializer(serializers.Serializer):
    eligible = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField(), help_text="Waarom u niet past.")
    conditions = serializers.ListField(
        child=serializers.CharField(), help_text="Wat wij niet zelf kunnen nagaan."
    )


class AllocationRoundOwnApplicationOutputSerializer(serializers.Serializer):
    number = serializers.IntegerField(source="application.number", help_text="Uw aanvraagnummer.")
    state = serializers.CharField(
        source="application.state",
        help_text="submitted (aangevraagd), granted (toegekend), not_granted (niet toegekend) of withdrawn (ingetrokken).",
    )
    state_label = serializers.CharField(source="application.get_state_display")
    headline = serializers.CharField()
    sentences = serializers.ListField(child=serializers.CharField(), help_text="Waarom, in gewone zinnen.")
    requested_cents = serializers.IntegerField(source="application.requested_cents")
    submitted_at = serializers.DateTimeField(source="application.submitted_at")
    decided_at = serializers.DateTimeField(source="application.decided_at", allow_null=True)
    position = serializers.IntegerField(source="application.position", allow_null=True)
    points = serializers.IntegerField(source="application.points", allow_null=True)
    lottery_number = serializers.IntegerField(source="application.lottery_number", allow_null=True)
    budget = serializers.IntegerField(
        source="application.budget_id",
        allow_null=True,
        help_text="Het nummer van het budget als u het kreeg.",
    )
    can_withdraw = serializers.BooleanField()
    can_apply_again = serializers.BooleanField()


class AllocationRoundApplicationOutputSerializer(serializers.Serializer):
    round = serializers.IntegerField(source="round.pk")
    phase = serializers.CharField(help_text=PHASE_HELP)
    application = AllocationRoundOwnApplicationOutputSerializer(
        allow_null=True, source="view", help_text="Uw aanvraag; null als u niet aanvroeg."
    )
    eligibility = AllocationRoundEligibilityOutputSerializer(
        allow_null=True,
        help_text="Alleen als u nu (opnieuw) kunt aanvragen: past u bij de regeling, en zo niet, waarom.",
    )
    criteria = AllocationRoundCriterionOutputSerializer(many=True)


class AllocationRoundApplyInputSerializer(serializers.Serializer):
    default_error_messages = {"invalid": _("Stuur de gegevens als één JSON-object.")}

    risk_of_job_loss = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Ik werk en mijn baan is in gevaar. Telt alleen als u werkt.",
        error_messages={"invalid": _("Kies ja of nee."), "null": _("Kies ja of nee.")},
    )


class AllocationRoundAllocateInputSerializer(serializers.Serializer):
    """No fields: the request says what to do by its address. A body that is not an object is refused."""

    default_error_messages = {"invalid": _("Stuur geen gegevens, of een leeg JSON-object.")}
