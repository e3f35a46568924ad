"""``/api/v1/budgets/ledger/``: the ledger overview (the page ``budgets.views.ledger_overview``) as JSON.

Per funder the money put in, left in the pool, granted and still on residents' budgets, and whether
the ledger adds up. Figures only, never persons: a funder with fewer than ``selectors.SMALL_CELL``
residents with a budget shows no count and no amounts about those budgets (null, state ``small``).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from doorleren.accounts.selectors import has_role

from .. import selectors
from ..views import LEDGER_ROLES
from .serializers import BudgetFunderOutputSerializer, ReconciliationOutputSerializer

TAG = "budgetten"
SHOWN, SMALL = "shown", "small"


class MaySeeLedger(permissions.BasePermission):
    message = gettext_lazy("Alleen coaches, het programmabureau en beheerders zien dit overzicht.")

    def has_permission(self, request, view) -> bool:
        return any(has_role(user=request.user, role=role) for role in LEDGER_ROLES)


class LedgerOverviewRowOutputSerializer(serializers.Serializer):
    funder = BudgetFunderOutputSerializer()
    state = serializers.SerializerMethodField(
        help_text="shown: getoond. small: minder dan 10 inwoners met een budget, dus geen aantal en geen "
        "bedragen over hun budgetten."
    )
    funded_cents = serializers.IntegerField(help_text="Geld in de pot gedaan (na terugboekingen), in centen.")
    pool_cents = serializers.IntegerField(help_text="Nog in de pot, niet aan inwoners gegeven, in centen.")
    residents = serializers.SerializerMethodField(
        help_text="Inwoners met een budget van deze financier; null als het er minder dan 10 zijn."
    )
    granted_cents = serializers.IntegerField(
        allow_null=True, help_text="Aan inwoners gegeven, in centen; null als minder dan 10 inwoners."
    )
    in_budgets_cents = serializers.IntegerField(
        allow_null=True,
        help_text="Nog op de budgetten van inwoners, in centen; null als minder dan 10 inwoners.",
    )
    rules = serializers.IntegerField(help_text="Regelingen die vandaag of later gelden.")

    def get_state(self, row) -> str:
        return SMALL if row.small else SHOWN

    def get_residents(self, row) -> int | None:
        return None if row.budgets.suppressed else row.budgets.value


class LedgerOverviewOutputSerializer(serializers.Serializer):
    date = serializers.DateField(help_text="De regelingen die vandaag of later gelden, op deze dag.")
    small_cell = serializers.IntegerField(
        help_text="Financiers met minder inwoners met een budget dan dit tonen geen aantal en geen bedragen "
        "over die budgetten."
    )
    rows = LedgerOverviewRowOutputSerializer(many=True)
    reconciliation = ReconciliationOutputSerializer(
        help_text="Klopt de boekhouding? Alleen aantallen, geen namen of rekeningen."
    )


class LedgerOverviewView(APIView):
    permission_classes = [permissions.IsAuthenticated, MaySeeLedger]

    @extend_schema(
        operation_id="budgets_ledger",
        tags=[TAG],
        summary="Budgetten en financiers",
        description=(
            "Per financier: het geld erin, nog in de pot, aan inwoners gegeven en nog op hun budgetten "
            "(in centen), het aantal regelingen, en of de boekhouding klopt. Hebben minder dan 10 inwoners "
            "een budget van een financier, dan zijn dat aantal en die bedragen null. Geen namen. Voor "
            "coaches, het programmabureau en beheerders, zoals de pagina."
        ),
        responses={
            200: LedgerOverviewOutputSerializer,
            403: OpenApiResponse(description="Niet ingelogd als coach, programmabureau of beheerder."),
        },
    )
    def get(self, request):
        today = timezone.localdate()
        data = {
            "date": today,
            "small_cell": selectors.SMALL_CELL,
            "rows": selectors.funder_overview(today=today),
            "reconciliation": selectors.ledger_reconciliation(),
        }
        return Response(LedgerOverviewOutputSerializer(data).data)
