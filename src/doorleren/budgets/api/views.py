"""``/api/v1/budgets/``: the logged-in resident's own budgets, and who pays what for modules. Read only."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from doorleren.accounts.selectors import is_resident
from doorleren.learning import selectors as learning_selectors

from .. import selectors
from .serializers import (
    FundingSplitInputSerializer,
    FundingSplitOutputSerializer,
    ResidentBudgetsOutputSerializer,
)

TAG = "budgetten"
ERRORS = {
    403: OpenApiResponse(description="Niet ingelogd als inwoner."),
}


class IsResident(permissions.BasePermission):
    message = gettext_lazy("Alleen inwoners hebben budgetten.")

    def has_permission(self, request, view) -> bool:
        return is_resident(user=request.user)


class ResidentBudgetsView(APIView):
    permission_classes = [permissions.IsAuthenticated, IsResident]

    @extend_schema(
        operation_id="budgets_mine",
        tags=[TAG],
        summary="Mijn budgetten",
        description=(
            "Alle budgetten van de ingelogde inwoner, met saldo, financier, einddatum en waarvoor, "
            "en de regelingen die bij de inwoner passen en die hij of zij nog niet kreeg."
        ),
        responses={200: ResidentBudgetsOutputSerializer, **ERRORS},
    )
    def get(self, request):
        data = selectors.budgets_for_resident(resident=request.user)
        return Response(ResidentBudgetsOutputSerializer(data).data)


class FundingSplitView(APIView):
    permission_classes = [permissions.IsAuthenticated, IsResident]

    @extend_schema(
        operation_id="budgets_split",
        tags=[TAG],
        summary="Wie betaalt wat?",
        description=(
            "Hoe de budgetten van de inwoner samen de gekozen modules betalen, per module en in totaal, "
            "en wat de inwoner zelf betaalt (left_to_pay_cents). De volgorde staat in docs/budgets.md: "
            "het eigen ontwikkelbudget betaalt als laatste. Er wordt niets vastgelegd."
        ),
        parameters=[FundingSplitInputSerializer],
        responses={
            200: FundingSplitOutputSerializer,
            400: OpenApiResponse(description="Een nummer van een module klopt niet."),
            **ERRORS,
        },
    )
    def get(self, request):
        serializer = FundingSplitInputSerializer(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        ids = list(dict.fromkeys(serializer.validated_data.get("module", [])))
        found = {
            module.pk: module
            for module in learning_selectors.modules_published().filter(pk__in=ids).select_related("provider")
        }
        unknown = [pk for pk in ids if pk not in found]
        if unknown:
            raise serializers.ValidationError(
                {
                    "module": [
                        _("Deze modules kennen wij niet: %(ids)s.") % {"ids": ", ".join(map(str, unknown))}
                    ]
                }
            )
        split = selectors.funding_split_for_modules(resident=request.user, modules=[found[pk] for pk in ids])
        return Response(FundingSplitOutputSerializer(split).data)
