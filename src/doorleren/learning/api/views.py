"""The learning offer as an API: public reading, and a CSV import for providers. One view per operation."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from doorleren.core.api import LimitOffsetPagination
from doorleren.core.errors import ApplicationError
from doorleren.learning import selectors
from doorleren.learning.api import serializers as s
from doorleren.learning.services import modules_import_csv
from doorleren.learning.services.practical import practical_offer_create

TAG = "leeraanbod"


class _PublicList(generics.ListAPIView):
    permission_classes = [AllowAny]
    pagination_class = LimitOffsetPagination
    filter_serializer_class: type = s.ModuleFilterInputSerializer

    def filters(self) -> dict:
        serializer = self.filter_serializer_class(data=self.request.query_params)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


@extend_schema(
    tags=[TAG],
    summary=_lazy("Modules zoeken"),
    parameters=[s.ModuleFilterInputSerializer],
    responses={200: s.ModuleListOutputSerializer(many=True), 400: s.LearningErrorOutputSerializer},
)
class ModuleListView(_PublicList):
    """Published modules; every filter given must match."""

    serializer_class = s.ModuleListOutputSerializer

    def get_queryset(self):
        data = self.filters()
        return selectors.modules_search(
            q=data.get("q"),
            competency_codes=data.get("competency") or None,
            sector=data.get("sector") or None,
            municipality=data.get("municipality"),
            mode=data.get("mode") or None,
            max_price_cents=data.get("max_price"),
            nlqf=data.get("nlqf"),
            provider=data.get("provider"),
        )


@extend_schema(
    tags=[TAG],
    summary=_lazy("Eén module"),
    responses={200: s.ModuleDetailOutputSerializer, 404: s.LearningErrorOutputSerializer},
)
class ModuleDetailView(generics.RetrieveAPIView):
    permission_classes = [AllowAny]
    serializer_class = s.ModuleDetailOutputSerializer

    def get_object(self):
        module = selectors.module_detail(module_id=self.kwargs["pk"])
        if module is None:
            raise Http404
        return module


@extend_schema(
    tags=[TAG],
    summary=_lazy("Certificaten"),
    responses={200: s.CertificateListOutputSerializer(many=True)},
)
class CertificateListView(generics.ListAPIView):
    permission_classes = [AllowAny]
    pagination_class = LimitOffsetPagination
    serializer_class = s.CertificateListOutputSerializer

    def get_queryset(self):
        return selectors.certificate_list()


@extend_schema(
    tags=[TAG],
    summary=_lazy("Eén certificaat, met zijn modules"),
    responses={200: s.CertificateDetailOutputSerializer, 404: s.LearningErrorOutputSerializer},
)
class CertificateDetailView(generics.RetrieveAPIView):
    permission_classes = [AllowAny]
    serializer_class = s.CertificateDetailOutputSerializer

    def get_object(self):
        certificate = selectors.certificate_detail(certificate_id=self.kwargs["pk"])
        if certificate is None:
            raise Http404
        return certificate


@extend_schema(
    tags=[TAG],
    summary=_lazy("Diploma's"),
    responses={200: s.DiplomaListOutputSerializer(many=True)},
)
class DiplomaListView(generics.ListAPIView):
    permission_classes = [AllowAny]
    pagination_class = LimitOffsetPagination
    serializer_class = s.DiplomaListOutputSerializer

    def get_queryset(self):
        return selectors.diploma_list()


@extend_schema(
    tags=[TAG],
    summary=_lazy("Eén diploma, met zijn regels in gewone woorden"),
    responses={200: s.DiplomaDetailOutputSerializer, 404: s.LearningErrorOutputSerializer},
)
class DiplomaDetailView(generics.RetrieveAPIView):
    permission_classes = [AllowAny]
    serializer_class = s.DiplomaDetailOutputSerializer

    def get_object(self):
        diploma = selectors.diploma_detail(diploma_id=self.kwargs["pk"])
        if diploma is None:
            raise Http404
        return diploma


@extend_schema(
    tags=[TAG],
    summary=_lazy("Leren in de praktijk bij bedrijven"),
    parameters=[s.PracticalFilterInputSerializer],
    responses={200: s.PracticalOfferOutputSerializer(many=True), 400: s.LearningErrorOutputSerializer},
)
class PracticalOfferListView(_PublicList):
    serializer_class = s.PracticalOfferOutputSerializer
    filter_serializer_class = s.PracticalFilterInputSerializer

    def get_queryset(self):
        data = self.filters()
        return selectors.practical_offers_search(
            q=data.get("q"),
            competency_codes=data.get("competency") or None,
            sector=data.get("sector") or None,
            municipality=data.get("municipality"),
            kind=data.get("kind") or None,
        )

    @extend_schema(
        operation_id="learning_practical_offers_create",
        tags=[TAG],
        summary=_lazy("Leren in de praktijk aanbieden"),
        description=_lazy(
            "Voor medewerkers van een bedrijf (werkgever): kennis, mensen die begeleiden, of machines en "
            "ruimte waarmee anderen kunnen leren. Het aanbod staat daarna in het leeraanbod."
        ),
        # The list's filters are no part of this operation.
        parameters=[
            OpenApiParameter(name, exclude=True)
            for name in ("competency", "kind", "municipality", "q", "sector")
        ],
        request=s.PracticalOfferCreateInputSerializer,
        responses={
            201: s.PracticalOfferOutputSerializer,
            400: s.LearningErrorOutputSerializer,
            403: s.LearningErrorOutputSerializer,
        },
    )
    def post(self, request):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        providers = selectors.practical_providers_for_user(user=request.user)
        if not providers.exists():
            raise PermissionDenied(
                _("Alleen medewerkers van een bedrijf kunnen leren in de praktijk aanbieden.")
            )
        serializer = s.PracticalOfferCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if "provider" in data:
            provider = providers.filter(pk=data["provider"]).first()
        else:
            provider = providers.first() if providers.count() == 1 else None
        if provider is None:
            raise ApplicationError(
                _("Kies het bedrijf waarvoor u werkt (provider)."),
                code="invalid",
                extra={"field": "provider"},
            )
        offer = practical_offer_create(
            provider=provider,
            kind=data["kind"],
            title=data["title"],
            description=data["description"],
            capacity=data["capacity"],
            municipality=data["municipality"],
            competencies=data.get("competencies") or {},
            actor=request.user,
        )
        fresh = selectors.practical_offers_for_provider(provider=provider).get(pk=offer.pk)
        return Response(s.PracticalOfferOutputSerializer(fresh).data, status=status.HTTP_201_CREATED)


class ModuleImportView(APIView):
    """A school or company sends its modules as a CSV file (format: docs/learning-offer.md)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        tags=[TAG],
        summary=_lazy("Modules inlezen uit CSV"),
        description=_lazy(
            "Alles of niets: bij één foute regel verandert er niets en krijgt u per regel een melding. "
            "Een module met een code die u al heeft, wordt aangepast."
        ),
        request={"multipart/form-data": s.ModuleImportInputSerializer},
        responses={
            200: s.ModuleImportOutputSerializer,
            400: OpenApiResponse(
                s.ModuleImportErrorOutputSerializer, description=_lazy("Fouten per regel; niets opgeslagen.")
            ),
            403: s.LearningErrorOutputSerializer,
        },
    )
    def post(self, request):
        serializer = s.ModuleImportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        providers = selectors.import_providers_for_user(user=request.user)
        if not providers:
            raise PermissionDenied
        provider_id = serializer.validated_data.get("provider")
        if provider_id is None:
            if len(providers) > 1:
                raise ApplicationError(
                    _("U werkt voor meer organisaties. Geef in 'provider' aan voor welke u inleest."),
                    code="provider_required",
                )
            provider = providers[0]
        else:
            provider = next((p for p in providers if p.pk == provider_id), None)
            if provider is None:
                raise PermissionDenied
        result = modules_import_csv(provider=provider, file=serializer.validated_data["file"])
        output = s.ModuleImportOutputSerializer(
            {
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "rows": result.rows,
            }
        )
        return Response(output.data, status=status.HTTP_200_OK)
