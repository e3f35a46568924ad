from django.urls import path

from doorleren.taxonomy.api import views

urlpatterns = [
    path("occupations/", views.OccupationListApi.as_view(), name="taxonomy-occupation-list"),
    path(
        "occupations/<str:esco_id>/", views.OccupationDetailApi.as_view(), name="taxonomy-occupation-detail"
    ),
    path("skills/", views.SkillListApi.as_view(), name="taxonomy-skill-list"),
    path("skills/<str:esco_id>/", views.SkillDetailApi.as_view(), name="taxonomy-skill-detail"),
    path("sectors/", views.SectorListApi.as_view(), name="taxonomy-sector-list"),
    path("competencies/", views.CompetencyListApi.as_view(), name="taxonomy-competency-list"),
    path("competencies/<str:code>/", views.CompetencyDetailApi.as_view(), name="taxonomy-competency-detail"),
    path(
        "regional-occupations/",
        views.RegionalOccupationListApi.as_view(),
        name="taxonomy-regional-occupation-list",
    ),
    path(
        "regional-occupations/<str:code>/",
        views.RegionalOccupationDetailApi.as_view(),
        name="taxonomy-regional-occupation-detail",
    ),
    path("search/<str:kind>/", views.SearchApi.as_view(), name="taxonomy-search"),
    path("text-competencies/", views.TextCompetenciesApi.as_view(), name="taxonomy-text-competencies"),
]
