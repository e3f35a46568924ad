from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from doorleren.accounts import selectors, services
from doorleren.accounts.api.serializers import (
    ConsentInputSerializer,
    ConsentListInputSerializer,
    ConsentOutputSerializer,
    MeOutputSerializer,
)
from doorleren.accounts.models import Role
from doorleren.core.errors import ApplicationError
from doorleren.organisations.selectors import organisation_get


def _resident_only(request: Request) -> None:
    if request.user.role != Role.RESIDENT:
        raise ApplicationError(
            _("Alleen inwoners geven toestemming voor hun eigen gegevens."), code="not_resident", status=403
        )


class MeApi(APIView):
    """The logged-in user."""

    @extend_schema(operation_id="accounts_me", responses=MeOutputSerializer)
    def get(self, request: Request) -> Response:
        return Response(MeOutputSerializer(request.user).data)


class ConsentListGrantApi(APIView):
    """The logged-in resident's consents (GET) and giving a new one (POST)."""

    @extend_schema(
        operation_id="accounts_consents_list",
        parameters=[ConsentListInputSerializer],
        responses=ConsentOutputSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        _resident_only(request)
        params = ConsentListInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        consents = selectors.consents_for_resident(
            resident=request.user, active_only=params.validated_data["active"]
        )
        return Response(ConsentOutputSerializer(consents, many=True).data)

    @extend_schema(
        operation_id="accounts_consents_grant",
        request=ConsentInputSerializer,
        responses={200: ConsentOutputSerializer, 201: ConsentOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        _resident_only(request)
        data = ConsentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        organisation = organisation_get(pk=data.validated_data["organisation"], public_only=False)
        before = selectors.consent_active(
            resident=request.user, organisation=organisation, purpose=data.validated_data["purpose"]
        )
        consent = services.consent_grant(
            resident=request.user, organisation=organisation, purpose=data.validated_data["purpose"]
        )
        created = before is None or before.pk != consent.pk
        return Response(
            ConsentOutputSerializer(consent).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class ConsentRevokeApi(APIView):
    """The logged-in resident withdraws a consent."""

    @extend_schema(
        operation_id="accounts_consents_revoke",
        request=ConsentInputSerializer,
        responses=ConsentOutputSerializer,
    )
    def post(self, request: Request) -> Response:
        _resident_only(request)
        data = ConsentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        organisation = organisation_get(pk=data.validated_data["organisation"], public_only=False)
        consent = services.consent_revoke(
            resident=request.user, organisation=organisation, purpose=data.validated_data["purpose"]
        )
        return Response(ConsentOutputSerializer(consent).data)
