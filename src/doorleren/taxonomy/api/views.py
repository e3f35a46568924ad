"""The public, read-only taxonomy API: ESCO occupations and skills, the competency map, search."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from doorleren.taxonomy import selectors
from doorleren.taxonomy.api import serializers as s


class _PublicList(ListAPIView):
    """A paginated public list: ``input_serializer`` checks the query string, ``select`` reads."""

    permission_classes = [AllowAny]
    input_serializer: type = s.serializers.Serializer

    def params(self) -> dict:
        params = self.input_serializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return params.validated_data


class OccupationListApi(_PublicList):
    """ESCO occupations by name; with ``q`` the best 50 search hits, best first."""

    serializer_class = s.OccupationOutputSerializer
    input_serializer = s.OccupationListInputSerializer

    @extend_schema(operation_id="taxonomy_occupations_list", parameters=[s.OccupationListInputSerializer])
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = self.params()
        return selectors.occupation_list(isco_code=params.get("isco"), query=params.get("q"))


class OccupationDetailApi(APIView):
    """One ESCO occupation by the last part of its URI, with labels, skills and regional occupations."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="taxonomy_occupations_retrieve",
        parameters=[
            OpenApiParameter(
                "esco_id", str, OpenApiParameter.PATH, description="Laatste deel van de ESCO-URI."
            )
        ],
        responses={200: s.OccupationDetailOutputSerializer, 404: s.ErrorOutputSerializer},
    )
    def get(self, request: Request, esco_id: str) -> Response:
        occupation = selectors.occupation_get(uri=selectors.esco_uri(kind="occupation", esco_id=esco_id))
        return Response(s.OccupationDetailOutputSerializer(occupation).data)


class SkillListApi(_PublicList):
    """ESCO skills by name, filtered by type and reuse level; with ``q`` the best 50 search hits."""

    serializer_class = s.SkillOutputSerializer
    input_serializer = s.SkillListInputSerializer

    @extend_schema(operation_id="taxonomy_skills_list", parameters=[s.SkillListInputSerializer])
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = self.params()
        return selectors.skill_list(
            skill_type=params.get("type"), reuse_level=params.get("reuse_level"), query=params.get("q")
        )


class SkillDetailApi(APIView):
    """One ESCO skill by the last part of its URI, with labels and the competencies it is part of."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="taxonomy_skills_retrieve",
        parameters=[
            OpenApiParameter(
                "esco_id", str, OpenApiParameter.PATH, description="Laatste deel van de ESCO-URI."
            )
        ],
        responses={200: s.SkillDetailOutputSerializer, 404: s.ErrorOutputSerializer},
    )
    def get(self, request: Request, esco_id: str) -> Response:
        skill = selectors.skill_get(uri=selectors.esco_uri(kind="skill", esco_id=esco_id))
        return Response(s.SkillDetailOutputSerializer(skill).data)


class SectorListApi(APIView):
    """The sectors of the regional competency map."""

    permission_classes = [AllowAny]

    @extend_schema(operation_id="taxonomy_sectors_list", responses=s.SectorOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(s.SectorOutputSerializer(selectors.sector_list(), many=True).data)


class CompetencyListApi(_PublicList):
    """The regional competency map (B1 labels), optionally of one sector or kind."""

    serializer_class = s.CompetencyOutputSerializer
    input_serializer = s.CompetencyListInputSerializer

    @extend_schema(operation_id="taxonomy_competencies_list", parameters=[s.CompetencyListInputSerializer])
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = self.params()
        return selectors.competency_list(sector=params.get("sector"), kind=params.get("kind"))


class CompetencyDetailApi(APIView):
    """One competency by code, with its ESCO skills and the regional occupations that need it."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="taxonomy_competencies_retrieve",
        responses={200: s.CompetencyDetailOutputSerializer, 404: s.ErrorOutputSerializer},
    )
    def get(self, request: Request, code: str) -> Response:
        competency = selectors.competency_get(code=code)
        return Response(s.CompetencyDetailOutputSerializer(competency).data)


class RegionalOccupationListApi(_PublicList):
    """Occupations in the region (the map), optionally of one sector."""

    serializer_class = s.RegionalOccupationOutputSerializer
    input_serializer = s.RegionalOccupationListInputSerializer

    @extend_schema(
        operation_id="taxonomy_regional_occupations_list",
        parameters=[s.RegionalOccupationListInputSerializer],
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.regional_occupation_list(sector=self.params().get("sector"))


class RegionalOccupationDetailApi(APIView):
    """One occupation in the region by code, with the competencies it needs (level 1-4)."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="taxonomy_regional_occupations_retrieve",
        responses={200: s.RegionalOccupationDetailOutputSerializer, 404: s.ErrorOutputSerializer},
    )
    def get(self, request: Request, code: str) -> Response:
        occupation = selectors.regional_occupation_get(code=code)
        return Response(s.RegionalOccupationDetailOutputSerializer(occupation).data)


class SearchApi(APIView):
    """Search occupations, skills or competencies by text; the same result as ``doorleren <kind> search``."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="taxonomy_search",
        parameters=[
            OpenApiParameter(
                "kind",
                str,
                OpenApiParameter.PATH,
                enum=list(selectors.LINKING_KINDS),
                description="Waarin zoeken.",
            ),
            s.SearchInputSerializer,
        ],
        responses={200: s.SearchOutputSerializer, 400: s.ErrorOutputSerializer, 404: s.ErrorOutputSerializer},
    )
    def get(self, request: Request, kind: str) -> Response:
        params = s.SearchInputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        found = selectors.linking_search(
            kind=kind, queries=[params.validated_data["q"]], top=params.validated_data["top"]
        )
        return Response(s.SearchOutputSerializer(found[0]).data)


class TextCompetenciesApi(APIView):
    """Which competencies a free text names (a CV, what you do at work, a vacancy); nothing is stored.

    The same result as ``doorleren extract``. Only for signed-in users: the work behind one call is
    much more than a search.
    """

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="taxonomy_text_competencies",
        request=s.TextCompetenciesInputSerializer,
        responses={
            200: s.TextCompetenciesOutputSerializer,
            400: s.ErrorOutputSerializer,
            403: s.ErrorOutputSerializer,
            503: s.ErrorOutputSerializer,
        },
    )
    def post(self, request: Request) -> Response:
        params = s.TextCompetenciesInputSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        text = selectors.text_check(text=params.validated_data["text"])
        found = selectors.text_competencies(text=text, top=params.validated_data["top"])
        return Response(s.TextCompetenciesOutputSerializer({"chars": len(text), **found}).data)
