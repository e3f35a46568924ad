from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from doorleren.core.api import MAX_LIMIT, LimitOffsetPagination
from doorleren.organisations import selectors
from doorleren.organisations.api.serializers import (
    OrganisationListInputSerializer,
    OrganisationOutputSerializer,
    OrganisationPageOutputSerializer,
)
from doorleren.organisations.validators import kvk_number_normalise
from doorleren.region.selectors import municipality_resolve


class OrganisationListApi(APIView):
    """Public: the directory of schools, governments, cooperatives, funders and cooperative members."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="organisations_list",
        parameters=[
            OrganisationListInputSerializer,
            OpenApiParameter(
                "limit",
                int,
                description=f"Hoeveel organisaties per pagina (standaard 50, hoogstens {MAX_LIMIT}).",
            ),
            OpenApiParameter("offset", int, description="Vanaf welke organisatie (0 is de eerste)."),
        ],
        responses=OrganisationPageOutputSerializer,
    )
    def get(self, request: Request) -> Response:
        params = OrganisationListInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        municipality = (
            municipality_resolve(code_or_name=data["municipality"]) if data.get("municipality") else None
        )
        organisations = selectors.organisations_filter(
            kind=data.get("kind", ""),
            municipality=municipality,
            sector_code=data.get("sector", ""),
            search=data.get("q", ""),
            kvk_number=kvk_number_normalise(data.get("kvk", "")),
            brin_code=data.get("brin", "").strip(),
        )
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(organisations, request, view=self)
        return paginator.get_paginated_response(OrganisationOutputSerializer(page, many=True).data)


class OrganisationDetailApi(APIView):
    """Public: one organisation from the directory."""

    permission_classes = [AllowAny]

    @extend_schema(operation_id="organisations_retrieve", responses=OrganisationOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(OrganisationOutputSerializer(selectors.organisation_get(pk=pk)).data)
