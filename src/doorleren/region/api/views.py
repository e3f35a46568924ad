from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from doorleren.region import selectors
from doorleren.region.api.serializers import (
    MunicipalityDetailOutputSerializer,
    MunicipalityListInputSerializer,
    MunicipalityOutputSerializer,
    MunicipalityResolveInputSerializer,
    MunicipalityResolveOutputSerializer,
)


class MunicipalityListApi(APIView):
    """Public: the municipalities of the labour-market region (current ones, or all with include_former)."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="region_municipalities_list",
        parameters=[MunicipalityListInputSerializer],
        responses=MunicipalityOutputSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        params = MunicipalityListInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        if params.validated_data["include_former"]:
            municipalities = selectors.municipalities_all()
        else:
            municipalities = selectors.municipalities_current()
        return Response(MunicipalityOutputSerializer(municipalities, many=True).data)


class MunicipalityDetailApi(APIView):
    """Public: one municipality by CBS code, current or former, with what it is now."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="region_municipalities_retrieve", responses=MunicipalityDetailOutputSerializer
    )
    def get(self, request: Request, code: str) -> Response:
        municipality = selectors.municipality_get(code=code)
        current = selectors.municipality_current_for(municipality=municipality)
        data = MunicipalityOutputSerializer(municipality).data
        data["current"] = MunicipalityOutputSerializer(current).data
        data["former_municipalities"] = [
            {"code": m.code, "name": m.name, "dissolved_on": m.dissolved_on}
            for m in selectors.municipality_predecessors(municipality=municipality)
        ]
        return Response(MunicipalityDetailOutputSerializer(data).data)


class MunicipalityResolveApi(APIView):
    """Public: which current municipality is this code or name (also old ones, e.g. Appingedam)?"""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="region_municipalities_resolve",
        parameters=[
            OpenApiParameter(
                "q", str, required=True, description="Code of naam, bijvoorbeeld GM0003 of Haren."
            )
        ],
        responses=MunicipalityResolveOutputSerializer,
    )
    def get(self, request: Request) -> Response:
        params = MunicipalityResolveInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        query = params.validated_data["q"]
        matched = selectors.municipality_lookup(code_or_name=query)
        current = selectors.municipality_current_for(municipality=matched)
        return Response(
            MunicipalityResolveOutputSerializer(
                {"query": query, "matched": matched, "municipality": current}
            ).data
        )
