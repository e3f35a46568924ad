"""Input and output of the fund API (docs/fund.md). Amounts are whole cents. Inputs only parse; the
services decide (and say no in plain Dutch)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import CRITERION_SCORE_MAX, MAX_AMOUNT_CENTS, REASON_MAX, TEXT_MAX, ApplicationState
from ..selectors import ID_MAX
from ..selectors_api import CALL_STATUSES

CRITERIA_MAX = 50
_ID_ERRORS = {
    key: _("Dit is geen geldig nummer.") for key in ("invalid", "min_value", "max_value", "max_string_length")
}
STATE_HELP = (
    "draft (concept), submitted (ingediend), in_review (wordt beoordeeld), granted (toegekend), rejected "
    "(afgewezen), paid (betaald) of accounted_for (verantwoord en afgesloten)."
)
STATUS_HELP = "open: aanvragen kan nu. upcoming: opent later. closed: gesloten."


# --- the plan and calls ---------------------------------------------------------------------------


class FundProgrammeLineOutputSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class FundFunderOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()


class FundIndicatorOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    plan_indicator = serializers.CharField(help_text="Draagt bij aan deze indicator van het plan (of leeg).")


class FundCallCriterionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    description = serializers.CharField()
    weight = serializers.IntegerField(help_text="Hoe zwaar het punt telt.")
    max_score = serializers.IntegerField(help_text="De hoogste score (de laagste is 0).")


class FundCallOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="call.pk")
    title = serializers.CharField(source="call.title")
    description = serializers.CharField(source="call.description")
    programme_line = FundProgrammeLineOutputSerializer(source="call.programme_line")
    fund = FundFunderOutputSerializer(source="call.funder", help_text="Het fonds waar het geld uit komt.")
    ceiling_cents = serializers.IntegerField(source="call.ceiling_cents", help_text="Geld in deze oproep.")
    max_per_application_cents = serializers.IntegerField(source="call.max_per_application_cents")
    opens_on = serializers.DateField(source="call.opens_on")
    closes_on = serializers.DateField(source="call.closes_on", help_text="Open tot en met deze dag.")
    status = serializers.CharField(help_text=STATUS_HELP)


class FundCallDetailOutputSerializer(FundCallOutputSerializer):
    indicators = FundIndicatorOutputSerializer(
        many=True, source="call.indicators.all", help_text="Wat de oproep wil bereiken."
    )
    criteria = FundCallCriterionOutputSerializer(
        many=True, source="call.criteria.all", help_text="Hoe wij beoordelen."
    )
    granted_cents = serializers.IntegerField(
        allow_null=True,
        help_text="Al toegekend; alleen als de oproep open is (zoals de pagina), anders null.",
    )
    left_cents = serializers.IntegerField(
        allow_null=True, help_text="Nog te verdelen; alleen als de oproep open is, anders null."
    )
    may_apply = serializers.BooleanField(
        help_text="Werkt u bij een school, werkgever of overheid waarvoor u mag aanvragen?"
    )


class FundCallListInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=list(CALL_STATUSES),
        required=False,
        help_text="Alleen oproepen die open zijn, later openen of gesloten zijn.",
        error_messages={"invalid_choice": _("Kies open, upcoming of closed.")},
    )


# --- applications ---------------------------------------------------------------------------------


class FundCallRefOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()


class FundOrganisationRefOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    kind = serializers.CharField(help_text="employer, school, government of cooperative.")
    kind_label = serializers.CharField(source="get_kind_display")


class FundApplicationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    call = FundCallRefOutputSerializer()
    lead_organisation = FundOrganisationRefOutputSerializer(help_text="De penvoerder.")
    state = serializers.CharField(help_text=STATE_HELP)
    state_label = serializers.CharField(source="get_state_display")
    requested_cents = serializers.IntegerField()
    granted_cents = serializers.IntegerField(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    paid_at = serializers.DateTimeField(allow_null=True)


class FundApplicationListInputSerializer(serializers.Serializer):
    call = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=ID_MAX,
        error_messages=_ID_ERRORS,
        help_text="Alleen van deze oproep.",
    )
    state = serializers.ChoiceField(
        choices=ApplicationState.choices,
        required=False,
        help_text="Alleen met deze status.",
        error_messages={"invalid_choice": _("Deze status kennen wij niet.")},
    )


class FundMemberOutputSerializer(serializers.Serializer):
    organisation = FundOrganisationRefOutputSerializer()
    role = serializers.CharField(help_text="lead (penvoerder) of partner.")
    role_label = serializers.CharField(source="get_role_display")


class FundTargetOutputSerializer(serializers.Serializer):
    indicator = FundIndicatorOutputSerializer()
    target_value = serializers.IntegerField(help_text="Wat de aanvraag wil bereiken.")
    reported_value = serializers.IntegerField(help_text="Bereikt volgens de verantwoording.")


class FundResultOutputSerializer(serializers.Serializer):
    indicator = FundIndicatorOutputSerializer()
    value = serializers.IntegerField()


class FundSpendingReportOutputSerializer(serializers.Serializer):
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    spent_cents = serializers.IntegerField()
    text = serializers.CharField()
    results = FundResultOutputSerializer(many=True, source="results.all")
    created_at = serializers.DateTimeField()


class FundCriterionMeanOutputSerializer(serializers.Serializer):
    criterion = FundCallCriterionOutputSerializer()
    mean = serializers.FloatField(allow_null=True, help_text="Gemiddelde score; null zonder beoordelingen.")


class FundReviewScoreOutputSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(help_text="Nummer van het beoordelingspunt.")
    score = serializers.IntegerField()


class FundReviewOutputSerializer(serializers.Serializer):
    reviewer = serializers.CharField(source="review.reviewer", help_text="Wie beoordeelde.")
    percent = serializers.IntegerField(help_text="Gewogen score van deze beoordeling, van 0 tot 100.")
    comment = serializers.CharField(source="review.comment")
    created_at = serializers.DateTimeField(source="review.created_at")
    scores = serializers.SerializerMethodField()

    @extend_schema_field(FundReviewScoreOutputSerializer(many=True))
    def get_scores(self, view) -> list[dict]:
        return [{"criterion": criterion.pk, "score": score} for criterion, score in view.scores]


class FundScoresOutputSerializer(serializers.Serializer):
    reviews = serializers.IntegerField(help_text="Aantal beoordelingen.")
    needed = serializers.IntegerField(help_text="Minstens zoveel beoordelingen voor een besluit.")
    percent = serializers.IntegerField(
        allow_null=True, help_text="Gewogen score van 0 tot 100; null zonder beoordelingen."
    )
    per_criterion = FundCriterionMeanOutputSerializer(many=True)
    review_list = FundReviewOutputSerializer(many=True, source="review_views")


class FundApplicationDetailOutputSerializer(FundApplicationOutputSerializer):
    summary = serializers.CharField()
    decision_reason = serializers.CharField(help_text="Waarom toegekend of afgewezen.")
    review_started_at = serializers.DateTimeField(allow_null=True)
    accounted_at = serializers.DateTimeField(allow_null=True)
    programme_line = FundProgrammeLineOutputSerializer(source="call.programme_line")
    members = FundMemberOutputSerializer(many=True, source="detail.members", help_text="De penvoerder eerst.")
    targets = FundTargetOutputSerializer(many=True, source="detail.targets")
    reports = FundSpendingReportOutputSerializer(many=True, source="detail.reports")
    reported_spent_cents = serializers.IntegerField(source="detail.reported_spent_cents")
    next_states = serializers.ListField(
        child=serializers.CharField(),
        help_text="Naar welke status de aanvraag nu kan (zie state).",
    )
    submit_problems = serializers.ListField(
        child=serializers.CharField(),
        allow_null=True,
        help_text="Alleen voor de penvoerder bij een concept: wat nog moet voor het indienen.",
    )
    scores = FundScoresOutputSerializer(
        allow_null=True, help_text="Alleen voor het programmabureau: de beoordelingen en scores."
    )
    may_review = serializers.BooleanField(help_text="Mag u deze aanvraag nu beoordelen?")
    conflict_of_interest = serializers.BooleanField(
        help_text="Alleen programmabureau: u werkt voor een organisatie in dit samenwerkingsverband."
    )


# --- steps ----------------------------------------------------------------------------------------


class FundEmptyInputSerializer(serializers.Serializer):
    """No fields: the address says what to do. A body that is not an object is refused."""

    default_error_messages = {"invalid": _("Stuur geen gegevens, of een leeg JSON-object.")}


class FundScoreInputSerializer(serializers.Serializer):
    default_error_messages = {"invalid": _("Geef per beoordelingspunt een nummer en een score.")}

    criterion = serializers.IntegerField(
        min_value=1, max_value=ID_MAX, error_messages=_ID_ERRORS, help_text="Nummer van het beoordelingspunt."
    )
    score = serializers.IntegerField(
        min_value=0,
        max_value=CRITERION_SCORE_MAX,
        help_text="Van 0 tot en met de hoogste score van het punt.",
        error_messages={
            key: _("Geef een score van 0 tot en met de hoogste score van het punt.")
            for key in ("invalid", "min_value", "max_value", "max_string_length")
        },
    )


class FundReviewInputSerializer(serializers.Serializer):
    default_error_messages = {"invalid": _("Stuur de gegevens als één JSON-object.")}

    scores = FundScoreInputSerializer(
        many=True,
        max_length=CRITERIA_MAX,
        help_text="Een score voor elk beoordelingspunt van de oproep.",
        error_messages={
            "required": _("Geef een score bij elk punt."),
            "null": _("Geef een score bij elk punt."),
            "not_a_list": _("Stuur de scores als een lijst."),
            "max_length": _("Dit zijn te veel scores."),
            "invalid": _("Geef per beoordelingspunt een nummer en een score."),
        },
    )
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=TEXT_MAX,
        help_text="Waarom u deze scores geeft. De aanvragers zien dit niet.",
    )

    def validate_scores(self, value: list[dict]) -> dict[int, int]:
        scores: dict[int, int] = {}
        for row in value:
            if row["criterion"] in scores:
                raise serializers.ValidationError(_("Geef elk beoordelingspunt maar één keer een score."))
            scores[row["criterion"]] = row["score"]
        return scores


class FundDecisionInputSerializer(serializers.Serializer):
    GRANT, REJECT = "grant", "reject"
    default_error_messages = {"invalid": _("Stuur de gegevens als één JSON-object.")}

    decision = serializers.ChoiceField(
        choices=[GRANT, REJECT],
        help_text="grant: toekennen. reject: afwijzen.",
        error_messages={
            "required": _("Kies toekennen of afwijzen."),
            "invalid_choice": _("Kies toekennen of afwijzen."),
            "null": _("Kies toekennen of afwijzen."),
        },
    )
    amount_cents = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_AMOUNT_CENTS,
        help_text="Alleen bij toekennen: het bedrag in centen, hoogstens het gevraagde bedrag.",
        error_messages={
            key: _("Het bedrag moet een heel aantal centen zijn, meer dan 0.")
            for key in ("invalid", "min_value", "max_value", "max_string_length")
        },
    )
    reason = serializers.CharField(
        max_length=REASON_MAX,
        help_text="Waarom u dit besluit. De aanvragers lezen dit; schrijf het in gewone woorden.",
        error_messages={
            "required": _("Schrijf op waarom u dit besluit."),
            "blank": _("Schrijf op waarom u dit besluit."),
            "null": _("Schrijf op waarom u dit besluit."),
        },
    )

    def validate(self, attrs: dict) -> dict:
        if attrs["decision"] == self.GRANT and attrs.get("amount_cents") is None:
            raise serializers.ValidationError({"amount_cents": [_("Vul het bedrag in dat u toekent.")]})
        return attrs
