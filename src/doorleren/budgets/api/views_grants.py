"""``/api/v1/budgets/grants/``: coaches and employer users grant a budget to a resident who gave
their organisation consent (docs/budgets.md, "Een budget toekennen"). Same rules as the page."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from doorleren.privacy import services as privacy_services

from .. import selectors, services
from ..models import REASON_MAX
from .serializers import BudgetRuleOutputSerializer, ResidentBudgetOutputSerializer

TAG = "budgetten"
ERRORS = {
    403: OpenApiResponse(description="Niet ingelogd als coach of werkgever."),
    404: OpenApiResponse(description="Deze inwoner bestaat niet of gaf uw organisatie geen toestemming."),
}


class MayGrant(permissions.BasePermission):
    message = gettext_lazy("Alleen coaches en werkgevers kunnen budgetten toekennen.")

    def has_permission(self, request, view) -> bool:
        return selectors.may_grant_budgets(user=request.user)


def _choice_or_404(request, pk: int):
    choice = selectors.grant_choice_for_id(actor=request.user, resident_id=pk, on=timezone.localdate())
    if choice is None:
        raise NotFound(_("Deze inwoner bestaat niet of gaf uw organisatie geen toestemming."))
    return choice


class GrantChoiceOutputSerializer(serializers.Serializer):
    resident = serializers.IntegerField(source="resident.pk")
    has_profile = serializers.BooleanField()
    budgets = ResidentBudgetOutputSerializer(many=True, source="budgets.granted")
    rules = BudgetRuleOutputSerializer(
        many=True, help_text="De regelingen die u deze inwoner vandaag kunt geven."
    )


class GrantInputSerializer(serializers.Serializer):
    resident = serializers.IntegerField(min_value=1, max_value=selectors.ID_MAX)
    rule = serializers.IntegerField(min_value=1, max_value=selectors.ID_MAX)
    reason = serializers.CharField(
        max_length=REASON_MAX, help_text="Waarom de inwoner dit budget krijgt. Komt in het logboek."
    )


class GrantOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    resident = serializers.IntegerField(source="resident_id")
    rule = serializers.IntegerField(source="rule_id")
    amount_cents = serializers.IntegerField()
    valid_from = serializers.DateField()
    valid_until = serializers.DateField()


class GrantChoiceView(APIView):
    permission_classes = [permissions.IsAuthenticated, MayGrant]

    @extend_schema(
        operation_id="budgets_grant_choice",
        tags=[TAG],
        summary="Wat kan ik deze inwoner toekennen?",
        description=(
            "Voor coaches en werkgevers: de budgetten van de inwoner en de regelingen die u de inwoner "
            "vandaag kunt geven. Alleen voor inwoners die uw organisatie toestemming gaven."
        ),
        responses={200: GrantChoiceOutputSerializer, **ERRORS},
    )
    def get(self, request, pk: int):
        choice = _choice_or_404(request, pk)
        privacy_services.profile_view_record(
            viewer=request.user, resident=choice.resident, purpose="view_profile", what="grant"
        )
        return Response(GrantChoiceOutputSerializer(choice).data)


class GrantCreateView(APIView):
    permission_classes = [permissions.IsAuthenticated, MayGrant]

    @extend_schema(
        operation_id="budgets_grant_create",
        tags=[TAG],
        summary="Een budget toekennen",
        description=(
            "Geeft de inwoner het budget van een regeling. Het geld gaat uit de pot van de financier. "
            "Wie, wanneer en waarom komt in het logboek. Al gekregen of geen geld meer: 409."
        ),
        request=GrantInputSerializer,
        responses={
            201: GrantOutputSerializer,
            400: OpenApiResponse(description="Iets in de aanvraag klopt niet."),
            409: OpenApiResponse(description="Al gekregen, of het geld van de regeling is op."),
            **ERRORS,
        },
    )
    def post(self, request):
        serializer = GrantInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        choice = _choice_or_404(request, data["resident"])
        rules = {view.rule.pk: view.rule for view in choice.rules}
        if data["rule"] not in rules:
            raise serializers.ValidationError(
                {"rule": [_("Deze regeling kunt u deze inwoner niet geven. Kies een regeling uit de lijst.")]}
            )
        budget = services.budget_grant(
            rule=rules[data["rule"]], resident=choice.resident, actor=request.user, reason=data["reason"]
        )
        return Response(GrantOutputSerializer(budget).data, status=status.HTTP_201_CREATED)
