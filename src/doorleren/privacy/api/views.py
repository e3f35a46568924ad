"""``/api/v1/privacy/my-data/``: everything the platform keeps about the logged-in resident, as JSON
(the same as the download on "Mijn gegevens", docs/security-privacy.md)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from doorleren.accounts.selectors import is_resident

from .. import selectors

TAG = "privacy"


class IsResident(permissions.BasePermission):
    message = gettext_lazy("Alleen inwoners kunnen hun eigen gegevens downloaden.")

    def has_permission(self, request, view) -> bool:
        return is_resident(user=request.user)


class MyDataView(APIView):
    permission_classes = [permissions.IsAuthenticated, IsResident]

    @extend_schema(
        operation_id="privacy_my_data",
        tags=[TAG],
        summary="Al mijn gegevens",
        description=(
            "Alles wat doorleren over u bewaart, per onderdeel: account en toestemming, profiel, "
            "inschrijvingen, budgetten (bedragen in centen), leerroutes, ontwikkelplannen, "
            "praktijkopdrachten, deelname en werk, het logboek en wie uw gegevens bekeek. "
            "Datums en tijden in ISO 8601 (tijden in UTC)."
        ),
        responses={
            200: OpenApiResponse(response=OpenApiTypes.OBJECT, description="Al uw gegevens."),
            403: OpenApiResponse(description="Niet ingelogd als inwoner."),
        },
    )
    def get(self, request):
        data = selectors.personal_data_export(user=request.user)
        response = Response(selectors.export_plain(data))
        response["Cache-Control"] = "no-store"
        return response
