"""``/api/v1/profile/``: the logged-in resident's own profile."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.ProfileView.as_view(), name="profile"),
    path("competencies/", views.CompetencyListView.as_view(), name="profile-competencies"),
    path("competencies/<str:code>/", views.CompetencyDetailView.as_view(), name="profile-competency"),
    path("work-experiences/", views.WorkExperienceListView.as_view(), name="profile-work-experiences"),
    path(
        "work-experiences/<int:pk>/", views.WorkExperienceDetailView.as_view(), name="profile-work-experience"
    ),
    path("educations/", views.EducationListView.as_view(), name="profile-educations"),
    path("educations/<int:pk>/", views.EducationDetailView.as_view(), name="profile-education"),
]
