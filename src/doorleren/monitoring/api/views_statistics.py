"""``/api/v1/monitoring/indicators/``: the regional indicators (docs/monitoring-statistics.md).

- ``GET indicators/``: every indicator with the region's latest figure.
- ``GET indicators/<code>/values/?year=&municipality=``: the stored figures, small cells hidden.
- ``POST indicators/import-csv/``: read a CSV file (multipart, field ``file``), all or nothing.

Programme office and administrators only (as the pages); others get 403.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from doorleren.core.errors import ApplicationError
from doorleren.region import selectors as region_selectors

from ..selectors import statistics as selectors
from ..services import statistics as services
from ..views.statistics import may_see_statistics
from .serializers_statistics import (
    StatImportInputSerializer,
    StatImportOutputSerializer,
    StatIndicatorOutputSerializer,
    StatValueOutputSerializer,
    StatValuesInputSerializer,
)

TAG = "monitoring"
FORBIDDEN = OpenApiResponse(description="Alleen het programmabureau en beheerders.")


class MaySeeStatistics(permissions.BasePermission):
    message = gettext_lazy("Alleen het programmabureau en beheerders zien de regionale cijfers.")

    def has_permission(self, request, view) -> bool:
        return may_see_statistics(request.user)


def _indicator_view(indicator) -> dict:
    latest = selectors.stat_latest(indicator=indicator)
    return {
        "code": indicator.code,
        "name": indicator.name,
        "description": indicator.description,
        "unit": indicator.unit,
        "is_main_goal": indicator.is_main_goal,
        "higher_is_better": indicator.higher_is_better,
        "decimals": indicator.decimals,
        "aggregation": indicator.aggregation,
        "weight_indicator": indicator.weight_indicator.code if indicator.weight_indicator_id else None,
        "latest": {
            "year": latest.year,
            "value": latest.cell.value,
            "source": latest.cell.source,
            "is_demo": latest.cell.is_demo,
            "computed": latest.cell.computed,
        }
        if latest
        else None,
    }


class IndicatorListView(APIView):
    permission_classes = [permissions.IsAuthenticated, MaySeeStatistics]

    @extend_schema(
        operation_id="monitoring_indicators_list",
        tags=[TAG],
        summary="Regionale indicatoren",
        description=(
            "De indicatoren van de doelen uit het regionale plan, met het laatste cijfer voor de regio, "
            "het jaar en de bron. is_demo: een voorbeeldcijfer, geen echte meting."
        ),
        responses={200: StatIndicatorOutputSerializer(many=True), 403: FORBIDDEN},
    )
    def get(self, request):
        data = [_indicator_view(indicator) for indicator in selectors.stat_indicators()]
        return Response(StatIndicatorOutputSerializer(data, many=True).data)


class IndicatorValuesView(APIView):
    permission_classes = [permissions.IsAuthenticated, MaySeeStatistics]

    @extend_schema(
        operation_id="monitoring_indicators_values",
        tags=[TAG],
        summary="Cijfers van één indicator",
        description=(
            "Per gemeente van nu (en de regio: municipality leeg) en jaar. Filter met ?year= en "
            "?municipality= (CBS-code of naam). reported_codes: omgerekend van oude gemeenten. "
            "Aantallen onder de 10 worden niet getoond (value leeg, suppressed true)."
        ),
        parameters=[StatValuesInputSerializer],
        responses={
            200: StatValueOutputSerializer(many=True),
            400: OpenApiResponse(description="Een filter klopt niet."),
            403: FORBIDDEN,
            404: OpenApiResponse(description="Deze indicator of gemeente bestaat niet."),
        },
    )
    def get(self, request, code: str):
        indicator = selectors.stat_indicator_get(code=code)
        if indicator is None:
            raise ApplicationError(_("Deze indicator bestaat niet."), code="not_found", status=404)
        filters = StatValuesInputSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        municipality = None
        if filters.validated_data.get("municipality"):
            municipality = region_selectors.municipality_resolve(
                code_or_name=filters.validated_data["municipality"]
            )
        rows = selectors.stat_values_list(
            indicator=indicator, year=filters.validated_data.get("year"), municipality=municipality
        )
        return Response(StatValueOutputSerializer(rows, many=True).data)


class IndicatorImportCsvView(APIView):
    permission_classes = [permissions.IsAuthenticated, MaySeeStatistics]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="monitoring_indicators_import_csv",
        tags=[TAG],
        summary="Cijfers inlezen uit een CSV-bestand",
        description=(
            "Kolommen indicator;gemeente;jaar;waarde. Alles of niets: bij een fout in het bestand verandert "
            "er niets en noemt de melding de regel en de kolom. Cijfers onder oude gemeentecodes worden "
            "omgerekend naar de gemeente van nu; wat niet kan, staat in skipped."
        ),
        request={"multipart/form-data": StatImportInputSerializer},
        responses={
            200: StatImportOutputSerializer,
            400: OpenApiResponse(description="Het bestand klopt niet; er is niets opgeslagen."),
            403: FORBIDDEN,
        },
    )
    def post(self, request):
        serializer = StatImportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        detail = serializer.validated_data.get("source_detail") or _("CSV-bestand %(name)s") % {
            "name": (upload.name or "")[:150]
        }
        result = services.stat_values_import_csv(file=upload, source_detail=detail)
        return Response(StatImportOutputSerializer(result).data)
