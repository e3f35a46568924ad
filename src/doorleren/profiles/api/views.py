"""The own-profile API: ``/api/v1/profile/``. A resident reads and changes only their own profile.

There are no ids of people in these URLs; objects (work experience, education) are looked up
inside the caller's own profile, so someone else's id gives 404.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from doorleren.accounts.selectors import is_resident
from doorleren.core.errors import ApplicationError

from .. import selectors, services
from ..models import ResidentProfile
from .serializers import (
    EducationInputSerializer,
    EducationOutputSerializer,
    ProfileInputSerializer,
    ProfileOutputSerializer,
    ResidentCompetencyInputSerializer,
    ResidentCompetencyOutputSerializer,
    WorkExperienceInputSerializer,
    WorkExperienceOutputSerializer,
)

TAG = "profiel"
ERRORS = {
    400: OpenApiResponse(description="Niet alle gegevens kloppen; ``fields`` zegt per veld wat er mis is."),
    403: OpenApiResponse(description="Niet ingelogd als inwoner."),
    404: OpenApiResponse(description="U heeft nog geen profiel, of dit bestaat niet in uw profiel."),
}


class IsResident(permissions.BasePermission):
    message = gettext_lazy("Alleen inwoners hebben een profiel.")

    def has_permission(self, request, view) -> bool:
        return is_resident(user=request.user)


class OwnProfileAPIView(APIView):
    permission_classes = [permissions.IsAuthenticated, IsResident]

    def own_profile(self) -> ResidentProfile:
        profile = selectors.profile_for_user(user=self.request.user)
        if profile is None:
            raise ApplicationError(
                _("U heeft nog geen profiel. Maak eerst uw profiel met POST /api/v1/profile/."),
                code="profile_missing",
                status=404,
            )
        return profile


class ProfileView(OwnProfileAPIView):
    @extend_schema(
        operation_id="profile_retrieve",
        tags=[TAG],
        summary="Mijn profiel",
        responses={200: ProfileOutputSerializer, **ERRORS},
    )
    def get(self, request):
        return Response(ProfileOutputSerializer(self.own_profile()).data)

    @extend_schema(
        operation_id="profile_create",
        tags=[TAG],
        summary="Mijn profiel maken",
        request=ProfileInputSerializer,
        responses={
            201: ProfileOutputSerializer,
            409: OpenApiResponse(description="U heeft al een profiel."),
            **ERRORS,
        },
    )
    def post(self, request):
        serializer = ProfileInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.setdefault("preferred_sectors", [])
        services.profile_create(user=request.user, **data)
        profile = selectors.profile_for_user(user=request.user)
        return Response(ProfileOutputSerializer(profile).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="profile_partial_update",
        tags=[TAG],
        summary="Situatie en voorkeuren aanpassen",
        description="Stuur alleen de velden die veranderen.",
        request=ProfileInputSerializer(partial=True),
        responses={200: ProfileOutputSerializer, **ERRORS},
    )
    def patch(self, request):
        profile = self.own_profile()
        serializer = ProfileInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        if not serializer.validated_data:
            # Only unknown fields, or none: nothing to change, and nothing is stored.
            raise ApplicationError(
                _("Stuur ten minste één veld dat u wilt veranderen, bijvoorbeeld status."),
                code="nothing_to_change",
            )
        services.profile_update_preferences(profile=profile, **serializer.validated_data)
        return Response(ProfileOutputSerializer(selectors.profile_for_user(user=request.user)).data)


class CompetencyListView(OwnProfileAPIView):
    @extend_schema(
        operation_id="profile_competencies_list",
        tags=[TAG],
        summary="Mijn competenties",
        responses={200: ResidentCompetencyOutputSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        rows = selectors.resident_competencies(profile=self.own_profile())
        return Response(ResidentCompetencyOutputSerializer(rows, many=True).data)

    @extend_schema(
        operation_id="profile_competencies_add",
        tags=[TAG],
        summary="Competentie toevoegen of aanpassen",
        description="Staat de competentie al in het profiel, dan veranderen niveau, bron, bewijs en datum (200).",
        request=ResidentCompetencyInputSerializer,
        responses={
            201: ResidentCompetencyOutputSerializer,
            200: ResidentCompetencyOutputSerializer,
            **ERRORS,
        },
    )
    def post(self, request):
        profile = self.own_profile()
        serializer = ResidentCompetencyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        competency = data["code"]
        existed = selectors.resident_competency_for_code(profile=profile, code=competency.code) is not None
        row = services.resident_competency_add(
            profile=profile,
            competency=competency,
            level=data["level"],
            source=data["source"],
            evidence=data["evidence"],
            obtained_on=data.get("obtained_on"),
        )
        return Response(
            ResidentCompetencyOutputSerializer(row).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )


class CompetencyDetailView(OwnProfileAPIView):
    @extend_schema(
        operation_id="profile_competencies_remove",
        tags=[TAG],
        summary="Competentie weghalen",
        responses={204: None, **ERRORS},
    )
    def delete(self, request, code: str):
        profile = self.own_profile()
        row = selectors.resident_competency_for_code(profile=profile, code=code)
        if row is None:
            raise ApplicationError(
                _("Deze competentie staat niet in uw profiel."), code="not_found", status=404
            )
        services.resident_competency_remove(profile=profile, competency=row.competency)
        return Response(status=status.HTTP_204_NO_CONTENT)


class WorkExperienceListView(OwnProfileAPIView):
    @extend_schema(
        operation_id="profile_work_experiences_list",
        tags=[TAG],
        summary="Mijn werkervaring",
        responses={200: WorkExperienceOutputSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        rows = selectors.work_experiences(profile=self.own_profile())
        return Response(WorkExperienceOutputSerializer(rows, many=True).data)

    @extend_schema(
        operation_id="profile_work_experiences_add",
        tags=[TAG],
        summary="Werkervaring toevoegen",
        request=WorkExperienceInputSerializer,
        responses={201: WorkExperienceOutputSerializer, **ERRORS},
    )
    def post(self, request):
        profile = self.own_profile()
        serializer = WorkExperienceInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        experience = services.work_experience_add(
            profile=profile,
            occupation=data.get("occupation"),
            job_title=data.get("job_title", ""),
            employer_name=data.get("employer_name", ""),
            started_on=data["started_on"],
            ended_on=data.get("ended_on"),
            description=data.get("description", ""),
        )
        return Response(WorkExperienceOutputSerializer(experience).data, status=status.HTTP_201_CREATED)


class WorkExperienceDetailView(OwnProfileAPIView):
    @extend_schema(
        operation_id="profile_work_experiences_remove",
        tags=[TAG],
        summary="Werkervaring weghalen",
        responses={204: None, **ERRORS},
    )
    def delete(self, request, pk: int):
        services.work_experience_remove(profile=self.own_profile(), work_experience_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class EducationListView(OwnProfileAPIView):
    @extend_schema(
        operation_id="profile_educations_list",
        tags=[TAG],
        summary="Mijn opleidingen",
        responses={200: EducationOutputSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        rows = selectors.educations(profile=self.own_profile())
        return Response(EducationOutputSerializer(rows, many=True).data)

    @extend_schema(
        operation_id="profile_educations_add",
        tags=[TAG],
        summary="Opleiding toevoegen",
        request=EducationInputSerializer,
        responses={201: EducationOutputSerializer, **ERRORS},
    )
    def post(self, request):
        profile = self.own_profile()
        serializer = EducationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        education = services.education_add(profile=profile, **serializer.validated_data)
        return Response(EducationOutputSerializer(education).data, status=status.HTTP_201_CREATED)


class EducationDetailView(OwnProfileAPIView):
    @extend_schema(
        operation_id="profile_educations_remove",
        tags=[TAG],
        summary="Opleiding weghalen",
        responses={204: None, **ERRORS},
    )
    def delete(self, request, pk: int):
        services.education_remove(profile=self.own_profile(), education_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
