"""``/api/v1/opportunities/``: public read of open work and assignments."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from doorleren.core.api import LimitOffsetPagination
from doorleren.core.errors import ApplicationError

from .. import selectors
from .serializers import (
    OpportunityDetailOutputSerializer,
    OpportunityFilterInputSerializer,
    OpportunityListOutputSerializer,
)

TAG = "werk"


class OpportunityListView(APIView):
    permission_classes = [permissions.AllowAny]
    pagination_class = LimitOffsetPagination

    @extend_schema(
        operation_id="opportunities_list",
        tags=[TAG],
        summary="Open werk en opdrachten",
        parameters=[OpportunityFilterInputSerializer],
        responses={
            200: OpportunityListOutputSerializer(many=True),
            400: OpenApiResponse(description="Een filter klopt niet."),
        },
    )
    def get(self, request):
        filters = OpportunityFilterInputSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queryset = selectors.opportunities_search(**filters.validated_data)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(OpportunityListOutputSerializer(page, many=True).data)


class OpportunityDetailView(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        operation_id="opportunities_retrieve",
        tags=[TAG],
        summary="Eén open werk of opdracht, met de gevraagde competenties",
        responses={
            200: OpportunityDetailOutputSerializer,
            404: OpenApiResponse(description="Bestaat niet of is gesloten."),
        },
    )
    def get(self, request, pk: int):
        opportunity = selectors.opportunity_public_get(pk=pk)
        if opportunity is None:
            raise ApplicationError(_("Dit werk bestaat niet of is gesloten."), code="not_found", status=404)
        return Response(OpportunityDetailOutputSerializer(opportunity).data)
