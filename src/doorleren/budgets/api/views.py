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


# --- Money reports (docs/budgets.md, "Rapporten") ----------------------------------------------------
from django.utils import timezone  # noqa: E402
from drf_spectacular.utils import OpenApiParameter  # noqa: E402

from doorleren.accounts.selectors import has_role  # noqa: E402

from ..views import LEDGER_ROLES  # noqa: E402
from .serializers import MoneyReportOutputSerializer  # noqa: E402


class HasLedgerRole(permissions.BasePermission):
    message = gettext_lazy("Alleen coaches, het programmabureau en beheerders zien dit rapport.")

    def has_permission(self, request, view) -> bool:
        return any(has_role(user=request.user, role=role) for role in LEDGER_ROLES)


class MoneyReportView(APIView):
    permission_classes = [permissions.IsAuthenticated, HasLedgerRole]

    @extend_schema(
        operation_id="budgets_reports",
        tags=[TAG],
        summary="Rapport: geld voor leren",
        description=(
            "Per financier, programmalijn, gemeente of doelgroep: toegekend aan inwoners, uitgegeven, "
            "gereserveerd, vrijgegeven, nog te besteden en verlopen (in centen), het aantal inwoners, en "
            "of de boekhouding klopt. Een rij over minder dan 10 inwoners heeft geen bedragen (null); zie "
            "docs/budgets.md, 'Rapporten'. Voor coaches, het programmabureau en beheerders."
        ),
        parameters=[
            OpenApiParameter(
                "per",
                str,
                enum=list(selectors.REPORT_KINDS),
                default=selectors.FUNDER,
                description="Waarop de rijen gaan: financier, programmalijn, gemeente of doelgroep.",
            )
        ],
        responses={
            200: MoneyReportOutputSerializer,
            400: OpenApiResponse(description="Deze indeling kennen wij niet (code report_per_invalid)."),
            403: OpenApiResponse(description="Niet ingelogd als coach, programmabureau of beheerder."),
        },
    )
    def get(self, request):
        report = selectors.money_report(
            by=request.query_params.get("per", selectors.FUNDER), today=timezone.localdate()
        )
        data = {"report": report, "reconciliation": selectors.ledger_reconciliation()}
        return Response(MoneyReportOutputSerializer(data).data)
